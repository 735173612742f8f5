package io.musicrec.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Condition;
import io.musicrec.store.Filter;
import io.musicrec.store.Point;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Recommendation;
import io.musicrec.store.VectorStore;
import io.musicrec.store.embedded.EmbeddedOptions;
import io.musicrec.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same diversified query gives the same results on the embedded store and on Qdrant, whichever
 * side runs MMR (Qdrant's own on 1.15+ for similar tracks and audio searches, {@link Diversifier}
 * otherwise). The catalogue is made to need diversity: 240 tracks in 12 tight clusters of 20 (a
 * cluster is a style; near-copies sit inside it), 16-d, 30 artists spread over the clusters, one
 * track in ten without an artist (never capped). Subclasses say which Qdrant.
 */
abstract class DiversityParityContract {
  private static final int DIMENSION = 16;
  private static final double[] DIVERSITIES = {0.1, 0.3, 0.7, 1.0};
  private static final int[] CAPS = {0, 1, 2};

  @TempDir Path dir;
  VectorStore embedded;
  VectorStore qdrant;
  String collection;
  List<Point> catalogue;

  abstract VectorStore openQdrant() throws Exception;

  @BeforeEach
  void seed() throws Exception {
    collection = "parity_" + UUID.randomUUID().toString().substring(0, 8);
    qdrant = openQdrant(); // first: a real Qdrant that is not configured skips the test here
    embedded = EmbeddedStore.open(dir, EmbeddedOptions.defaults());
    catalogue = catalogue(new Random(17));
    for (VectorStore s : List.of(embedded, qdrant)) {
      s.ensureCollection(CollectionSpec.of(collection, DIMENSION));
      s.upsert(collection, catalogue);
    }
  }

  /** Called once both stores are closed (the stand-in's server stops here, not before). */
  void afterStores() {}

  @AfterEach
  void drop() {
    try {
      for (VectorStore s : new VectorStore[] {embedded, qdrant}) {
        if (s == null) continue;
        try {
          if (s.exists(collection)) s.dropCollection(collection);
        } finally {
          s.close();
        }
      }
    } finally {
      afterStores();
    }
  }

  private static List<Point> catalogue(Random random) {
    List<float[]> centres = new ArrayList<>();
    for (int c = 0; c < 12; c++) centres.add(gaussian(random, 1.0));
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      int cluster = i % 12;
      float[] noise = gaussian(random, 0.25);
      float[] v = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) v[d] = centres.get(cluster)[d] + noise[d];
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("name", "Track " + i);
      // Artists mostly stay in one style, as on a real catalogue: artist j plays clusters j % 12 and (j + 1) % 12.
      if (i % 10 != 3) payload.put("artist", "Artist " + ((cluster + 12 * random.nextInt(2) + random.nextInt(2) * 11) % 30));
      points.add(new Point(String.format("t%03d", i), v, payload));
    }
    return points;
  }

  private static float[] gaussian(Random random, double sigma) {
    float[] v = new float[DIMENSION];
    for (int d = 0; d < DIMENSION; d++) v[d] = (float) (random.nextGaussian() * sigma);
    return v;
  }

  private static List<String> ids(List<Found> found) {
    return found.stream().map(f -> f.hit().trackId()).toList();
  }

  private void assertSame(String what, List<Found> expected, List<Found> actual) {
    assertEquals(ids(expected), ids(actual), what);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).hit().score(), actual.get(i).hit().score(), 1e-5, what + " score at " + i);
      assertEquals(expected.get(i).reason().kind(), actual.get(i).reason().kind(), what + " reason at " + i);
    }
  }

  @Test
  void similarTracksAreTheSameOnBothStoresForEveryDiversityAndCap() {
    DiscoveryQueries onEmbedded = new DiscoveryQueries(embedded, collection);
    DiscoveryQueries onQdrant = new DiscoveryQueries(qdrant, collection);
    int compared = 0;
    for (String track : List.of("t000", "t017", "t101", "t203", "t239")) {
      for (double d : DIVERSITIES) {
        for (int cap : CAPS) {
          Diversity diversity = new Diversity(d, cap);
          List<Found> expected = onEmbedded.similar(track, 10, Filter.NONE, diversity);
          assertEquals(10, expected.size());
          assertSame("similar to " + track + " " + diversity, expected, onQdrant.similar(track, 10, Filter.NONE, diversity));
          compared++;
        }
      }
      // Diversity changes the list: the test would notice a store that ignored it.
      assertTrue(!ids(onEmbedded.similar(track, 10, Filter.NONE, Diversity.NONE))
          .equals(ids(onEmbedded.similar(track, 10, Filter.NONE, new Diversity(0.7, 0)))), track);
    }
    assertEquals(60, compared);
  }

  @Test
  void audioSearchesAndFilteredQueriesAreTheSameOnBothStores() {
    DiscoveryQueries onEmbedded = new DiscoveryQueries(embedded, collection);
    DiscoveryQueries onQdrant = new DiscoveryQueries(qdrant, collection);
    float[] query = catalogue.get(42).vector().clone();
    query[0] += 0.3f; // an upload: near a track, not one of them
    Filter notArtist3 = Filter.builder().mustNot(new Condition.MatchValue("artist", "Artist 3")).build();
    for (double d : DIVERSITIES) {
      Diversity diversity = new Diversity(d, 0);
      assertSame("search " + diversity, onEmbedded.search(query, 8, Filter.NONE, diversity),
          onQdrant.search(query, 8, Filter.NONE, diversity));
      assertSame("filtered similar " + diversity, onEmbedded.similar("t042", 8, notArtist3, diversity),
          onQdrant.similar("t042", 8, notArtist3, diversity));
    }
  }

  @Test
  void diversifiedRecommendationsAreTheSameOnBothStores() {
    DiscoveryQueries onEmbedded = new DiscoveryQueries(embedded, collection);
    DiscoveryQueries onQdrant = new DiscoveryQueries(qdrant, collection);
    for (RecommendStrategy strategy : RecommendStrategy.values()) {
      Recommendation r = new Recommendation(List.of("t005", "t077"), List.of("t150"), strategy, Filter.NONE, 10);
      for (double d : DIVERSITIES) {
        Diversity diversity = new Diversity(d, 2);
        assertSame(strategy + " " + diversity, onEmbedded.recommend(r, diversity), onQdrant.recommend(r, diversity));
      }
    }
  }
}
