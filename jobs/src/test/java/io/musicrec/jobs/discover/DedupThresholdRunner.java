package io.musicrec.jobs.discover;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.discover.DuplicateGroup;
import io.musicrec.discover.Duplicates;
import io.musicrec.jobs.index.DuplicatesSection;
import io.musicrec.jobs.index.IndexJob;
import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import io.musicrec.store.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures a model's near-duplicate threshold (not a test; how the per-model thresholds in {@link
 * Duplicates} and README "Near-duplicates" were chosen): builds {@link CopiedRecordings} from the
 * real-music fixture, indexes it with the model, and prints the cosine of each kind of copy to its
 * original, the most similar other recording, and pair precision / recall of {@link
 * Duplicates#find} (single linkage: a pair counts when both tracks end in one group) at each
 * threshold. Arguments: fixture, model, recordings per genre (4), seconds (45), thresholds
 * (comma-separated), work folder. Run with the jobs test classpath, the Spark JVM options and
 * {@code -Dmusicrec.home} (for installed models), e.g. {@code java @args
 * io.musicrec.jobs.discover.DedupThresholdRunner ~/.cache/musicrec/real-music musicnn-mtt 4 45
 * 0.93,0.95,0.96,0.97,0.98,0.99 /tmp/dedup-mtt}.
 */
public final class DedupThresholdRunner {
  public static void main(String[] args) throws Exception {
    Path fixture = Path.of(args[0]);
    String model = args[1];
    int perGenre = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    List<Double> thresholds = new ArrayList<>();
    for (String t : args[4].split(",")) thresholds.add(Double.parseDouble(t));
    Path work = Files.createDirectories(Path.of(args[5]));

    Path corpus = CopiedRecordings.make(fixture, work.resolve("corpus"), perGenre, seconds);
    MusicrecConfig config = ConfigLoader.load(null, Map.of(), Map.of(
        "input", corpus.toString(), "store", "embedded:" + work.resolve("index"), "report", work.resolve("report").toString(),
        "model", model, "mode", "rebuild", "spark.master", "local[2]"));
    new IndexJob(config, DuplicatesSection.Mode.OFF).run();
    try (VectorStore store = VectorStores.open(config)) {
      String collection = config.collection();
      List<Point> points = store.retrieve(collection, store.listPayloads(collection, List.of()).keySet());
      List<Point> originals = points.stream().filter(p -> !p.trackId().contains("__")).toList();
      System.out.printf(Locale.ROOT, "%s: %d tracks, %d recordings%n", model, points.size(), originals.size());
      for (String[] v : CopiedRecordings.VARIANTS) {
        List<Double> cosines = new ArrayList<>();
        for (Point o : originals) {
          points.stream().filter(p -> p.trackId().equals(o.trackId() + "__" + v[0]))
              .forEach(p -> cosines.add((double) Vectors.dot(o.vector(), p.vector())));
        }
        System.out.printf(Locale.ROOT, "  copy %-14s to its original: min %.4f, median %.4f (%d)%n",
            v[0], min(cosines), median(cosines), cosines.size());
      }
      List<Double> nearestOther = new ArrayList<>();
      for (Point o : originals) {
        double best = -1;
        for (Point p : points) {
          if (!CopiedRecordings.recording(p.trackId()).equals(o.trackId())) best = Math.max(best, Vectors.dot(o.vector(), p.vector()));
        }
        nearestOther.add(best);
      }
      System.out.printf(Locale.ROOT, "  most similar other recording: max %.4f, median %.4f%n",
          nearestOther.stream().mapToDouble(Double::doubleValue).max().orElse(-1), median(nearestOther));
      int tracksPerRecording = 1 + CopiedRecordings.VARIANTS.size();
      int truePairs = originals.size() * tracksPerRecording * (tracksPerRecording - 1) / 2;
      System.out.println("| threshold | pair precision | pair recall | groups |");
      for (double t : thresholds) {
        List<DuplicateGroup> groups = Duplicates.find(store, collection, t);
        CopiedRecordings.PairCounts pairs = CopiedRecordings.PairCounts.of(groups);
        System.out.printf(Locale.ROOT, "| %.3f | %.3f | %.3f | %d |%n",
            t, pairs.precision(), pairs.correct() / (double) truePairs, groups.size());
      }
    }
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    if (sorted.isEmpty()) return Double.NaN;
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
