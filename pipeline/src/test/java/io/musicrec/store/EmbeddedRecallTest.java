package io.musicrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.Settings;
import io.musicrec.store.embedded.EmbeddedOptions;
import io.musicrec.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recall@10 of the embedded HNSW at default settings against exact (brute-force) search, on
 * clustered random vectors like embeddings of a catalogue of genres. Prints the figures.
 */
class EmbeddedRecallTest {
  private static final int K = 10;
  @TempDir Path dir;

  @Test
  void recallAt10IsAtLeast098At256Dimensions() {
    assertRecall(256, 2000, 100, CollectionLayout.Quantization.NONE);
  }

  @Test
  void recallAt10IsAtLeast098WithInt8Quantization() {
    assertRecall(256, 1500, 50, CollectionLayout.Quantization.INT8);
  }

  @Test
  void twoThousandFortyEightDimensionsAreIndexedAndSearchedWell() {
    assertRecall(2048, 800, 50, CollectionLayout.Quantization.NONE);
  }

  /**
   * The configured effort reaches the graph search: few candidates miss part of the exact top 10,
   * many find nearly all of it. Opened through the config's path ({@code search.hnsw_ef}).
   */
  @Test
  void aLargerConfiguredSearchEffortFindsMoreOfTheExactTop10() {
    Random random = new Random(11);
    int dim = 48;
    int n = 6000;
    float[][] centres = new float[60][];
    for (int c = 0; c < centres.length; c++) centres[c] = gaussian(random, dim, 1.0f);
    float[][] units = new float[n][];
    try (VectorStore store = EmbeddedStore.open(dir, EmbeddedOptions.defaults())) {
      store.ensureCollection(new CollectionSpec("effort", dim, true, CollectionLayout.Quantization.NONE));
      try (BulkWriter writer = store.bulkWriter("effort")) {
        for (int i = 0; i < n; i++) {
          float[] v = plus(centres[random.nextInt(centres.length)], gaussian(random, dim, 0.8f));
          units[i] = Vectors.normalized(v, "v");
          writer.add(new Point("t" + i, v, Map.of()));
        }
      }
      store.finishLoad("effort");
    }
    List<float[]> queries = new ArrayList<>();
    for (int q = 0; q < 80; q++) queries.add(plus(centres[random.nextInt(centres.length)], gaussian(random, dim, 0.8f)));
    double narrow = recallWithEffort(10, units, queries);
    double automatic = recallWithEffort(SearchEffort.AUTOMATIC, units, queries);
    double wide = recallWithEffort(400, units, queries);
    System.out.printf("embedded HNSW %d-d x %d points: recall@10 %.4f at effort 10, %.4f automatic (100), %.4f at 400%n",
        dim, n, narrow, automatic, wide);
    assertTrue(wide >= 0.98, "recall@10 at effort 400 = " + wide);
    assertTrue(automatic >= 0.98, "recall@10 at the automatic effort = " + automatic);
    assertTrue(narrow < automatic - 0.01, "effort 10 " + narrow + " against automatic " + automatic);
  }

  private double recallWithEffort(int effort, float[][] units, List<float[]> queries) {
    Settings.Sink sink = ConfigLoader.load(null, Map.of(), Map.of()).sink();
    try (VectorStore store = VectorStores.open("embedded:" + dir, sink, null, new Settings.Search(effort))) {
      int found = 0;
      for (float[] query : queries) {
        Set<String> exact = new HashSet<>(exactTop(units, Vectors.normalized(query, "q")));
        for (Hit h : store.search("effort", query, K, Filter.NONE)) if (exact.contains(h.trackId())) found++;
      }
      return found / (double) (queries.size() * K);
    }
  }

  private void assertRecall(int dim, int n, int queries, CollectionLayout.Quantization quantization) {
    Random random = new Random(7);
    float[][] centres = new float[40][];
    for (int c = 0; c < centres.length; c++) centres[c] = gaussian(random, dim, 1.0f);
    List<Point> points = new ArrayList<>(n);
    float[][] units = new float[n][];
    for (int i = 0; i < n; i++) {
      float[] v = plus(centres[random.nextInt(centres.length)], gaussian(random, dim, 0.6f));
      points.add(new Point("t" + i, v, Map.of("genre", "g" + (i % 5))));
      units[i] = Vectors.normalized(v, "v");
    }
    try (VectorStore store = EmbeddedStore.open(dir, EmbeddedOptions.defaults())) {
      store.ensureCollection(new CollectionSpec("recall", dim, true, quantization));
      long t0 = System.nanoTime();
      try (BulkWriter writer = store.bulkWriter("recall")) {
        points.forEach(writer::add);
      }
      long indexMs = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(n, store.count("recall"));

      int found = 0;
      long searchNs = 0;
      for (int q = 0; q < queries; q++) {
        float[] query = plus(centres[random.nextInt(centres.length)], gaussian(random, dim, 0.6f));
        float[] unit = Vectors.normalized(query, "q");
        Set<String> exact = new HashSet<>(exactTop(units, unit));
        long s0 = System.nanoTime();
        List<Hit> hits = store.search("recall", query, K, Filter.NONE);
        searchNs += System.nanoTime() - s0;
        for (Hit h : hits) if (exact.contains(h.trackId())) found++;
      }
      double recall = found / (double) (queries * K);
      System.out.printf("embedded HNSW %d-d x %d points (%s): recall@10 = %.4f, index %d ms, mean query %.2f ms%n",
          dim, n, quantization, recall, indexMs, searchNs / 1e6 / queries);
      assertTrue(recall >= 0.98, "recall@10 = " + recall);
    }
  }

  private static List<String> exactTop(float[][] units, float[] query) {
    return IntStream.range(0, units.length).boxed()
        .sorted(Comparator.comparingDouble(i -> -Vectors.dot(units[i], query)))
        .limit(K).map(i -> "t" + i).toList();
  }

  private static float[] gaussian(Random r, int dim, float sigma) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) v[i] = (float) r.nextGaussian() * sigma;
    return v;
  }

  private static float[] plus(float[] a, float[] b) {
    float[] v = new float[a.length];
    for (int i = 0; i < a.length; i++) v[i] = a[i] + b[i];
    return v;
  }
}
