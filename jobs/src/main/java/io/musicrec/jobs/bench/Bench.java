package io.musicrec.jobs.bench;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.discover.Diversity;
import io.musicrec.discover.QualityMeasure;
import io.musicrec.jobs.quality.QualityReportWriter;
import io.musicrec.decode.DecodeBenchmark;
import io.musicrec.decode.DecodeBenchmarkResult;
import io.musicrec.decode.DecodeOptions;
import io.musicrec.embed.EmbedBenchmark;
import io.musicrec.runtime.PerJvm;
import io.musicrec.jobs.index.IndexJob;
import io.musicrec.jobs.index.IndexReport;
import io.musicrec.jobs.report.ReportFiles;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.store.SearchEffort;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import io.musicrec.store.embedded.EmbeddedOptions;
import io.musicrec.store.embedded.EmbeddedStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code musicrec bench}: runs the selected stages on one corpus and writes {@code report.json},
 * {@code report.md} and PNG charts into the output folder.
 *
 * <p>The pipeline stage is judged against the decode and embed stages measured in the same run,
 * so selecting it runs those two as well. The query stage measures the index the pipeline stage
 * built, or builds one first (untimed) when the pipeline stage is not selected.
 */
public final class Bench {
  /** Collection (alias) the bench indexes into. */
  public static final String COLLECTION = "bench";

  /**
   * @param out folder for the report, charts and (by default) the corpus and the embedded index
   * @param corpus an existing dataset to use instead of generating one under {@code out/corpus}
   * @param store a store URI to index into instead of {@code embedded:out/index}
   */
  public record Plan(Path out, Set<Stage> stages, BenchSizes sizes, Path corpus, String store) {
    public Plan {
      stages = EnumSet.copyOf(stages);
      if (stages.contains(Stage.PIPELINE)) stages.addAll(EnumSet.of(Stage.DECODE, Stage.EMBED));
    }

    public Path corpusRoot() {
      return corpus != null ? corpus : out.resolve("corpus");
    }

    public String storeUri() {
      return store != null ? store : "embedded:" + out.resolve("index").toAbsolutePath();
    }
  }

  private final MusicrecConfig config;
  private final Plan plan;
  private final PrintWriter console;
  private final int cores = Runtime.getRuntime().availableProcessors();

  /** {@code config} must carry {@link #configOverrides}: the corpus as input, the bench store and collection. */
  public Bench(MusicrecConfig config, Plan plan, PrintWriter console) {
    this.config = config;
    this.plan = plan;
    this.console = console;
  }

  /** The config keys a bench sets: its corpus, store, collection, a fresh version per run, local[cores]. */
  public static Map<String, String> configOverrides(Plan plan) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("input", plan.corpusRoot().toAbsolutePath().toString());
    o.put("labels", plan.corpusRoot().toAbsolutePath().resolve("labels.json").toString());
    o.put("store", plan.storeUri());
    o.put("collection", COLLECTION);
    o.put("mode", "rebuild");
    o.put("keep_versions", "1");
    // The pipeline stage measures decoding and inference: an embeddings table would skip both.
    o.put("embeddings.table", "none");
    o.put("report", plan.out().resolve("index-report").toAbsolutePath().toString());
    o.put("spark.master", "local[" + Runtime.getRuntime().availableProcessors() + "]");
    o.put("spark.app_name", "musicrec-bench");
    return o;
  }

  public BenchReport run() throws Exception {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    BenchSizes sizes = plan.sizes();
    // The scale stage makes its own vectors: audio is needed only by the other stages.
    boolean needsAudio = plan.stages().stream().anyMatch(s -> s != Stage.SCALE);
    BenchCorpus corpus = !needsAudio ? null
        : plan.corpus() != null
            ? BenchCorpus.of(plan.corpus())
            : BenchCorpus.ensure(plan.corpusRoot(), sizes.tracks(), sizes.seconds(), console);
    ModelSpec spec = ModelSpecs.resolve(config.model());
    Environment environment = Environment.capture(config.spark().master(), spec.fingerprint(), config.store(), corpus);
    List<String> notes = new ArrayList<>();
    say("bench: stages %s, %s, model %s, store %s; load average %.2f on %d cores",
        plan.stages(), corpus == null ? "synthetic vectors" : corpus.files().size() + " files in " + corpus.root(),
        spec.fingerprint(), config.store(), environment.loadAverageStart(), cores);
    try {
      DecodeBenchmarkResult decode = plan.stages().contains(Stage.DECODE) ? decode(spec, corpus) : null;
      EmbedBenchmark.Result embed = plan.stages().contains(Stage.EMBED) ? embed(spec) : null;
      PipelineResult pipeline = plan.stages().contains(Stage.PIPELINE) ? pipeline(spec, decode, embed) : null;
      QueryResult query = null;
      QueryBenchmark.QualityResult quality = null;
      if (plan.stages().contains(Stage.QUERY)) {
        if (pipeline == null) buildIndex();
        QueryStage stage = query();
        query = stage.result;
        quality = stage.quality;
        if (stage.discovery != null) {
          QualityReportWriter.write(plan.out(), config.store(), stage.discovery);
          notes.add("What users notice (precision against random, artist runs, hubness, coverage; store order beside"
              + " diversity 0.3 with at most 2 tracks per artist): " + QualityReportWriter.MARKDOWN + " and "
              + QualityReportWriter.CHART + " beside this report.");
        }
      }
      Map<String, Map<String, ScaleResult>> scale = plan.stages().contains(Stage.SCALE)
          ? new ScaleBenchmark(sizes.scale(), plan.out().resolve("scale-index"), cores, line -> say("%s", line)).run()
          : null;
      environment = environment.finish(query != null ? query.indexSize() : null);
      if (environment.loadAverageEnd() > cores || environment.loadAverageStart() > cores) {
        notes.add(String.format(Locale.ROOT, "The machine was busy (load average %.2f at the start, %.2f at the end, on %d cores):"
            + " other processes competed for the CPU, so absolute figures are pessimistic; ratios measured"
            + " side by side in this run are more reliable.", environment.loadAverageStart(), environment.loadAverageEnd(), cores));
      }
      List<String> stages = plan.stages().stream().map(Stage::id).toList();
      BenchReport draft = new BenchReport(started.toString(), 0, stages, environment, decode, embed, pipeline, query,
          quality, scale, Map.of(), notes);
      Map<String, String> charts = BenchCharts.write(plan.out(), draft);
      BenchReport report = new BenchReport(started.toString(), Latencies.round((System.nanoTime() - t0) / 1e9), stages,
          environment, decode, embed, pipeline, query, quality, scale, charts, notes);
      ReportFiles.writeJson(plan.out(), report);
      ReportFiles.writeMarkdown(plan.out(), BenchMarkdown.render(report));
      return report;
    } finally {
      PerJvm.closeEmbedders();
    }
  }

  private DecodeBenchmarkResult decode(ModelSpec spec, BenchCorpus corpus) {
    List<Path> files = spread(corpus.files(), plan.sizes().decodeFiles());
    int rounds = plan.sizes().decodeRounds();
    say("decode: %d files x 5 designs x %d round(s) at parallelism %d (project decoder vs ffmpeg CLI loop)...",
        files.size(), rounds, cores);
    DecodeBenchmarkResult result = new DecodeBenchmark(DecodeOptions.of(spec, config.decode()), cores, rounds).run(files);
    console.print(result.table().indent(2));
    console.flush();
    return result;
  }

  private EmbedBenchmark.Result embed(ModelSpec spec) throws Exception {
    BenchSizes.EmbedSizes sizes = plan.sizes().embed();
    int submitters = Math.max(2, 2 * cores);
    say("embed: %s, %d clips of %.0f s through the batching stage and bare ONNX Runtime, %d round(s); batch sweep %s...",
        spec.fingerprint(), sizes.clips(), spec.clip().seconds(), sizes.rounds(), sizes.sweepBatchSizes());
    EmbedBenchmark.Result r = EmbedBenchmark.run(spec, config.embed(), OptionalInt.empty(),
        sizes.options(spec.clip().seconds(), submitters));
    say("  stage %.1f clips/s, bare ORT %.1f clips/s, ratio_vs_raw_ort %.3f, %.2f GFLOP/s of %.0f peak (%s, %d threads)",
        r.stageClipsPerS(), r.rawOrtClipsPerS(), r.ratioVsRawOrt(), r.achievedGflops(), r.peakGflops(), r.provider(), r.intraOpThreads());
    return PytorchBaseline.measure(spec, r, console);
  }

  private PipelineResult pipeline(ModelSpec spec, DecodeBenchmarkResult decode, EmbedBenchmark.Result embed) {
    say("pipeline: the index job on %s with %s into %s...", config.input(), config.spark().master(), config.store());
    IndexReport report = new IndexJob(config).run();
    PipelineResult result = PipelineResult.of(report.counts().upserted(), config.spark().master(),
        report.throughput().tracksPerS(), report.timings(), decode.designs().get(0).tracksPerS(),
        embed.stageClipsPerS(), spec.clip().windows(), Path.of(config.report()).resolve("report.json").toString());
    say("  %d tracks, %.2f tracks/s (index phase); stage bound %.2f tracks/s (%s); ratio_vs_stage_bound %.3f (target >= %.1f)",
        result.tracks(), result.tracksPerS(), result.stageBoundTracksPerS(), result.boundBy(), result.ratioVsStageBound(),
        PipelineResult.TARGET);
    return result;
  }

  private void buildIndex() {
    say("query: building the index it needs (not timed) from %s into %s...", config.input(), config.store());
    new IndexJob(config).run();
  }

  private record QueryStage(QueryResult result, QueryBenchmark.QualityResult quality, QualityMeasure.Report discovery) {}

  /** Every track's list twice (store order, diversified): bounded so a scale run stays a query benchmark. */
  private static final int DISCOVERY_QUALITY_MAX_TRACKS = 2000;

  private QueryStage query() throws Exception {
    QueryBenchmark.Options options = plan.sizes().query();
    QueryBenchmark benchmark;
    Map<String, List<Latencies>> workloads;
    double recall;
    QueryBenchmark.QualityResult quality;
    QualityMeasure.Report discovery;
    try (VectorStore store = VectorStores.open(config)) {
      benchmark = new QueryBenchmark(store, config.collection(), options);
      say("query: %d points; 6 workloads x clients %s, %.1f s each after %.1f s warm-up...",
          benchmark.indexSize(), options.concurrency(), options.seconds(), options.warmupSeconds());
      workloads = benchmark.runWorkloads(line -> say("  %s", line));
      recall = benchmark.recallAt10();
      quality = benchmark.quality();
      discovery = QualityMeasure.measure(store, config.collection(), 10, new Diversity(0.3, 2, true), DISCOVERY_QUALITY_MAX_TRACKS);
    }
    List<QueryBenchmark.EffortPoint> sweep = new ArrayList<>();
    Integer effort = null;
    Path embedded = embeddedDir(config.store());
    if (embedded != null) {
      effort = SearchEffort.resolve(config.search().hnswEf(), benchmark.indexSize());
      // The effort is fixed when a collection is opened; the handle above is closed, so each open
      // below gets its own effort.
      for (int e : plan.sizes().searchEfforts()) {
        try (EmbeddedStore store = EmbeddedStore.open(embedded, EmbeddedOptions.defaults().withSearchEffort(e))) {
          sweep.add(benchmark.measureEffort(e, store));
        }
      }
    }
    QueryResult result = QueryResult.of(config.store(), benchmark.indexSize(), effort, recall, workloads, sweep);
    say("  recall@10 %.3f; similar p50 %.2f ms, p99 %.2f ms, %.0f q/s; genre precision@10 %.3f (random %.3f), artist %.3f (random %.3f), album %.3f (random %.3f)",
        result.recallAt10(), result.p50Ms(), result.p99Ms(), result.qps(), quality.genrePrecisionAt10(),
        quality.genreRandomBaseline(), quality.artistPrecisionAt10(), quality.artistRandomBaseline(),
        quality.albumPrecisionAt10(), quality.albumRandomBaseline());
    return new QueryStage(result, quality, discovery);
  }

  /** The folder of an {@code embedded:DIR} URI, else null. */
  static Path embeddedDir(String storeUri) {
    if (!storeUri.startsWith("embedded:")) return null;
    String dir = storeUri.substring("embedded:".length());
    return Path.of(dir.startsWith("//") ? dir.substring(2) : dir);
  }

  /** At most {@code n} files spread evenly over the list (the corpus is ordered by genre). */
  static List<Path> spread(List<Path> files, int n) {
    if (files.size() <= n) return files;
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(files.get((int) ((long) i * files.size() / n)));
    return out;
  }

  private void say(String format, Object... args) {
    console.println(String.format(Locale.ROOT, format, args));
    console.flush();
  }
}
