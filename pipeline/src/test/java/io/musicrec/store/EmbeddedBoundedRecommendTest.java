package io.musicrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recommendations of the embedded store come from nearest-neighbour candidates, not a
 * scan of the collection. On a collection 30x larger than the candidate count, their answers must
 * match the exact formula over every point (computed here by brute force): the same tracks (recall)
 * and the same scores. Also: a bulk load made of several commits ends as one segment after
 * finishLoad.
 */
class EmbeddedBoundedRecommendTest {
  private static final int N = 3000;
  private static final int DIM = 64;
  private static final int K = 10;
  @TempDir static Path dir;
  static EmbeddedStore store;
  static float[][] units = new float[N][];
  static String[] genres = new String[N];

  @BeforeAll
  static void load() throws Exception {
    Random random = new Random(11);
    float[][] centres = new float[40][];
    for (int c = 0; c < centres.length; c++) centres[c] = relu(gaussian(random, 1.0f), null);
    store = EmbeddedStore.open(dir, EmbeddedOptions.defaults());
    store.ensureCollection(CollectionSpec.of("rec", DIM));
    // Three writers, each flushing (committing) on close: the load leaves several segments.
    for (int part = 0; part < 3; part++) {
      try (BulkWriter writer = store.bulkWriter("rec")) {
        for (int i = part; i < N; i += 3) {
          float[] v = relu(gaussian(random, 0.6f), centres[random.nextInt(centres.length)]);
          genres[i] = "g" + (i % 5);
          units[i] = Vectors.normalized(v, "v");
          writer.add(new Point("t" + i, v, Map.of("genre", genres[i])));
        }
      }
    }
    assertTrue(segments() > 1, "the load should leave several segments before finishLoad");
    store.finishLoad("rec");
    assertEquals(1, segments());
    assertEquals(N, store.count("rec"));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static int segments() throws Exception {
    try (FSDirectory d = FSDirectory.open(store.root().resolve(store.aliasTarget("rec").orElse("rec")).resolve("index"));
        DirectoryReader reader = DirectoryReader.open(d)) {
      return reader.leaves().size();
    }
  }

  @Test
  void bestScoreMatchesTheExactScan() {
    assertMatchesExact(RecommendStrategy.BEST_SCORE, Filter.NONE);
  }

  @Test
  void sumScoresMatchesTheExactScan() {
    assertMatchesExact(RecommendStrategy.SUM_SCORES, Filter.NONE);
  }

  @Test
  void averageVectorMatchesTheExactScan() {
    assertMatchesExact(RecommendStrategy.AVERAGE_VECTOR, Filter.NONE);
  }

  @Test
  void filteredRecommendMatchesTheExactScan() {
    Filter filter = Filter.must(new Condition.MatchValue("genre", "g2"));
    assertMatchesExact(RecommendStrategy.BEST_SCORE, filter);
    assertMatchesExact(RecommendStrategy.SUM_SCORES, filter);
  }

  @Test
  void onlyNegativeExamplesGiveTheExactAnswer() {
    for (RecommendStrategy strategy : List.of(RecommendStrategy.BEST_SCORE, RecommendStrategy.SUM_SCORES)) {
      List<Hit> hits = store.recommend("rec", new Recommendation(List.of(), List.of("t5", "t17"), strategy, Filter.NONE, K));
      assertEquals(exact(strategy, List.of(), List.of(5, 17), Filter.NONE), hits.stream().map(Hit::trackId).toList());
    }
  }

  @Test
  void aPayloadBeyondTheDocValuesLimitIsKeptWhole() {
    // Payloads live in binary doc values, which hold at most 32 KB a value; a larger one is stored apart.
    List<String> big = IntStream.range(0, 4000).mapToObj(i -> "note-" + i).toList(); // about 44 KB of JSON
    store.ensureCollection(CollectionSpec.of("big", DIM));
    store.upsert("big", List.of(new Point("huge", units[0], Map.of("genre", "g0", "notes", big)),
        new Point("small", units[1], Map.of("genre", "g1"))));
    assertEquals(big, store.retrieve("big", List.of("huge")).get(0).payload().get("notes"));
    List<Hit> hits = store.search("big", units[0], 2, Filter.NONE);
    assertEquals(List.of("huge", "small"), hits.stream().map(Hit::trackId).toList());
    assertEquals(big, hits.get(0).payload().get("notes"));
    assertEquals("g1", hits.get(1).payload().get("genre"));
    assertEquals(Map.of("huge", Map.of("genre", "g0"), "small", Map.of("genre", "g1")),
        store.listPayloads("big", List.of("genre")));
  }

  private void assertMatchesExact(RecommendStrategy strategy, Filter filter) {
    Random random = new Random(3);
    int requests = 30;
    int found = 0;
    for (int r = 0; r < requests; r++) {
      List<Integer> pos = List.of(random.nextInt(N), random.nextInt(N));
      List<Integer> neg = List.of(random.nextInt(N));
      if (pos.get(0).equals(pos.get(1)) || pos.contains(neg.get(0))) continue;
      Recommendation request = new Recommendation(ids(pos), ids(neg), strategy, filter, K);
      List<Hit> hits = store.recommend("rec", request);
      assertEquals(K, hits.size());
      Set<String> truth = new HashSet<>(exact(strategy, pos, neg, filter));
      for (Hit h : hits) {
        if (truth.contains(h.trackId())) found++;
        int i = Integer.parseInt(h.trackId().substring(1));
        assertTrue(filter.test(h.payload()), h.toString());
        assertTrue(!pos.contains(i) && !neg.contains(i), "an example came back: " + h);
        assertEquals(score(strategy, i, pos, neg), h.score(), 1e-5, "the exact formula's score for " + h.trackId());
      }
    }
    double recall = found / (double) (requests * K);
    System.out.printf("bounded %s (%s): recall@10 against the exact scan = %.4f%n", strategy, filter.isEmpty() ? "no filter" : "filtered", recall);
    assertTrue(recall >= 0.95, strategy + " recall@10 = " + recall);
  }

  private static List<String> exact(RecommendStrategy strategy, List<Integer> pos, List<Integer> neg, Filter filter) {
    return IntStream.range(0, N).boxed()
        .filter(i -> !pos.contains(i) && !neg.contains(i))
        .filter(i -> filter.test(Map.of("genre", genres[i])))
        .sorted(Comparator.<Integer>comparingDouble(i -> -score(strategy, i, pos, neg)).thenComparing(i -> i))
        .limit(K).map(i -> "t" + i).toList();
  }

  private static float score(RecommendStrategy strategy, int i, List<Integer> pos, List<Integer> neg) {
    List<float[]> p = pos.stream().map(x -> units[x]).toList();
    List<float[]> n = neg.stream().map(x -> units[x]).toList();
    if (strategy == RecommendStrategy.AVERAGE_VECTOR) {
      return Vectors.dot(units[i], Vectors.normalized(Vectors.averageVectorQuery(p, n), "query"));
    }
    return Vectors.recommendScore(strategy, units[i], p, n);
  }

  private static List<String> ids(List<Integer> indexes) {
    List<String> out = new ArrayList<>();
    for (int i : indexes) out.add("t" + i);
    return out;
  }

  private static float[] gaussian(Random r, float sigma) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) v[i] = (float) r.nextGaussian() * sigma;
    return v;
  }

  /** ReLU(centre + noise), like a network's embedding; never all zero. */
  private static float[] relu(float[] noise, float[] centre) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) v[i] = Math.max(0, noise[i] + (centre == null ? 0 : centre[i]));
    v[0] += 0.01f;
    return v;
  }
}
