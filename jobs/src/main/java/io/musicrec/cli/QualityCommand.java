package io.musicrec.cli;

import io.musicrec.config.ConfigException;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.discover.Diversity;
import io.musicrec.discover.QualityMeasure;
import io.musicrec.jobs.quality.QualityReportWriter;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "quality",
    mixinStandardHelpOptions = true,
    description = {
      "Measures an index as users meet it: genre/album/artist precision@k against random, the top artist's",
      "share of a list, hubness, catalogue coverage, duplicate share; in the store's order and diversified",
      "(MMR, artist cap, duplicate groups collapsed).",
      "Writes quality.json, quality.md and quality.png to --out."})
final class QualityCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;
  @Spec CommandSpec spec;

  @Option(names = "--store", paramLabel = "URI", description = "embedded:DIR or qdrant://HOST:6334 (default: from config).")
  String store;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/quality", description = "Report folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "-k", paramLabel = "N", defaultValue = "10", description = "List length (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--diversity", paramLabel = "D", defaultValue = "0.3", description = "MMR diversity of the diversified lists (default: ${DEFAULT-VALUE}).")
  double diversity;

  @Option(names = "--max-per-artist", paramLabel = "N", defaultValue = "2", description = "Artist cap of the diversified lists, 0 = none (default: ${DEFAULT-VALUE}).")
  int maxPerArtist;

  @Option(names = "--max-tracks", paramLabel = "N", defaultValue = "20000",
      description = "Measure at most this many tracks, in the store's order (default: ${DEFAULT-VALUE}); each asks two queries.")
  int maxTracks;

  @Override
  public Integer call() throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("store", store);
    MusicrecConfig config = configOptions.load(options);
    if (k < 1 || k > 100) throw new ConfigException("-k must be 1..100, got " + k);
    if (maxTracks < 2) throw new ConfigException("--max-tracks must be at least 2, got " + maxTracks);
    Diversity d;
    try {
      d = new Diversity(diversity, maxPerArtist, true); // collapsing does nothing until 'dedup' marks groups
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--diversity / --max-per-artist: " + e.getMessage());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    try (VectorStore vectors = VectorStores.open(config)) {
      if (!vectors.exists(config.collection())) {
        throw new ConfigException("store " + config.store() + " has no collection '" + config.collection()
            + "'; build it first with 'musicrec index'");
      }
      QualityMeasure.Report report;
      try {
        report = QualityMeasure.measure(vectors, config.collection(), k, d, maxTracks);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
      QualityReportWriter.write(out, config.store(), report);
      stdout.print(QualityReportWriter.table(report));
      stdout.printf("report: %s%n", out.resolve(QualityReportWriter.MARKDOWN));
    }
    stdout.flush();
    return Main.OK;
  }
}
