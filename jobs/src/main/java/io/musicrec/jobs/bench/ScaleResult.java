package io.musicrec.jobs.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One size of {@code bench --stages scale}: {@code scale.<dimension>.<points>} in report.json. The
 * headline ratios compare the project's embedded store with raw Lucene on the same vectors in the
 * same run; {@code recall_at_10} is the project's "similar" recall against the exact scan.
 *
 * @param hnswM the HNSW graph's links per point, both sides ({@code layout.hnsw_m})
 * @param hnswEfConstruct the graph's build-time candidate list, both sides ({@code layout.hnsw_ef_construct})
 * @param ingestRatioVsLucene project points/s to searchable / raw Lucene's (target >= 0.8); null when
 *     the run left raw Lucene out ({@code --scale-reference none}), as are the other Lucene figures
 * @param searchEffort HNSW candidates per query in the headline figures: the embedded store's
 *     automatic effort at this size, given to raw Lucene as its k
 * @param searchP99RatioVsLucene project search p99 / raw Lucene's at the same HNSW effort (target <= 1.5);
 *     null without raw Lucene
 * @param lucene raw Lucene's figures on the same vectors; null when the run left it out
 * @param rssPeakMb the project side's peak resident memory (heap plus touched index pages)
 * @param effortSweep recall and latency at each swept effort (raw Lucene's too, when it ran)
 */
public record ScaleResult(
    int dimension,
    long points,
    String quantization,
    int hnswM,
    int hnswEfConstruct,
    int searchEffort,
    Double ingestRatioVsLucene,
    Double searchP99RatioVsLucene,
    @JsonProperty("recall_at_10") double recallAt10,
    double bestScoreP99Ms,
    double sumScoresP99Ms,
    double averageVectorP99Ms,
    double rssPeakMb,
    Side project,
    Side lucene,
    List<EffortPoint> effortSweep,
    double exactScanSeconds) {

  /** A ratio against raw Lucene as "1.23x", or a dash saying why there is none. */
  static String ratioText(Double ratio) {
    return ratio == null ? "- (no raw Lucene)" : String.format(java.util.Locale.ROOT, "%.2fx", ratio);
  }

  /**
   * Both sides at one search effort: "search" timed in alternation on the same queries, recall
   * against the exact scan; the project's recommend recall, whose candidate lists grow with the effort.
   */
  public record EffortPoint(
      int searchEffort,
      @JsonProperty("project_recall_at_10") double projectRecallAt10,
      @JsonProperty("lucene_recall_at_10") Double luceneRecallAt10,
      double projectP50Ms,
      double projectP99Ms,
      Double luceneP50Ms,
      Double luceneP99Ms,
      @JsonProperty("recommend_recall_at_10") Map<String, Double> recommendRecallAt10) {}

  /**
   * What one side measured. {@code load_average_*} bracket this side's load; {@code query_load_average_*}
   * the queries, which both sides answer in alternation.
   *
   * @param ingestPointsPerS points / time to searchable (adding, committing, merging, opening a reader)
   * @param addSeconds handing every point to the index until it is durable
   * @param finishSeconds from there to searchable: the force-merge to one segment and a fresh reader
   * @param loadCpuSeconds CPU time of the whole process over the load (all threads): the work done,
   *     which other processes on a shared machine do not inflate the way they inflate wall time
   * @param recommendRecallAt10 per strategy, top 10 against the exact formula over every point
   * @param searchAtCores "search" with one closed-loop client per core: throughput (qps) and latency
   * @param search "search", one client; timed in alternation with the other side on the same queries
   */
  public record Side(
      double ingestPointsPerS,
      double addSeconds,
      double finishSeconds,
      double timeToSearchableS,
      double loadCpuSeconds,
      double diskMb,
      double rssStartMb,
      double rssPeakMb,
      @JsonProperty("recall_at_10") double recallAt10,
      @JsonProperty("filtered_recall_at_10") double filteredRecallAt10,
      Latencies search,
      Latencies filteredSearch,
      Latencies searchAtCores,
      Map<String, Latencies> recommend,
      @JsonProperty("recommend_recall_at_10") Map<String, Double> recommendRecallAt10,
      double loadAverageStart,
      double loadAverageEnd,
      double queryLoadAverageStart,
      double queryLoadAverageEnd) {}
}
