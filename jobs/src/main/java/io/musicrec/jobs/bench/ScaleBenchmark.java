package io.musicrec.jobs.bench;

import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.SearchEffort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
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
  /** A 1M-point load runs for an hour here: a line every half minute says how far it is. */
  private static final double PROGRESS_EVERY_SECONDS = 30;
  static final List<RecommendStrategy> STRATEGIES =
      List.of(RecommendStrategy.AVERAGE_VECTOR, RecommendStrategy.BEST_SCORE, RecommendStrategy.SUM_SCORES);
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
    try (ProjectScaleSide project = new ProjectScaleSide(dir.resolve("project"), options.quantization(), options.graph());
        LuceneScaleSide lucene = options.luceneReference()
            ? new LuceneScaleSide(dir.resolve("lucene"), options.quantization(), options.graph()) : null) {
      Loaded pl = load("project", project, vectors, run.points());
      Loaded ll = lucene == null ? null : load("lucene", lucene, vectors, run.points());
      // Both indexes (when raw Lucene runs) stay open and get the same queries in alternation, so both see
      // the same machine load and the same JIT state: on a shared machine that matters more than anything else.
      double queryLoadStart = Environment.loadAverage();
      List<ScaleResult.EffortPoint> sweep = new ArrayList<>();
      for (int effort : options.searchEfforts()) sweep.add(sweepPoint(effort, project, lucene, queries, exact));
      // The headline: the store as a user gets it (automatic effort), raw Lucene given the same number.
      int effort = SearchEffort.forPoints(run.points());
      project.searchEffort(SearchEffort.AUTOMATIC);
      if (lucene != null) lucene.searchEffort(effort);
      Paired search = paired(project, lucene, queries, false);
      Paired filtered = paired(project, lucene, queries, true);
      Latencies pAtCores = atCores(project, queries);
      Latencies lAtCores = lucene == null ? null : atCores(lucene, queries);
      Map<String, Latencies> recommend = new LinkedHashMap<>();
      Map<String, Double> recommendRecall = recommendRecall(project::recommend, queries, exact);
      for (RecommendStrategy strategy : STRATEGIES) {
        String id = strategy.name().toLowerCase(Locale.ROOT);
        recommend.put(id, loop(r -> {
          ScaleQueries.Request request = queries.recommends().get(r.nextInt(queries.recommends().size()));
          return () -> project.recommend(request, strategy);
        }, 1));
      }
      double queryLoadEnd = Environment.loadAverage();
      ScaleResult.Side ps = side(pl, run.points(), exact, search.project(), search.projectFound(), filtered.project(),
          filtered.projectFound(), pAtCores, recommend, recommendRecall, queryLoadStart, queryLoadEnd);
      ScaleResult.Side ls = lucene == null ? null : side(ll, run.points(), exact, search.lucene(), search.luceneFound(),
          filtered.lucene(), filtered.luceneFound(), lAtCores, Map.of(), Map.of(), queryLoadStart, queryLoadEnd);
      say("  project: search p50/p99 ms %.2f / %.2f, filtered %.2f / %.2f, q/s at %d clients %.0f, recall@10 %.3f"
              + " (filtered %.3f); recommend recall %s; load average %.2f -> %.2f", ps.search().p50Ms(), ps.search().p99Ms(),
          ps.filteredSearch().p50Ms(), ps.filteredSearch().p99Ms(), threads, pAtCores.qps(), ps.recallAt10(),
          ps.filteredRecallAt10(), recommendRecall, queryLoadStart, queryLoadEnd);
      if (ls != null) {
        say("  lucene: search p50/p99 ms %.2f / %.2f, filtered %.2f / %.2f, q/s at %d clients %.0f, recall@10 %.3f"
                + " (filtered %.3f)", ls.search().p50Ms(), ls.search().p99Ms(), ls.filteredSearch().p50Ms(),
            ls.filteredSearch().p99Ms(), threads, lAtCores.qps(), ls.recallAt10(), ls.filteredRecallAt10());
      }
      ScaleResult r = new ScaleResult(run.dimension(), run.points(), options.quantization().name().toLowerCase(Locale.ROOT),
          options.graph().m(), options.graph().efConstruct(), effort,
          ls == null ? null : ratio(ps.ingestPointsPerS(), ls.ingestPointsPerS()),
          ls == null ? null : ratio(ps.search().p99Ms(), ls.search().p99Ms()),
          ps.recallAt10(),
          recommend.get("best_score").p99Ms(),
          recommend.get("sum_scores").p99Ms(),
          recommend.get("average_vector").p99Ms(),
          ps.rssPeakMb(), ps, ls, sweep, exactSeconds);
      say("  ingest ratio %s, search p99 ratio %s, recall@10 %.3f; recommend p99 best_score %.1f, sum_scores %.1f,"
              + " average_vector %.1f ms; RSS peak %.0f MB", ScaleResult.ratioText(r.ingestRatioVsLucene()),
          ScaleResult.ratioText(r.searchP99RatioVsLucene()), r.recallAt10(), r.bestScoreP99Ms(), r.sumScoresP99Ms(), r.averageVectorP99Ms(), r.rssPeakMb());
      return r;
    } finally {
      deleteTree(dir);
    }
  }

  /** What one side measured, graded against the exact answers. */
  private static ScaleResult.Side side(Loaded load, long points, ExactAnswers exact, Latencies search, List<List<Long>> found,
      Latencies filtered, List<List<Long>> filteredFound, Latencies atCores, Map<String, Latencies> recommend,
      Map<String, Double> recommendRecall, double queryLoadStart, double queryLoadEnd) {
    return new ScaleResult.Side(load.pointsPerS(points), load.times().addSeconds(), load.times().finishSeconds(),
        load.searchableSeconds(), load.cpuSeconds(), load.diskMb(), load.rssStartMb(), load.rssPeakMb(),
        Latencies.round(ExactAnswers.recall(exact.search(), found)),
        Latencies.round(ExactAnswers.recall(exact.filtered(), filteredFound)),
        search, filtered, atCores, recommend, recommendRecall, load.loadAverageStart(), load.loadAverageEnd(),
        queryLoadStart, queryLoadEnd);
  }

  /** "search" with one closed-loop client per core. */
  private Latencies atCores(ScaleSide side, ScaleQueries queries) throws Exception {
    return loop(r -> {
      float[] q = queries.vectors().get(r.nextInt(queries.vectors().size()));
      return () -> side.search(q, null);
    }, threads);
  }

  /** Recall and search latency of both sides at one effort, and the project's recommend recall (which widens with it). */
  private ScaleResult.EffortPoint sweepPoint(int effort, ProjectScaleSide project, LuceneScaleSide lucene,
      ScaleQueries queries, ExactAnswers exact) throws Exception {
    project.searchEffort(effort);
    if (lucene != null) lucene.searchEffort(effort);
    Paired search = paired(project, lucene, queries, false);
    ScaleResult.EffortPoint point = new ScaleResult.EffortPoint(effort,
        Latencies.round(ExactAnswers.recall(exact.search(), search.projectFound())),
        lucene == null ? null : Latencies.round(ExactAnswers.recall(exact.search(), search.luceneFound())),
        search.project().p50Ms(), search.project().p99Ms(),
        lucene == null ? null : search.lucene().p50Ms(), lucene == null ? null : search.lucene().p99Ms(),
        recommendRecall(project::recommend, queries, exact));
    say("  effort %d: recall@10 project %.3f%s; search p50/p99 ms project %.2f / %.2f%s; recommend recall %s", effort,
        point.projectRecallAt10(), lucene == null ? "" : String.format(Locale.ROOT, ", lucene %.3f", point.luceneRecallAt10()),
        point.projectP50Ms(), point.projectP99Ms(),
        lucene == null ? "" : String.format(Locale.ROOT, ", lucene %.2f / %.2f", point.luceneP50Ms(), point.luceneP99Ms()),
        point.recommendRecallAt10());
    return point;
  }

  /** Per strategy, recall@10 of the answers to every recommend request against the exact scan's. */
  static Map<String, Double> recommendRecall(BiFunction<ScaleQueries.Request, RecommendStrategy, List<Long>> answer,
      ScaleQueries queries, ExactAnswers exact) {
    Map<String, Double> recall = new LinkedHashMap<>();
    for (RecommendStrategy strategy : STRATEGIES) {
      List<List<Long>> answers = new ArrayList<>();
      for (ScaleQueries.Request request : queries.recommends()) answers.add(answer.apply(request, strategy));
      recall.put(strategy.name().toLowerCase(Locale.ROOT), Latencies.round(ExactAnswers.recall(exact.recommend().get(strategy), answers)));
    }
    return recall;
  }

  /** What a side's load measured. */
  private record Loaded(ScaleSide.LoadTimes times, double cpuSeconds, double diskMb, double rssStartMb, double rssPeakMb,
      double loadAverageStart, double loadAverageEnd) {
    double searchableSeconds() {
      return Latencies.round(times.addSeconds() + times.finishSeconds());
    }

    double pointsPerS(long points) {
      return Latencies.round(points / (times.addSeconds() + times.finishSeconds()));
    }
  }

  private Loaded load(String name, ScaleSide side, ScaleVectors vectors, long points) throws Exception {
    System.gc();
    ProcessMemory.resetPeak();
    double rssStart = ProcessMemory.currentMb();
    double loadStart = Environment.loadAverage();
    say("  %s: loading %d points with %d threads...", name, points, threads);
    long cpu0 = ProcessMemory.cpuNanos();
    ScaleSide.LoadTimes times;
    try (LoadProgress progress = new LoadProgress(name, points, log, PROGRESS_EVERY_SECONDS)) {
      times = side.load(vectors, points, threads, progress);
    }
    double cpu = Latencies.round((ProcessMemory.cpuNanos() - cpu0) / 1e9);
    Loaded loaded = new Loaded(new ScaleSide.LoadTimes(Latencies.round(times.addSeconds()), Latencies.round(times.finishSeconds())),
        cpu, Latencies.round(ScaleSide.diskBytes(side.dir()) / 1048576.0), rssStart, ProcessMemory.peakMb(), loadStart,
        Environment.loadAverage());
    say("  %s: %.0f points/s to searchable (add %.1f s, merge+open %.1f s; %.1f CPU s), %.0f MB on disk, RSS peak %.0f MB;"
        + " load average %.2f -> %.2f", name, loaded.pointsPerS(points), times.addSeconds(), times.finishSeconds(),
        cpu, loaded.diskMb(), loaded.rssPeakMb(), loadStart, loaded.loadAverageEnd());
    return loaded;
  }

  private record Paired(Latencies project, Latencies lucene, List<List<Long>> projectFound, List<List<Long>> luceneFound) {}

  /**
   * Each query on both sides in turn (who goes first alternates; raw Lucene may be absent, see
   * {@link ScaleOptions#luceneReference}): one untimed pass that gives the
   * answers graded for recall and warms both up, then timed passes until the measurement time is spent.
   */
  private Paired paired(ScaleSide project, ScaleSide lucene, ScaleQueries queries, boolean filtered) throws Exception {
    List<float[]> qv = queries.vectors();
    List<List<Long>> pf = new ArrayList<>();
    List<List<Long>> lf = new ArrayList<>();
    for (int q = 0; q < qv.size(); q++) {
      String genre = filtered ? queries.genres().get(q) : null;
      pf.add(project.search(qv.get(q), genre));
      if (lucene != null) lf.add(lucene.search(qv.get(q), genre));
    }
    long[] pn = new long[1024];
    long[] ln = new long[1024];
    int n = 0;
    double pSeconds = 0;
    double lSeconds = 0;
    // Each side gets the measurement time: two sides in turn share twice of it.
    long end = System.nanoTime() + (long) ((lucene == null ? 1 : 2) * options.seconds() * 1e9);
    for (int i = 0; System.nanoTime() < end || n < qv.size(); i++) {
      int q = i % qv.size();
      String genre = filtered ? queries.genres().get(q) : null;
      if (n == pn.length) {
        pn = Arrays.copyOf(pn, 2 * n);
        ln = Arrays.copyOf(ln, 2 * n);
      }
      boolean projectFirst = i % 2 == 0;
      for (int turn = 0; turn < 2; turn++) {
        boolean isProject = (turn == 0) == projectFirst;
        if (!isProject && lucene == null) continue;
        long t0 = System.nanoTime();
        (isProject ? project : lucene).search(qv.get(q), genre);
        long dt = System.nanoTime() - t0;
        if (isProject) {
          pn[n] = dt;
          pSeconds += dt / 1e9;
        } else {
          ln[n] = dt;
          lSeconds += dt / 1e9;
        }
      }
      n++;
    }
    return new Paired(Latencies.of(1, Arrays.copyOf(pn, n), pSeconds),
        lucene == null ? null : Latencies.of(1, Arrays.copyOf(ln, n), lSeconds), pf, lf);
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
