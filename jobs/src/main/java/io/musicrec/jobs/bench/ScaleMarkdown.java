package io.musicrec.jobs.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The scale section of report.md: one table per index size, project and raw Lucene side by side. */
final class ScaleMarkdown {
  private final StringBuilder md = new StringBuilder();

  private ScaleMarkdown() {}

  static String render(Map<String, Map<String, ScaleResult>> scale, Map<String, String> charts) {
    ScaleMarkdown m = new ScaleMarkdown();
    m.line("## Scale");
    m.line("");
    m.line("Synthetic clustered non-negative vectors (512 clusters, ReLU-like), loaded into the embedded store through"
        + " the VectorStore API (one bulk writer per core, then `finishLoad`) and into raw Lucene 9.12 (same HNSW M and"
        + " beam width, same write buffer, `addDocument` on as many threads, commit, `forceMerge(1)`), one after the"
        + " other in one JVM. Both search with the embedded store's automatic number of HNSW candidates for the size"
        + " (100 up to 100k points, doubling with every fourfold growth) and keep 10; a sweep of efforts shows both"
        + " sides' recall against latency. Both build the same HNSW graph (M and ef_construct in each run's title). Recall is against an exact scan of"
        + " every point; recommend requests have 2 liked tracks and 1 disliked. Search latencies: one client, each"
        + " query asked of both indexes in alternation (same machine load, same JIT state); q/s: one closed-loop"
        + " client per core per side. Peak RSS is measured over each side's load (heap plus touched index pages);"
        + " the second side (raw Lucene) starts with the heap the first one grew.");
    m.line("");
    m.line("| run | headline |");
    m.line("|---|---|");
    scale.forEach((d, bySize) -> bySize.forEach((n, r) -> m.line("| %s-d, %s points (%s, M %d, ef_construct %d) | ingest %s,"
        + " search p99 %s, recall@10 %.3f, best_score p99 %.1f ms, sum_scores p99 %.1f ms, average_vector p99 %.1f ms |", d, n,
        r.quantization(), r.hnswM(), r.hnswEfConstruct(), ratio(r.ingestRatioVsLucene()), ratio(r.searchP99RatioVsLucene()),
        r.recallAt10(), r.bestScoreP99Ms(), r.sumScoresP99Ms(), r.averageVectorP99Ms())));
    m.line("");
    scale.forEach((d, bySize) -> bySize.forEach((n, r) -> m.run(r)));
    for (String chart : new String[] {"scale_ingest", "scale_search_p99", "scale_recommend_p99", "scale_memory_disk", "scale_effort_recall"}) {
      String file = charts.get(chart);
      if (file != null) m.line("![%s](%s)%n", chart, file);
    }
    return m.md.toString();
  }

  /** A ratio against raw Lucene, or a dash when the run left Lucene out. */
  private static String ratio(Double x) {
    return x == null ? "- (no raw Lucene)" : String.format(Locale.ROOT, "%.2fx", x);
  }

  private void run(ScaleResult r) {
    ScaleResult.Side p = r.project();
    ScaleResult.Side l = r.lucene();
    line("### %d-d, %d points (%s, HNSW M %d, ef_construct %d, search effort %d)", r.dimension(), r.points(), r.quantization(),
        r.hnswM(), r.hnswEfConstruct(), r.searchEffort());
    line("");
    if (l == null) {
      projectOnly(r);
      return;
    }
    line("| | embedded store | raw Lucene | ratio |");
    line("|---|---:|---:|---:|");
    line("| ingest points/s (to searchable) | %.0f | %.0f | %.2f |", p.ingestPointsPerS(), l.ingestPointsPerS(), r.ingestRatioVsLucene());
    line("| time to searchable s (add + merge/open) | %.1f (%.1f + %.1f) | %.1f (%.1f + %.1f) | |",
        p.timeToSearchableS(), p.addSeconds(), p.finishSeconds(), l.timeToSearchableS(), l.addSeconds(), l.finishSeconds());
    line("| CPU s over the load (all threads) | %.1f | %.1f | %.2f |", p.loadCpuSeconds(), l.loadCpuSeconds(),
        l.loadCpuSeconds() > 0 ? p.loadCpuSeconds() / l.loadCpuSeconds() : 0);
    line("| disk MB | %.0f | %.0f | %.2f |", p.diskMb(), l.diskMb(), p.diskMb() / l.diskMb());
    line("| peak RSS MB (at start) | %.0f (%.0f) | %.0f (%.0f) | |", p.rssPeakMb(), p.rssStartMb(), l.rssPeakMb(), l.rssStartMb());
    line("| search p50 / p99 ms | %.2f / %.2f | %.2f / %.2f | %.2f (p99) |", p.search().p50Ms(), p.search().p99Ms(),
        l.search().p50Ms(), l.search().p99Ms(), r.searchP99RatioVsLucene());
    line("| filtered search (1 genre of 10) p50 / p99 ms | %.2f / %.2f | %.2f / %.2f | |", p.filteredSearch().p50Ms(),
        p.filteredSearch().p99Ms(), l.filteredSearch().p50Ms(), l.filteredSearch().p99Ms());
    line("| search q/s at %d clients | %.0f | %.0f | %.2f |", p.searchAtCores().concurrency(), p.searchAtCores().qps(),
        l.searchAtCores().qps(), l.searchAtCores().qps() > 0 ? p.searchAtCores().qps() / l.searchAtCores().qps() : 0);
    line("| recall@10 (filtered) | %.3f (%.3f) | %.3f (%.3f) | |", p.recallAt10(), p.filteredRecallAt10(), l.recallAt10(), l.filteredRecallAt10());
    p.recommend().forEach((strategy, lat) -> line("| recommend %s p50 / p99 ms (recall@10) | %.2f / %.2f (%.3f) | | |",
        strategy, lat.p50Ms(), lat.p99Ms(), p.recommendRecallAt10().getOrDefault(strategy, 0.0)));
    line("| load average during load (start / end) | %.2f / %.2f | %.2f / %.2f | |", p.loadAverageStart(), p.loadAverageEnd(),
        l.loadAverageStart(), l.loadAverageEnd());
    line("| load average during queries (start / end) | %.2f / %.2f | (same run) | |", p.queryLoadAverageStart(),
        p.queryLoadAverageEnd());
    line("");
    if (!r.effortSweep().isEmpty()) {
      line("Search effort (HNSW candidates per query; the headline above used %d):", r.searchEffort());
      line("");
      line("| effort | recall@10 embedded / raw Lucene | search p50 ms embedded / raw | search p99 ms embedded / raw |"
          + " recommend recall@10, embedded: %s |", String.join(" / ", r.effortSweep().get(0).recommendRecallAt10().keySet()));
      line("|---:|---|---|---|---|");
      for (ScaleResult.EffortPoint e : r.effortSweep()) {
        line("| %d | %.3f / %.3f | %.2f / %.2f | %.2f / %.2f | %s |", e.searchEffort(), e.projectRecallAt10(),
            e.luceneRecallAt10(), e.projectP50Ms(), e.luceneP50Ms(), e.projectP99Ms(), e.luceneP99Ms(), recommendRecall(e));
      }
      line("");
    }
    line("Exact answers by a full scan took %.1f s.", r.exactScanSeconds());
    line("");
  }

  /** A run without raw Lucene ({@code --scale-reference none}): the store's own figures. */
  private void projectOnly(ScaleResult r) {
    ScaleResult.Side p = r.project();
    line("Raw Lucene was left out of this run, so there are no ratios: the store's figures alone.");
    line("");
    line("| | embedded store |");
    line("|---|---:|");
    line("| ingest points/s (to searchable) | %.0f |", p.ingestPointsPerS());
    line("| time to searchable s (add + merge/open) | %.1f (%.1f + %.1f) |", p.timeToSearchableS(), p.addSeconds(), p.finishSeconds());
    line("| CPU s over the load (all threads) | %.1f |", p.loadCpuSeconds());
    line("| disk MB | %.0f |", p.diskMb());
    line("| peak RSS MB (at start) | %.0f (%.0f) |", p.rssPeakMb(), p.rssStartMb());
    line("| search p50 / p99 ms | %.2f / %.2f |", p.search().p50Ms(), p.search().p99Ms());
    line("| filtered search (1 genre of 10) p50 / p99 ms | %.2f / %.2f |", p.filteredSearch().p50Ms(), p.filteredSearch().p99Ms());
    line("| search q/s at %d clients | %.0f |", p.searchAtCores().concurrency(), p.searchAtCores().qps());
    line("| recall@10 (filtered) | %.3f (%.3f) |", p.recallAt10(), p.filteredRecallAt10());
    p.recommend().forEach((strategy, lat) -> line("| recommend %s p50 / p99 ms (recall@10) | %.2f / %.2f (%.3f) |",
        strategy, lat.p50Ms(), lat.p99Ms(), p.recommendRecallAt10().getOrDefault(strategy, 0.0)));
    line("| load average during load (start / end) | %.2f / %.2f |", p.loadAverageStart(), p.loadAverageEnd());
    line("| load average during queries (start / end) | %.2f / %.2f |", p.queryLoadAverageStart(), p.queryLoadAverageEnd());
    line("");
    if (!r.effortSweep().isEmpty()) {
      line("Search effort (HNSW candidates per query; the headline above used %d):", r.searchEffort());
      line("");
      line("| effort | recall@10 | search p50 / p99 ms | recommend recall@10: %s |",
          String.join(" / ", r.effortSweep().get(0).recommendRecallAt10().keySet()));
      line("|---:|---|---|---|");
      for (ScaleResult.EffortPoint e : r.effortSweep()) {
        line("| %d | %.3f | %.2f / %.2f | %s |", e.searchEffort(), e.projectRecallAt10(), e.projectP50Ms(), e.projectP99Ms(),
            recommendRecall(e));
      }
      line("");
    }
    line("Exact answers by a full scan took %.1f s.", r.exactScanSeconds());
    line("");
  }

  private static String recommendRecall(ScaleResult.EffortPoint e) {
    return e.recommendRecallAt10().values().stream().map(v -> String.format(Locale.ROOT, "%.3f", v))
        .collect(Collectors.joining(" / "));
  }

  private void line(String format, Object... args) {
    md.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
