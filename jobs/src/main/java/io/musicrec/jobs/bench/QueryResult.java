package io.musicrec.jobs.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The query stage's figures. The headline ones are those of the {@code similar} workload: p50 and
 * p99 with one client, the best throughput over the concurrency levels, and recall@10 against
 * exact search at the store's configured effort.
 *
 * @param searchEffort the embedded store's search effort for the headline figures (null for Qdrant)
 * @param workloads per workload, one latency summary per concurrency level
 * @param effortSweep recall and latency of "similar" across search efforts (embedded store only)
 */
public record QueryResult(
    String store,
    int indexSize,
    String headlineWorkload,
    Integer searchEffort,
    @JsonProperty("recall_at_10") double recallAt10,
    double p50Ms,
    double p99Ms,
    double qps,
    int qpsAtConcurrency,
    Map<String, List<Latencies>> workloads,
    List<QueryBenchmark.EffortPoint> effortSweep) {

  static QueryResult of(String store, int indexSize, Integer searchEffort, double recall,
      Map<String, List<Latencies>> workloads, List<QueryBenchmark.EffortPoint> sweep) {
    List<Latencies> headline = workloads.get(QueryBenchmark.HEADLINE);
    Latencies single = headline.get(0);
    Latencies best = headline.stream().max(java.util.Comparator.comparingDouble(Latencies::qps)).orElseThrow();
    return new QueryResult(store, indexSize, QueryBenchmark.HEADLINE, searchEffort, recall, single.p50Ms(),
        single.p99Ms(), best.qps(), best.concurrency(), workloads, sweep);
  }
}
