package io.musicrec.jobs.bench;

import io.musicrec.store.RecommendStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code bench --stages scale}: synthetic clustered vectors loaded into the project's embedded
 * store (through the VectorStore API) and into raw Lucene, one after the other in the same JVM, then
 * the same queries on both, graded against an exact scan. Each side's index is deleted once
 * measured, so the disk holds one index at a time.
 */
final class ScaleBenchmark {
  private static final long SEED = 2026;
  private final ScaleOptions options;
  private final Path work;
  private final int threads;
  private final Consumer<String> log;

  ScaleBenchmark(ScaleOptions options, Path work, int threads, Consumer<String> log) {
    this.options = options;
    this.work = work;
    this.threads = threads;
    this.log = log;
  }

  /** dimension -> points -> result, in the order run. */
  Map<String, Map<String, ScaleResult>> run() throws Exception {
    Map<String, Map<String, ScaleResult>> out = new LinkedHashMap<>();
    for (ScaleOptions.Run run : options.runs()) {
      ScaleResult r = measure(run);
      out.computeIfAbsent(Integer.toString(run.dimension()), d -> new LinkedHashMap<>()).put(Integer.toString(run.points()), r);
    }
    return out;
  }

  private ScaleResult measure(ScaleOptions.Run run) throws Exception {
    ScaleVectors vectors = new ScaleVectors(run.dimension(), SEED);
    ScaleQueries queries = ScaleQueries.make(vectors, run.points(), options.searchQueries(), options.recommendRequests(), SEED);
    say("scale %dx%d (%s): exact answers of %d searches and %d recommend requests by a full scan...",
        run.dimension(), run.points(), options.quantization(), options.searchQueries(), options.recommendRequests());
    long t0 = System.nanoTime();
    ExactAnswers exact = ExactAnswers.compute(vectors, run.points(), queries, threads);
    double exactSeconds = Latencies.round((System.nanoTime() - t0) / 1e9);
    Path dir = work.resolve(run.dimension() + "x" + run.points());
    deleteTree(dir);
    ScaleResult.Side project;
    try (ProjectScaleSide side = new ProjectScaleSide(dir.resolve("project"), options.quantization())) {
      project = measure("project", side, vectors, run.points(), queries, exact);
    }
    deleteTree(dir.resolve("project"));
    ScaleResult.Side lucene;
    try (LuceneScaleSide side = new LuceneScaleSide(dir.resolve("lucene"), options.quantization())) {
      lucene = measure("lucene", side, vectors, run.points(), queries, exact);
    }
    deleteTree(dir);
    ScaleResult r = new ScaleResult(run.dimension(), run.points(), options.quantization().name().toLowerCase(Locale.ROOT),
        ratio(project.ingestPointsPerS(), lucene.ingestPointsPerS()),
        ratio(project.search().p99Ms(), lucene.search().p99Ms()),
        project.recallAt10(),
        project.recommend().get("best_score").p99Ms(),
        project.recommend().get("sum_scores").p99Ms(),
        project.recommend().get("average_vector").p99Ms(),
        project.rssPeakMb(), project, lucene, exactSeconds);
    say("  ingest ratio %.2f, search p99 ratio %.2f, recall@10 %.3f; recommend p99 best_score %.1f, sum_scores %.1f,"
            + " average_vector %.1f ms; RSS peak %.0f MB",
        r.ingestRatioVsLucene(), r.searchP99RatioVsLucene(), r.recallAt10(), r.bestScoreP99Ms(), r.sumScoresP99Ms(),
        r.averageVectorP99Ms(), r.rssPeakMb());
    return r;
  }

  private ScaleResult.Side measure(String name, ScaleSide side, ScaleVectors vectors, long points, ScaleQueries queries,
      ExactAnswers exact) throws Exception {
    System.gc();
    ProcessMemory.resetPeak();
    double rssStart = ProcessMemory.currentMb();
    double loadStart = Environment.loadAverage();
    say("  %s: loading %d points with %d threads...", name, points, threads);
    ScaleSide.LoadTimes load = side.load(vectors, points, threads);
    double searchable = load.addSeconds() + load.finishSeconds();
    double disk = Latencies.round(ScaleSide.diskBytes(side.dir()) / 1048576.0);
    say("  %s: %.0f points/s to searchable (add %.1f s, merge+open %.1f s), %.0f MB on disk",
        name, points / searchable, load.addSeconds(), load.finishSeconds(), disk);

    List<float[]> qv = queries.vectors();
    List<List<Long>> found = new ArrayList<>();
    List<List<Long>> foundFiltered = new ArrayList<>();
    for (int q = 0; q < qv.size(); q++) {
      found.add(side.search(qv.get(q), null));
      foundFiltered.add(side.search(qv.get(q), queries.genres().get(q)));
    }
    double recall = ExactAnswers.recall(exact.search(), found);
    double filteredRecall = ExactAnswers.recall(exact.filtered(), foundFiltered);
    Latencies search = loop(r -> {
      float[] q = qv.get(r.nextInt(qv.size()));
      return () -> side.search(q, null);
    }, 1);
    Latencies filtered = loop(r -> {
      int j = r.nextInt(qv.size());
      return () -> side.search(qv.get(j), queries.genres().get(j));
    }, 1);
    Latencies atCores = loop(r -> {
      float[] q = qv.get(r.nextInt(qv.size()));
      return () -> side.search(q, null);
    }, threads);
    Map<String, Latencies> recommend = new LinkedHashMap<>();
    Map<String, Double> recommendRecall = new LinkedHashMap<>();
    if (side instanceof ProjectScaleSide project) {
      for (RecommendStrategy strategy : List.of(RecommendStrategy.AVERAGE_VECTOR, RecommendStrategy.BEST_SCORE,
          RecommendStrategy.SUM_SCORES)) {
        String id = strategy.name().toLowerCase(Locale.ROOT);
        List<List<Long>> answers = new ArrayList<>();
        for (ScaleQueries.Request request : queries.recommends()) answers.add(project.recommend(request, strategy));
        recommendRecall.put(id, Latencies.round(ExactAnswers.recall(exact.recommend().get(strategy), answers)));
        recommend.put(id, loop(r -> {
          ScaleQueries.Request request = queries.recommends().get(r.nextInt(queries.recommends().size()));
          return () -> project.recommend(request, strategy);
        }, 1));
      }
    }
    ScaleResult.Side result = new ScaleResult.Side(Latencies.round(points / searchable),
        Latencies.round(load.addSeconds()), Latencies.round(load.finishSeconds()), Latencies.round(searchable), disk,
        rssStart, ProcessMemory.peakMb(), Latencies.round(recall), Latencies.round(filteredRecall),
        search, filtered, atCores, recommend, recommendRecall, loadStart, Environment.loadAverage());
    say("  %s: search p50 %.2f / p99 %.2f ms (recall@10 %.3f), filtered p50 %.2f / p99 %.2f ms (recall %.3f), %.0f q/s at %d"
            + " clients%s; load average %.2f",
        name, search.p50Ms(), search.p99Ms(), recall, filtered.p50Ms(), filtered.p99Ms(), filteredRecall,
        atCores.qps(), threads, recommend.isEmpty() ? "" : "; recommend recall " + recommendRecall, result.loadAverageEnd());
    return result;
  }

  private Latencies loop(ClosedLoop.Workload workload, int clients) throws Exception {
    return ClosedLoop.run(workload, clients, options.warmupSeconds(), options.seconds(), SEED);
  }

  private static double ratio(double a, double b) {
    return b > 0 ? Latencies.round(a / b) : 0;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void say(String format, Object... args) {
    log.accept(String.format(Locale.ROOT, format, args));
  }
}
