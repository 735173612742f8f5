package io.musicrec.cli;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.jobs.index.DuplicatesSection;
import io.musicrec.jobs.index.IndexJob;
import io.musicrec.jobs.index.IndexReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Builds or updates the index: list audio, decode, embed, join labels, upsert.",
      "With no options: conf/local.yaml (sample corpus in data/, generated on first use;"
          + " builtin:logmel; embedded store)."
    })
final class IndexCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;
  @Spec CommandSpec spec;

  @Option(names = "--input", paramLabel = "URI", description = "Dataset root holding mp3/<genre>/<id>.mp3 (path, file://, s3a://).")
  String input;

  @Option(names = "--labels", paramLabel = "URI", description = "labels.json (default: <input>/labels.json).")
  String labels;

  @Option(names = "--store", paramLabel = "URI", description = "embedded:DIR, qdrant://HOST:6334 or qdrants://HOST:6334.")
  String store;

  @Option(names = "--model", paramLabel = "SPEC", description = "builtin:logmel, builtin:cnn14-shape, an installed model (musicnn-msd, musicnn-mtt) or a model spec YAML.")
  String model;

  @Option(names = "--mode", paramLabel = "MODE", description = "full, incremental or rebuild.")
  String mode;

  @Option(names = "--table", paramLabel = "URI", description = "Embeddings table (path, file://, hdfs://, s3a://; none = no table). Default: data/embeddings.")
  String table;

  @Option(names = "--report", paramLabel = "DIR", description = "Folder for report.json, report.md and charts.")
  String report;

  @Option(names = "--duplicates", paramLabel = "MODE", defaultValue = "mark",
      converter = DuplicatesModeConverter.class,
      description = {"After indexing, near-duplicates at the model's measured threshold (as 'musicrec dedup'):",
          "mark (default: report the groups and mark the points with duplicate_group), report (report only)",
          "or off."})
  DuplicatesSection.Mode duplicates;

  @Override
  public Integer call() throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("input", input);
    options.put("labels", labels);
    options.put("store", store);
    options.put("model", model);
    options.put("mode", mode);
    options.put("report", report);
    options.put("embeddings.table", table);
    MusicrecConfig config = configOptions.load(options);
    PrintWriter out = spec.commandLine().getOut();
    SampleCorpus.ensure(config, out);
    IndexReport report = new IndexJob(config, duplicates).run();
    IndexSummary.print(report, config, out);
    return Main.OK;
  }

  /** mark, report or off; anything else is a usage error naming the allowed values. */
  static final class DuplicatesModeConverter implements picocli.CommandLine.ITypeConverter<DuplicatesSection.Mode> {
    @Override
    public DuplicatesSection.Mode convert(String value) {
      for (DuplicatesSection.Mode m : DuplicatesSection.Mode.values()) {
        if (m.name().equalsIgnoreCase(value.trim())) return m;
      }
      throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not one of mark, report, off");
    }
  }
}
