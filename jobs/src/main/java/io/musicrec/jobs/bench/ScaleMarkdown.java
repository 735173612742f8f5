package io.musicrec.jobs.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scale section of report.md: one table per index size, project and raw Lucene side by side,
 * or the project alone when the run left Lucene out ({@code --scale-reference none}).
 */
final class ScaleMarkdown {
  private final StringBuilder md = new StringBuilder();

  private ScaleMarkdown() {}

  static String render(Map<String, Map<String, ScaleResult>> scale, Map<String, String> charts) {
    ScaleMarkdown m = new ScaleMarkdown();
    boolean withLucene = scale.values().stream().map(Map::values).flatMap(Collection::stream).anyMatch(r -> r.lucene() != null);
    m.line("## Scale");
    m.line("");
    m.line("Synthetic clustered non-negative vectors (512 clusters, ReLU-like), loaded into the embedded store through"
        + " the VectorStore API (one bulk writer per core, then `finishLoad`)" + (withLucene
            ? " and into raw Lucene 9.12 (the same HNSW graph settings, M and ef_construct in each run's title; same write"
                + " buffer, `addDocument` on as many threads, commit, `forceMerge(1)`), one after the other in one JVM. Both"
                + " search"
            : "; raw Lucene was left out of this run (`--scale-reference none`), so there are no ratios. It searches")
        + " with the embedded store's automatic number of HNSW candidates for the size (100 up to 100k points, doubling"
        + " with every fourfold growth) and keeps 10; a sweep of efforts shows recall against latency. Recall is against"
        + " an exact scan of every point; recommend requests have 2 liked tracks and 1 disliked. Search latencies: one"
        + " client" + (withLucene ? ", each query asked of both indexes in alternation (same machine load, same JIT state)"
            + "; q/s: one closed-loop client per core per side. Peak RSS is measured over each side's load (heap plus touched"
            + " index pages); the second side (raw Lucene) starts with the heap the first one grew."
            : "; q/s: one closed-loop client per core. Peak RSS is measured over the load (heap plus touched index pages)."));
    m.line("");
    m.line("| run | headline |");
    m.line("|---|---|");
    scale.forEach((d, bySize) -> bySize.forEach((n, r) -> m.line("| %s-d, %s points (%s, M %d, ef_construct %d) | ingest %s,"
        + " search p99 %s, recall@10 %.3f, best_score p99 %.1f ms, sum_scores p99 %.1f ms, average_vector p99 %.1f ms |", d, n,
        r.quantization(), r.hnswM(), r.hnswEfConstruct(), ScaleResult.ratioText(r.ingestRatioVsLucene()),
        ScaleResult.ratioText(r.searchP99RatioVsLucene()), r.recallAt10(), r.bestScoreP99Ms(), r.sumScoresP99Ms(),
        r.averageVectorP99Ms())));
    m.line("");
    scale.forEach((d, bySize) -> bySize.forEach((n, r) -> m.run(r)));
    for (String chart : new String[] {"scale_ingest", "scale_search_p99", "scale_recommend_p99", "scale_memory_disk", "scale_effort_recall"}) {
      String file = charts.get(chart);
      if (file != null) m.line("![%s](%s)%n", chart, file);
    }
    return m.md.toString();
  }

  private void run(ScaleResult r) {
    ScaleResult.Side p = r.project();
    ScaleResult.Side l = r.lucene();
    line("### %d-d, %d points (%s, HNSW M %d, ef_construct %d, search effort %d)", r.dimension(), r.points(), r.quantization(),
        r.hnswM(), r.hnswEfConstruct(), r.searchEffort());
    line("");
    Table t = new Table().column("", true).column("embedded store", true).column("raw Lucene", l != null).column("ratio", l != null);
    t.row("ingest points/s (to searchable)", f("%.0f", p.ingestPointsPerS()), l == null ? null : f("%.0f", l.ingestPointsPerS()),
        r.ingestRatioVsLucene() == null ? null : f("%.2f", r.ingestRatioVsLucene()));
    t.row("time to searchable s (add + merge/open)", searchable(p), l == null ? null : searchable(l), "");
    t.row("CPU s over the load (all threads)", f("%.1f", p.loadCpuSeconds()), l == null ? null : f("%.1f", l.loadCpuSeconds()),
        l == null || l.loadCpuSeconds() <= 0 ? "" : f("%.2f", p.loadCpuSeconds() / l.loadCpuSeconds()));
    t.row("disk MB", f("%.0f", p.diskMb()), l == null ? null : f("%.0f", l.diskMb()), l == null ? "" : f("%.2f", p.diskMb() / l.diskMb()));
    t.row("peak RSS MB (at start)", f("%.0f (%.0f)", p.rssPeakMb(), p.rssStartMb()),
        l == null ? null : f("%.0f (%.0f)", l.rssPeakMb(), l.rssStartMb()), "");
    t.row("search p50 / p99 ms", latency(p.search()), l == null ? null : latency(l.search()),
        r.searchP99RatioVsLucene() == null ? null : f("%.2f (p99)", r.searchP99RatioVsLucene()));
    t.row("filtered search (1 genre of 10) p50 / p99 ms", latency(p.filteredSearch()), l == null ? null : latency(l.filteredSearch()), "");
    t.row(f("search q/s at %d clients", p.searchAtCores().concurrency()), f("%.0f", p.searchAtCores().qps()),
        l == null ? null : f("%.0f", l.searchAtCores().qps()),
        l == null || l.searchAtCores().qps() <= 0 ? "" : f("%.2f", p.searchAtCores().qps() / l.searchAtCores().qps()));
    t.row("recall@10 (filtered)", f("%.3f (%.3f)", p.recallAt10(), p.filteredRecallAt10()),
        l == null ? null : f("%.3f (%.3f)", l.recallAt10(), l.filteredRecallAt10()), "");
    p.recommend().forEach((strategy, lat) -> t.row("recommend " + strategy + " p50 / p99 ms (recall@10)",
        f("%s (%.3f)", latency(lat), p.recommendRecallAt10().getOrDefault(strategy, 0.0)), "", ""));
    t.row("load average during load (start / end)", f("%.2f / %.2f", p.loadAverageStart(), p.loadAverageEnd()),
        l == null ? null : f("%.2f / %.2f", l.loadAverageStart(), l.loadAverageEnd()), "");
    t.row("load average during queries (start / end)", f("%.2f / %.2f", p.queryLoadAverageStart(), p.queryLoadAverageEnd()),
        "(same run)", "");
    t.lines().forEach(this::line);
    line("");
    if (!r.effortSweep().isEmpty()) {
      line("Search effort (HNSW candidates per query; the headline above used %d):", r.searchEffort());
      line("");
      String vs = l == null ? "" : " embedded / raw Lucene";
      Table sweep = new Table().column("effort", true).column("recall@10" + vs, true).column("search p50 ms" + vs, true)
          .column("search p99 ms" + vs, true).column("recommend recall@10, embedded: "
              + String.join(" / ", r.effortSweep().get(0).recommendRecallAt10().keySet()), true);
      for (ScaleResult.EffortPoint e : r.effortSweep()) {
        String recommend = e.recommendRecallAt10().values().stream().map(v -> f("%.3f", v)).collect(Collectors.joining(" / "));
        sweep.row(Integer.toString(e.searchEffort()), pair("%.3f", e.projectRecallAt10(), e.luceneRecallAt10()),
            pair("%.2f", e.projectP50Ms(), e.luceneP50Ms()), pair("%.2f", e.projectP99Ms(), e.luceneP99Ms()), recommend);
      }
      sweep.lines().forEach(this::line);
      line("");
    }
    line("Exact answers by a full scan took %.1f s.", r.exactScanSeconds());
    line("");
  }

  /** A markdown table; a column added as not shown (raw Lucene's, in a run without it) drops its cells. */
  private static final class Table {
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> shown = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    Table column(String header, boolean show) {
      headers.add(header);
      shown.add(show);
      return this;
    }

    /** One cell per column, shown or not; null where there is nothing to say. */
    void row(String... cells) {
      lines.add(format(java.util.Arrays.stream(cells).map(c -> c == null ? "" : c).toList()));
    }

    List<String> lines() {
      List<String> out = new ArrayList<>();
      out.add(format(headers));
      // The first column names the row; the figures line up on the right.
      out.add("|---|" + "---:|".repeat((int) shown.stream().filter(b -> b).count() - 1));
      out.addAll(lines);
      return out;
    }

    private String format(List<String> cells) {
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) if (shown.get(i)) kept.add(cells.get(i));
      return "| " + String.join(" | ", kept) + " |";
    }
  }

  /** "embedded / raw Lucene", or the embedded figure alone when the run left Lucene out. */
  private static String pair(String format, double embedded, Double lucene) {
    return f(format, embedded) + (lucene == null ? "" : " / " + f(format, lucene));
  }

  private static String searchable(ScaleResult.Side s) {
    return f("%.1f (%.1f + %.1f)", s.timeToSearchableS(), s.addSeconds(), s.finishSeconds());
  }

  private static String latency(Latencies l) {
    return f("%.2f / %.2f", l.p50Ms(), l.p99Ms());
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private void line(String format, Object... args) {
    md.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
