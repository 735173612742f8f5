package io.musicrec.cli;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.config.Settings;
import io.musicrec.corpus.CorpusGenerator;
import io.musicrec.corpus.CorpusManifest;
import io.musicrec.corpus.CorpusSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generates the sample corpus the first time {@code index} runs on a local input that is missing. */
final class SampleCorpus {
  private SampleCorpus() {}

  static void ensure(MusicrecConfig config, PrintWriter out) throws IOException {
    if (config.input().contains("://")) return;
    Path root = Path.of(config.input());
    if (Files.exists(root)) return;
    Settings.Sample sample = config.sample();
    out.printf("%s does not exist: generating the sample corpus there (%d tracks of %.0f s, seed %d)...%n",
        root, sample.tracks(), sample.seconds(), sample.seed());
    out.flush();
    CorpusManifest manifest = CorpusGenerator.generate(
        new CorpusSpec(root, sample.tracks(), sample.seconds(), sample.seed(), sample.defects()));
    GenerateCommand.printSummary(root, manifest, out);
  }
}
