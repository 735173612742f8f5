package io.musicrec.cli;

import io.musicrec.corpus.CorpusGenerator;
import io.musicrec.corpus.CorpusManifest;
import io.musicrec.corpus.CorpusSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic corpus in the Ludwig layout: mp3/<genre>/<id>.mp3, labels.json,",
      "subgeneres.json and manifest.json. Genres, artists and subgenres are audible in the music."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to create the corpus in.")
  Path out;

  @Option(names = "--tracks", required = true, paramLabel = "N", description = "Number of regular tracks.")
  int tracks;

  @Option(names = "--seconds", defaultValue = "30", paramLabel = "S", description = "Length of each track (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "K", description = "Random seed; same seed, same corpus (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--defects", description = "Add the broken files real catalogues contain (listed in manifest.json).")
  boolean defects;

  @Override
  public Integer call() throws Exception {
    if (tracks <= 0 || seconds <= 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--tracks and --seconds must be positive");
    }
    CorpusManifest manifest = CorpusGenerator.generate(new CorpusSpec(out, tracks, seconds, seed, defects));
    printSummary(out, manifest, spec.commandLine().getOut());
    return Main.OK;
  }

  static void printSummary(Path root, CorpusManifest manifest, PrintWriter out) {
    Map<String, Long> byGenre = manifest.catalog().stream()
        .collect(Collectors.groupingBy(CorpusManifest.Track::genre, TreeMap::new, Collectors.counting()));
    long artists = manifest.catalog().stream().map(CorpusManifest.Track::artist).distinct().count();
    out.printf("corpus in %s: %d tracks of %.0f s by %d artists, %d decodable files%n",
        root, manifest.tracks(), manifest.seconds(), artists, manifest.decodable().size());
    out.printf("  by genre: %s%n", byGenre);
    if (manifest.defects() != null) out.printf("  defects: %s%n", manifest.defects().byName().keySet());
    out.flush();
  }
}
