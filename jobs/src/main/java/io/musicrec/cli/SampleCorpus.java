package io.musicrec.cli;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.config.Settings;
import io.musicrec.corpus.CorpusGenerator;
import io.musicrec.corpus.CorpusManifest;
import io.musicrec.corpus.CorpusSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Generates the sample corpus the first time {@code index} runs on a local input that is missing. */
final class SampleCorpus {
  private SampleCorpus() {}

  /**
   * Only the default input is ever generated: a mistyped path must fail as a missing input, not
   * quietly become a sample corpus that an incremental run would then mirror into the store.
   */
  static void ensure(MusicrecConfig config, PrintWriter out) throws IOException {
    String defaultInput = ConfigLoader.load(null, Map.of(), Map.of()).input();
    Path root = Path.of(config.input());
    if (!config.input().equals(defaultInput) || Files.exists(root)) return;
    Settings.Sample sample = config.sample();
    out.printf("%s does not exist: generating the sample corpus there (%d tracks of %.0f s, seed %d)...%n",
        root, sample.tracks(), sample.seconds(), sample.seed());
    out.flush();
    CorpusManifest manifest = CorpusGenerator.generate(
        new CorpusSpec(root, sample.tracks(), sample.seconds(), sample.seed(), sample.defects()));
    GenerateCommand.printSummary(root, manifest, out);
  }
}
