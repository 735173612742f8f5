package io.musicrec.testing.corpus;

import io.musicrec.corpus.CorpusGenerator;
import io.musicrec.corpus.CorpusManifest;
import io.musicrec.corpus.CorpusSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Generated corpora shared by all tests of a JVM: each spec is generated once, on first use, into
 * a temporary directory that is removed when the JVM exits.
 *
 * @param root corpus root (mp3/, labels.json, subgeneres.json, manifest.json)
 */
public record TestCorpus(Path root, CorpusManifest manifest) {
  /** 40 tracks of 4 s: four per genre, two artists per genre with two tracks each, plus every defect. */
  public static final int STANDARD_TRACKS = 40;
  public static final double STANDARD_SECONDS = 4;
  public static final long STANDARD_SEED = 7;

  private static final Map<String, TestCorpus> CACHE = new HashMap<>();
  private static Path base;

  /** The corpus most tests use; see {@link #STANDARD_TRACKS}. */
  public static TestCorpus standard() {
    return of(STANDARD_TRACKS, STANDARD_SECONDS, STANDARD_SEED, true);
  }

  public static synchronized TestCorpus of(int tracks, double seconds, long seed, boolean defects) {
    String key = tracks + "x" + seconds + "s-seed" + seed + (defects ? "-defects" : "");
    TestCorpus corpus = CACHE.get(key);
    if (corpus == null) {
      try {
        Path root = base().resolve(key);
        CorpusManifest manifest = CorpusGenerator.generate(new CorpusSpec(root, tracks, seconds, seed, defects));
        corpus = new TestCorpus(root, manifest);
      } catch (IOException e) {
        throw new UncheckedIOException("could not generate test corpus " + key, e);
      }
      CACHE.put(key, corpus);
    }
    return corpus;
  }

  public Path labels() {
    return root.resolve("labels.json");
  }

  public Path file(String relativePath) {
    return root.resolve(relativePath);
  }

  private static Path base() throws IOException {
    if (base == null) {
      base = Files.createTempDirectory("musicrec-test-corpus-");
      Path dir = base;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
    }
    return base;
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit: a leftover temp dir is harmless
    }
  }
}
