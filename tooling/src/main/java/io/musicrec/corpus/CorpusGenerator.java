package io.musicrec.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.corpus.CorpusPlan.Audio;
import io.musicrec.corpus.CorpusPlan.Planned;
import io.musicrec.enrich.LabelsWriter;
import io.musicrec.enrich.TrackLabels;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a synthetic corpus in the Ludwig Music Dataset layout: {@code mp3/<genre>/<id>.mp3}
 * (real MP3s, 44.1 kHz stereo, encoded by the bundled ffmpeg), {@code labels.json} in Ludwig's
 * DynamoDB-typed JSON, {@code subgeneres.json} (sic, Ludwig's spelling: subgenre -> track ids)
 * and {@code manifest.json} (see {@link CorpusManifest}).
 *
 * <p>The audio is music in the style of each genre and subgenre, played by generated artists
 * with a consistent sound of their own. One seed fixes every byte, whatever the number of cores.
 * Tracks are synthesized and encoded in parallel over the available cores.
 */
public final class CorpusGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(CorpusGenerator.class);
  /** What an object store answers instead of audio when access is denied: a typical "not audio" file. */
  private static final String NOT_AUDIO = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>
      """;
  /**
   * Audio left in the truncated file: a broken download keeps its header (which still declares
   * the full length) and a second or so of frames, less than any clip policy's minimum.
   */
  private static final double TRUNCATED_SECONDS = 1.3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private CorpusGenerator() {}

  public static CorpusManifest generate(CorpusSpec spec) throws IOException {
    Path root = spec.out();
    prepare(root);
    CorpusPlan plan = CorpusPlan.of(spec);
    List<Planned> all = plan.all();
    for (Planned p : all) {
      if (p.audio() != Audio.NONE) {
        Files.createDirectories(root.resolve(p.path()).getParent());
      }
    }
    writeFiles(root, all);
    List<TrackLabels> labels = all.stream().map(Planned::labels).filter(Objects::nonNull).toList();
    try (OutputStream out = Files.newOutputStream(root.resolve("labels.json"))) {
      LabelsWriter.write(out, labels);
    }
    writeSubgenres(root.resolve("subgeneres.json"), labels);
    CorpusManifest manifest = manifest(spec, plan);
    manifest.write(root);
    return manifest;
  }

  /** An absent or empty directory, or one holding an earlier corpus, which is removed first. */
  private static void prepare(Path root) throws IOException {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new IllegalArgumentException("corpus output " + root + " is a file, not a directory");
    }
    Files.createDirectories(root);
    boolean empty;
    try (Stream<Path> entries = Files.list(root)) {
      empty = entries.findAny().isEmpty();
    }
    if (empty) {
      return;
    }
    if (!Files.exists(root.resolve(CorpusManifest.FILE))) {
      throw new IllegalArgumentException("corpus output " + root
          + " is not empty and holds no generated corpus (no " + CorpusManifest.FILE + "); refusing to overwrite it");
    }
    for (String name : List.of("mp3", "labels.json", "subgeneres.json", CorpusManifest.FILE)) {
      deleteTree(root.resolve(name));
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void writeFiles(Path root, List<Planned> tracks) throws IOException {
    List<Planned> encoded = new ArrayList<>();
    for (Planned p : tracks) {
      Path file = root.resolve(p.path());
      switch (p.audio()) {
        case EMPTY -> Files.write(file, new byte[0]);
        case NOT_AUDIO -> Files.writeString(file, NOT_AUDIO, StandardCharsets.UTF_8);
        case NONE -> { }
        default -> encoded.add(p);
      }
    }
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), encoded.size()));
    AtomicInteger workers = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread t = new Thread(task, "corpus-encoder-" + workers.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      ExecutorCompletionService<Planned> done = new ExecutorCompletionService<>(pool);
      for (Planned p : encoded) {
        done.submit(() -> {
          writeAudio(root.resolve(p.path()), p);
          return p;
        });
      }
      int every = Math.max(1, encoded.size() / 10);
      for (int finished = 1; finished <= encoded.size(); finished++) {
        done.take().get();
        if (encoded.size() >= 50 && (finished % every == 0 || finished == encoded.size())) {
          LOG.info("Generated {}/{} tracks", finished, encoded.size());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("corpus generation interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw new IOException("corpus generation failed: " + io.getMessage(), io);
      }
      throw new IllegalStateException("corpus generation failed", cause);
    } finally {
      pool.shutdownNow();
      try {
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warn("corpus encoder threads did not stop within 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void writeAudio(Path file, Planned p) throws IOException {
    float[] pcm = p.audio() == Audio.SILENT
        ? new float[2 * (int) Math.round(p.seconds() * Stereo.RATE)]
        : TrackRenderer.render(p.artist().sound(), p.seconds(), new SplittableRandom(p.render()));
    Mp3Encoder.encode(pcm, p.bitrateKbps(), file);
    if (p.audio() == Audio.TRUNCATED) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate((long) (channel.size() * TRUNCATED_SECONDS / p.seconds()));
      }
    }
  }

  private static void writeSubgenres(Path file, List<TrackLabels> labels) throws IOException {
    Map<String, List<String>> bySubgenre = new TreeMap<>();
    for (TrackLabels t : labels) {
      if (t.subgenres() != null) {
        for (String s : t.subgenres()) {
          bySubgenre.computeIfAbsent(s, k -> new ArrayList<>()).add(t.id());
        }
      }
    }
    JSON.writeValue(file.toFile(), bySubgenre);
  }

  private static CorpusManifest manifest(CorpusSpec spec, CorpusPlan plan) {
    List<CorpusManifest.Track> catalog = plan.regular.stream().map(CorpusGenerator::catalogEntry).toList();
    List<String> decodable = new ArrayList<>(catalog.stream().map(CorpusManifest.Track::id).toList());
    CorpusManifest.Defects defects = null;
    if (plan.defects != null) {
      CorpusPlan.DefectPlan d = plan.defects;
      decodable.add(d.missingLabels().id());
      defects = new CorpusManifest.Defects(defect(d.truncated()), defect(d.empty()), defect(d.notAudio()), defect(d.silent()),
          defect(d.tooShort()), defect(d.missingLabels()), defect(d.labelsWithoutAudio()));
    }
    return new CorpusManifest(spec.seed(), spec.tracks(), spec.seconds(), Stereo.RATE, 2, decodable, catalog, defects);
  }

  private static CorpusManifest.Track catalogEntry(Planned p) {
    TrackLabels l = p.labels();
    return new CorpusManifest.Track(p.id(), p.path(), l.genre(), l.artist(), l.album(), l.name(), l.subgenres(),
        l.otherSubgenres(), p.bitrateKbps());
  }

  private static CorpusManifest.Defect defect(Planned p) {
    return new CorpusManifest.Defect(p.id(), p.audio() == Audio.NONE ? null : p.path(), p.genre().label());
  }
}
