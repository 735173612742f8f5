package io.musicrec.jobs.bench;

import io.musicrec.jobs.report.Charts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Cost against index size (log x), the project's embedded store beside raw Lucene, one line per dimension. */
final class ScaleCharts {
  static final String INGEST = "scale_ingest.png";
  static final String SEARCH = "scale_search_p99.png";
  static final String RECOMMEND = "scale_recommend_p99.png";
  static final String MEMORY = "scale_memory_disk.png";
  static final String EFFORT = "scale_effort_recall.png";

  private ScaleCharts() {}

  static Map<String, String> write(Path dir, Map<String, Map<String, ScaleResult>> scale) {
    Map<String, String> charts = new LinkedHashMap<>();
    Map<String, double[][]> ingest = new LinkedHashMap<>();
    Map<String, double[][]> search = new LinkedHashMap<>();
    Map<String, double[][]> recommend = new LinkedHashMap<>();
    Map<String, double[][]> memory = new LinkedHashMap<>();
    Map<String, double[][]> effort = new LinkedHashMap<>();
    scale.forEach((dimension, bySize) -> {
      List<ScaleResult> runs = new ArrayList<>(bySize.values());
      runs.sort((a, b) -> Long.compare(a.points(), b.points()));
      String d = " " + dimension + "-d";
      ingest.put("project" + d, series(runs, r -> r.project().ingestPointsPerS()));
      List<ScaleResult> withLuceneRuns = runs.stream().filter(r -> r.lucene() != null).toList();
      if (!withLuceneRuns.isEmpty()) ingest.put("raw Lucene" + d, series(withLuceneRuns, r -> r.lucene().ingestPointsPerS()));
      search.put("project" + d, series(runs, r -> r.project().search().p99Ms()));
      if (!withLuceneRuns.isEmpty()) search.put("raw Lucene" + d, series(withLuceneRuns, r -> r.lucene().search().p99Ms()));
      search.put("project filtered" + d, series(runs, r -> r.project().filteredSearch().p99Ms()));
      if (!withLuceneRuns.isEmpty()) search.put("raw Lucene filtered" + d, series(withLuceneRuns, r -> r.lucene().filteredSearch().p99Ms()));
      recommend.put("average_vector" + d, series(runs, ScaleResult::averageVectorP99Ms));
      recommend.put("best_score" + d, series(runs, ScaleResult::bestScoreP99Ms));
      recommend.put("sum_scores" + d, series(runs, ScaleResult::sumScoresP99Ms));
      memory.put("project RSS" + d, series(runs, r -> r.project().rssPeakMb()));
      if (!withLuceneRuns.isEmpty()) memory.put("raw Lucene RSS" + d, series(withLuceneRuns, r -> r.lucene().rssPeakMb()));
      memory.put("project disk" + d, series(runs, r -> r.project().diskMb()));
      if (!withLuceneRuns.isEmpty()) memory.put("raw Lucene disk" + d, series(withLuceneRuns, r -> r.lucene().diskMb()));
      for (ScaleResult r : runs) {
        if (r.effortSweep().isEmpty()) continue;
        double[] x = r.effortSweep().stream().mapToDouble(ScaleResult.EffortPoint::searchEffort).toArray();
        String run = d + " x " + r.points();
        effort.put("project" + run, new double[][] {x, r.effortSweep().stream().mapToDouble(ScaleResult.EffortPoint::projectRecallAt10).toArray()});
        if (r.lucene() != null) {
          effort.put("raw Lucene" + run, new double[][] {x, r.effortSweep().stream().mapToDouble(ScaleResult.EffortPoint::luceneRecallAt10).toArray()});
        }
      }
    });
    Charts.lines(dir.resolve(INGEST), "Load: points/s until searchable (incl. force-merge)", "points", "points/s", ingest, true);
    charts.put("scale_ingest", INGEST);
    Charts.lines(dir.resolve(SEARCH), "Search p99 (top 10, one client)", "points", "ms", search, true);
    charts.put("scale_search_p99", SEARCH);
    Charts.lines(dir.resolve(RECOMMEND), "Recommend p99, embedded store (2 liked, 1 disliked)", "points", "ms", recommend, true);
    charts.put("scale_recommend_p99", RECOMMEND);
    Charts.lines(dir.resolve(MEMORY), "Peak resident memory and index size on disk", "points", "MB", memory, true);
    charts.put("scale_memory_disk", MEMORY);
    if (!effort.isEmpty()) {
      Charts.lines(dir.resolve(EFFORT), "Recall@10 against search effort (HNSW candidates per query)", "effort", "recall@10", effort, true);
      charts.put("scale_effort_recall", EFFORT);
    }
    return charts;
  }

  private static double[][] series(List<ScaleResult> runs, ToDoubleFunction<ScaleResult> y) {
    return new double[][] {runs.stream().mapToDouble(ScaleResult::points).toArray(), runs.stream().mapToDouble(y).toArray()};
  }
}
