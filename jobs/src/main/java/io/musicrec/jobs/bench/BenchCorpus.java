package io.musicrec.jobs.bench;

import io.musicrec.corpus.CorpusGenerator;
import io.musicrec.corpus.CorpusManifest;
import io.musicrec.corpus.CorpusSpec;
import io.musicrec.source.TrackSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The audio a bench runs on: a generated corpus (made once, reused while its manifest matches
 * the requested size and seed) or an existing dataset in the Ludwig layout.
 *
 * @param root dataset root (mp3/, labels.json)
 * @param manifest the generator's manifest, or null for a dataset the generator did not make
 * @param files the MP3s expected to decode (the manifest's decodable files, else every .mp3)
 */
public record BenchCorpus(Path root, CorpusManifest manifest, List<Path> files) {
  public static final long SEED = 42;

  /** Generates {@code tracks} x {@code seconds} (no defect files) under {@code root}, unless it is there already. */
  public static BenchCorpus ensure(Path root, int tracks, double seconds, PrintWriter console) {
    if (Files.isRegularFile(root.resolve(CorpusManifest.FILE))) {
      CorpusManifest existing = CorpusManifest.read(root);
      if (existing.tracks() == tracks && existing.seconds() == seconds && existing.seed() == SEED && existing.defects() == null) {
        console.printf(Locale.ROOT, "corpus: reusing %s (%d tracks of %.0f s)%n", root, tracks, seconds);
        console.flush();
        return of(root);
      }
    }
    console.printf(Locale.ROOT, "corpus: generating %d tracks of %.0f s in %s (once; later runs reuse it)...%n", tracks, seconds, root);
    console.flush();
    try {
      CorpusGenerator.generate(new CorpusSpec(root, tracks, seconds, SEED, false));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot generate the bench corpus in " + root, e);
    }
    return of(root);
  }

  /** An existing dataset: with a generator manifest its decodable files, else every audio file under mp3/. */
  public static BenchCorpus of(Path root) {
    if (!Files.isDirectory(root.resolve("mp3"))) {
      throw new io.musicrec.config.ConfigException("corpus " + root + " has no mp3/ folder (expected mp3/<genre>/<id>.mp3 and labels.json)");
    }
    CorpusManifest manifest = Files.isRegularFile(root.resolve(CorpusManifest.FILE)) ? CorpusManifest.read(root) : null;
    List<Path> files = manifest != null ? decodable(root, manifest) : allAudio(root);
    if (files.isEmpty()) throw new io.musicrec.config.ConfigException("corpus " + root + " holds no audio files (" + TrackSource.AUDIO_EXTENSIONS + ")");
    return new BenchCorpus(root, manifest, files);
  }

  public long bytes() {
    long total = 0;
    for (Path f : files) {
      try {
        total += Files.size(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return total;
  }

  /** Seconds per track when known (generated corpus), else null. */
  public Double secondsPerTrack() {
    return manifest != null ? manifest.seconds() : null;
  }

  private static List<Path> decodable(Path root, CorpusManifest manifest) {
    java.util.Map<String, String> paths = new java.util.HashMap<>();
    manifest.catalog().forEach(t -> paths.put(t.id(), t.path()));
    if (manifest.defects() != null) {
      manifest.defects().byName().values().forEach(d -> { if (d != null && d.path() != null) paths.putIfAbsent(d.id(), d.path()); });
    }
    List<Path> files = new ArrayList<>();
    for (String id : manifest.decodable()) {
      String path = paths.get(id);
      if (path != null) files.add(root.resolve(path));
    }
    return files;
  }

  private static List<Path> allAudio(Path root) {
    try (Stream<Path> walk = Files.walk(root.resolve("mp3"))) {
      return walk.filter(p -> TrackSource.looksLikeAudio(p.getFileName().toString()) && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root.resolve("mp3"), e);
    }
  }
}
