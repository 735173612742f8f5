package io.musicrec.cli;

import io.musicrec.store.CollectionLayout;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.jobs.bench.Bench;
import io.musicrec.jobs.bench.BenchCompare;
import io.musicrec.jobs.bench.BenchReport;
import io.musicrec.jobs.bench.BenchSizes;
import io.musicrec.jobs.bench.Stage;
import io.musicrec.store.CollectionSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = BenchCommand.Compare.class,
    description = {
      "Benchmarks the stages (decode, embed, the whole index job, queries) on one corpus and writes"
          + " report.json, report.md and PNG charts into --out.",
      "The corpus is generated under OUT/corpus on first use and reused while its size matches;"
          + " the index goes to an embedded store under OUT/index unless --store says otherwise."
    })
final class BenchCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the report, charts, corpus and index (required).")
  Path out;

  @Option(names = "--stages", paramLabel = "LIST", defaultValue = "decode,embed,pipeline,query",
      description = "Stages to run, comma-separated (default: ${DEFAULT-VALUE}). pipeline also runs decode and embed, its bound;"
          + " scale (synthetic vectors at 10k..1M points, the embedded store beside raw Lucene) runs only when named.")
  String stages;

  @Option(names = "--tracks", paramLabel = "N", description = "Tracks in the generated corpus (default 200; 24 with --quick).")
  Integer tracks;

  @Option(names = "--seconds", paramLabel = "S", description = "Length of each generated track (default 30; 4 with --quick).")
  Double seconds;

  @Option(names = "--quick", description = "A smoke run: small corpus, short measurements, noisy figures.")
  boolean quick;

  @Option(names = "--corpus", paramLabel = "DIR", description = "Use this dataset (mp3/<genre>/<id>.mp3 + labels.json) instead of generating one.")
  Path corpus;

  @Option(names = "--store", paramLabel = "URI", description = "Index into this store (e.g. qdrant://HOST:6334) instead of embedded:OUT/index.")
  String store;

  @Option(names = "--scale-runs", paramLabel = "LIST",
      description = "Index sizes of the scale stage as DIMxPOINTS, comma-separated (default"
          + " 256x10000,256x100000,256x1000000,2048x10000,2048x100000,2048x1000000; with --quick 256x2000,256x5000,2048x2000).")
  String scaleRuns;

  @Option(names = "--scale-quantization", paramLabel = "Q",
      description = "Vector index of both sides in the scale stage: NONE (float32 HNSW, default) or INT8 (Lucene's scalar-quantized HNSW).")
  CollectionLayout.Quantization scaleQuantization;

  @Option(names = "--scale-efforts", paramLabel = "LIST",
      description = "HNSW candidates per query swept on both sides of the scale stage, comma-separated (default 100,200,400,800;"
          + " with --quick 10,100). The headline figures use the store's automatic effort for each size.")
  String scaleEfforts;

  @Option(names = "--scale-hnsw-m", paramLabel = "N",
      description = "HNSW links per point that both sides of the scale stage build with, as layout.hnsw_m (default 16).")
  Integer scaleHnswM;

  @Option(names = "--scale-ef-construct", paramLabel = "N",
      description = "HNSW build-time candidate list of both sides of the scale stage, as layout.hnsw_ef_construct (default 100).")
  Integer scaleEfConstruct;

  @Option(names = "--scale-reference", paramLabel = "R",
      description = "lucene (default): load raw Lucene beside the store and report the ratios; none: measure the store alone"
          + " (its recall and cost at a layout, in half the time; the ratios are left out).")
  ScaleReference scaleReference;

  /** What the scale stage measures the store against. */
  enum ScaleReference { LUCENE, NONE }

  @Option(names = "--model", paramLabel = "SPEC", description = "builtin:logmel (default), builtin:cnn14-shape, an installed model (musicnn-msd, musicnn-mtt) or a model spec YAML.")
  String model;

  @Override
  public Integer call() throws Exception {
    if (out == null) throw new ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
    if (tracks != null && tracks < 1) throw new ParameterException(spec.commandLine(), "--tracks must be at least 1");
    BenchSizes sizes = (quick ? BenchSizes.quick() : BenchSizes.defaults()).withCorpus(tracks, seconds);
    sizes = sizes.withScale(sizes.scale().withRuns(scaleRuns).withQuantization(scaleQuantization)
        .withSearchEfforts(scaleEfforts).withGraph(scaleHnswM, scaleEfConstruct)
        .withLuceneReference(scaleReference != ScaleReference.NONE));
    Bench.Plan plan = new Bench.Plan(out, Stage.parse(stages), sizes, corpus, store);
    Map<String, String> overrides = Bench.configOverrides(plan);
    // What the user set with --set wins over the bench's choice of Spark master and app name.
    configOptions.overrides.keySet().forEach(key -> { if (key.startsWith("spark.")) overrides.remove(key); });
    overrides.put("model", model);
    MusicrecConfig config = configOptions.load(overrides);
    PrintWriter console = spec.commandLine().getOut();
    BenchReport report = new Bench(config, plan, console).run();
    console.printf(Locale.ROOT, "%nbench done in %.0f s: %s%n", report.wallS(), out.resolve("report.md"));
    console.flush();
    return Main.OK;
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Compares the headline figures of two bench reports (B / A); writes compare.md and compare.png.")
  static final class Compare implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The baseline: a bench output folder or its report.json.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The run compared with it.")
    Path b;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for compare.md and compare.png (default: B's folder).")
    Path out;

    @Override
    public Integer call() {
      BenchCompare.Comparison comparison = BenchCompare.compare(a, b);
      Path dir = out != null ? out : comparison.b().toAbsolutePath().getParent();
      BenchCompare.write(comparison, dir);
      PrintWriter console = spec.commandLine().getOut();
      console.print(BenchCompare.table(comparison));
      console.printf("%nwritten: %s%n", dir.resolve(BenchCompare.MARKDOWN));
      console.flush();
      return Main.OK;
    }
  }
}
