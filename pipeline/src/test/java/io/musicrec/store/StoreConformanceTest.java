package io.musicrec.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.Settings;
import io.musicrec.testing.qdrant.ConformanceTracks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same assertions for every {@link VectorStore}: subclasses only say how to open one. A new
 * store extends {@link AbstractVectorStore} (the shared policy) and adds one subclass here. Expected
 * scores are hand-computed from {@link ConformanceTracks} (cosine on normalised vectors, Qdrant's
 * recommend formulas).
 */
abstract class StoreConformanceTest {
  private static final float TOLERANCE = 1e-5f;

  protected AbstractVectorStore store;
  /** Unique per test, so a shared real Qdrant never sees leftovers of another run. */
  protected String collection;
  private final List<String> created = new ArrayList<>();

  /** The store under test, searching with the given effort ({@code search.hnsw_ef}). */
  protected abstract VectorStore openStore(Settings.Search search) throws Exception;

  /** Whether the store keeps Qdrant's cluster settings (shards, replicas) and typed payload indexes. */
  protected boolean keepsClusterSettings() {
    return true;
  }

  @BeforeEach
  void openAndSeed() throws Exception {
    store = (AbstractVectorStore) openStore(new Settings.Search(SearchEffort.AUTOMATIC));
    String run = UUID.randomUUID().toString().substring(0, 8);
    collection = "conformance_" + run;
    created.add(collection);
    store.ensureCollection(CollectionSpec.of(collection, ConformanceTracks.DIMENSION));
    store.upsert(collection, ConformanceTracks.all());
  }

  @AfterEach
  void dropAndClose() {
    if (store == null) return;
    try {
      for (String name : created) {
        for (String v : store.listVersions(name)) store.dropCollection(v);
        for (String v : store.incompleteVersions(name)) store.dropCollection(v);
        store.dropCollection(name);
      }
    } finally {
      store.close();
    }
  }

  // ---- collections ----

  @Test
  void reopeningWithTheSameDimensionIsFineAndAnotherDimensionIsRefused() {
    store.ensureCollection(CollectionSpec.of(collection, 3));
    assertEquals(Optional.of(3), store.dimension(collection));
    StoreException e = assertThrows(StoreException.class, () -> store.ensureCollection(CollectionSpec.of(collection, 4)));
    assertTrue(e.getMessage().contains("3-d") && e.getMessage().contains("4-d"), e.getMessage());
    assertEquals(Optional.empty(), store.dimension(collection + "_missing"));
    assertFalse(store.exists(collection + "_missing"));
  }

  @Test
  void aVectorOfTheWrongDimensionIsRefusedAndNothingIsLost() {
    Point wrong = ConformanceTracks.track("x", new float[] {1, 2, 3, 4}, "rock", "X", List.of());
    assertThrows(StoreException.class, () -> store.upsert(collection, List.of(wrong)));
    assertEquals(8, store.count(collection));
  }

  @Test
  void aCollectionKeepsTheLayoutItWasCreatedWith() {
    String name = collection + "_layout";
    created.add(name);
    CollectionLayout asked = new CollectionLayout(true, CollectionLayout.Quantization.INT8, 24, 150, 2, 1, 1,
        Map.of("genre", CollectionLayout.PayloadIndex.KEYWORD, "duration", CollectionLayout.PayloadIndex.FLOAT));
    store.ensureCollection(new CollectionSpec(name, ConformanceTracks.DIMENSION, asked));
    CollectionLayout got = store.layout(name).orElseThrow();
    assertEquals(CollectionLayout.Quantization.INT8, got.quantization());
    assertEquals(24, got.hnswM());
    assertEquals(150, got.hnswEfConstruct());
    assertTrue(got.onDiskVectors());
    if (keepsClusterSettings()) {
      assertEquals(2, got.shardNumber());
      assertEquals(1, got.replicationFactor());
      assertEquals(1, got.writeConsistencyFactor());
      assertEquals(asked.payloadIndexes(), got.payloadIndexes());
    }
    assertEquals(Optional.empty(), store.layout(name + "_missing"));
  }

  @Test
  void aQuantizedCollectionAnswersWithExactScores() {
    String name = collection + "_int8";
    created.add(name);
    store.ensureCollection(new CollectionSpec(name, ConformanceTracks.DIMENSION, false, CollectionLayout.Quantization.INT8));
    store.upsert(name, ConformanceTracks.all());
    // candidates are rescored with the original vectors: the same scores as unquantized
    assertHits("b:0.996241, a:0.980581, c:0.745241, h:0.591312, d:0.195143",
        store.search(name, new float[] {1, 0.2f, 0}, 5, Filter.NONE));
  }

  @Test
  void aConfiguredSearchEffortIsAccepted() throws Exception {
    List<Hit> automatic = store.search(collection, new float[] {1, 0.2f, 0}, 5, Filter.NONE);
    store.close();
    store = (AbstractVectorStore) openStore(new Settings.Search(500));
    // eight points: any effort finds them all, so only an ignored or refused setting could differ
    assertHits("b:0.996241, a:0.980581, c:0.745241, h:0.591312, d:0.195143",
        store.search(collection, new float[] {1, 0.2f, 0}, 5, Filter.NONE));
    assertEquals(automatic.stream().map(Hit::trackId).toList(),
        store.search(collection, new float[] {1, 0.2f, 0}, 5, Filter.NONE).stream().map(Hit::trackId).toList());
    assertEquals(1, store.recommend(collection, new Recommendation(List.of("a"), List.of(), RecommendStrategy.BEST_SCORE,
        Filter.NONE, 1)).size());
  }

  // ---- points ----

  @Test
  void anAllZeroVectorIsStoredAsZerosAndScoresZero() {
    Point zero = ConformanceTracks.track("z", new float[] {0, 0, 0}, "noise", "Zed", List.of());
    store.upsert(collection, List.of(zero));
    assertEquals(9, store.count(collection));
    assertArrayEquals(new float[] {0, 0, 0}, store.retrieve(collection, List.of("z")).get(0).vector(), 0f);
    Hit z = store.search(collection, new float[] {1, 0.2f, 0}, 50, Filter.must(Condition.matchValue("genre", "noise"))).get(0);
    assertEquals("z", z.trackId());
    assertEquals(0f, z.score(), 0f);
    // ranked where a score of 0 belongs: after d (0.195) and before g (-0.879)
    List<String> all = ids(store.search(collection, new float[] {5, 1, 0}, 50, null));
    assertEquals(List.of("b", "a", "c", "h", "d", "e", "f", "z", "g"), all);
  }

  @Test
  void tiedScoresAreRankedTogetherAheadOfLowerOnes() {
    store.upsert(collection, List.of(
        ConformanceTracks.track("twin1", new float[] {0, 0, -3}, "twins", "T", List.of()),
        ConformanceTracks.track("twin2", new float[] {0, 0, -1}, "twins", "T", List.of()),
        ConformanceTracks.track("twin3", new float[] {0, 0, -2}, "twins", "T", List.of())));
    List<Hit> hits = store.search(collection, new float[] {0, 0, -1}, 4, null);
    assertEquals(java.util.Set.of("twin1", "twin2", "twin3"), java.util.Set.copyOf(ids(hits.subList(0, 3))));
    for (Hit h : hits.subList(0, 3)) assertEquals(1f, h.score(), TOLERANCE);
    assertTrue(hits.get(3).score() < 0.5f, "then the next best: " + hits.get(3));
  }

  @Test
  void upsertingATrackAgainOverwritesIt() {
    Point again = ConformanceTracks.track("a", new float[] {0, 0, 5}, "ambient", "Ann", List.of());
    store.upsert(collection, List.of(again));
    store.upsert(collection, List.of(again));
    assertEquals(8, store.count(collection));
    Point stored = store.retrieve(collection, List.of("a")).get(0);
    assertEquals("ambient", stored.payload().get("genre"));
    assertArrayEquals(new float[] {0, 0, 1}, stored.vector(), TOLERANCE);
  }

  @Test
  void retrieveReturnsNormalisedVectorsAndTypedPayloadInTheOrderAsked() {
    List<Point> got = store.retrieve(collection, List.of("c", "nope", "a"));
    assertEquals(List.of("c", "a"), got.stream().map(Point::trackId).toList());
    assertArrayEquals(new float[] {0.6f, 0.8f, 0}, got.get(0).vector(), TOLERANCE);
    assertArrayEquals(new float[] {1, 0, 0}, got.get(1).vector(), TOLERANCE);
    Map<String, Object> p = got.get(0).payload();
    assertEquals("c", p.get("track_id"));
    assertEquals(List.of("latin---samba"), p.get("subgenres"));
    assertEquals(29.5, p.get("duration"));
    assertEquals(2001L, p.get("year"));
    assertEquals(false, p.get("explicit"));
    assertTrue(p.containsKey("album") && p.get("album") == null, "null payload values survive: " + p);
  }

  @Test
  void deleteRemovesOnlyTheGivenTracks() {
    store.delete(collection, List.of("a", "b", "unknown"));
    assertEquals(6, store.count(collection));
    assertTrue(store.retrieve(collection, List.of("a", "b")).isEmpty());
    assertEquals(List.of("c"), ids(store.search(collection, new float[] {1, 0.2f, 0}, 1, Filter.NONE)));
  }

  @Test
  void listPayloadsReturnsEveryTrackWithTheAskedFields() {
    Map<String, Map<String, Object>> all = store.listPayloads(collection, List.of("content_hash", "model"));
    assertEquals(8, all.size());
    assertEquals(Map.of("content_hash", "hash-e", "model", "logmel"), all.get("e"));
    Map<String, Map<String, Object>> first = store.listPayloads(collection, List.of("model"), 3);
    assertEquals(3, first.size(), "a limited listing stops at the limit");
    assertTrue(all.keySet().containsAll(first.keySet()));
  }

  @Test
  void bulkWriterAcknowledgesEveryPoint() {
    try (BulkWriter w = store.bulkWriter(collection)) {
      for (int i = 0; i < 150; i++) {
        w.add(ConformanceTracks.track("bulk" + i, new float[] {i + 1, 1, 0}, "rock", "Bulk", List.of()));
      }
      w.flush();
      assertEquals(150, w.written());
    }
    assertEquals(158, store.count(collection));
  }

  // ---- search ----

  @Test
  void searchReturnsTopKByCosineInExactOrder() {
    assertHits("b:0.996241, a:0.980581, c:0.745241, h:0.591312, d:0.195143",
        store.search(collection, new float[] {1, 0.2f, 0}, 5, Filter.NONE));
    assertHits("b:0.996241, a:0.980581, c:0.745241, h:0.591312, d:0.195143, e:0.117670, f:0.097571, g:-0.878850",
        store.search(collection, new float[] {5, 1, 0}, 50, null));
  }

  @Test
  void searchResultsCarryThePayload() {
    Hit top = store.search(collection, new float[] {1, 0.2f, 0}, 1, Filter.NONE).get(0);
    assertEquals("Bob", top.payload().get("artist"));
    assertEquals("b", top.payload().get("track_id"));
  }

  @Test
  void searchByTrackUsesItsVectorAndLeavesTheTrackOut() {
    assertHits("d:0.796030, h:0.703526, b:0.684675, a:0.600000",
        store.searchByTrack(collection, "c", 4, Filter.NONE));
  }

  @Test
  void searchByUnknownTrackIsAnError() {
    assertThrows(StoreException.class, () -> store.searchByTrack(collection, "nope", 3, Filter.NONE));
  }

  // ---- filters ----

  @Test
  void mustMatchValueKeepsOnlyThatGenre() {
    assertHits("c:0.745241, d:0.195143",
        store.search(collection, new float[] {1, 0.2f, 0}, 5, Filter.must(Condition.matchValue("genre", "latin"))));
  }

  @Test
  void shouldNeedsAtLeastOneConditionToHold() {
    Filter jazzOrPop = Filter.builder()
        .should(Condition.matchValue("genre", "jazz"))
        .should(Condition.matchValue("genre", "pop"))
        .build();
    assertHits("h:0.591312, e:0.117670, f:0.097571", store.search(collection, new float[] {1, 0.2f, 0}, 5, jazzOrPop));
  }

  @Test
  void mustNotMatchAnyExcludesTracksIncludingThoseWithoutTheField() {
    Filter notJazzOrRock = Filter.builder().mustNot(Condition.matchAny("genre", "jazz", "rock")).build();
    assertHits("c:0.745241, h:0.591312, d:0.195143, g:-0.878850",
        store.search(collection, new float[] {1, 0.2f, 0}, 10, notJazzOrRock));
    Filter noSamba = Filter.builder()
        .mustNot(Condition.matchValue("genre", "rock"))
        .mustNot(Condition.matchValue("subgenres", "latin---samba"))
        .build();
    assertHits("h:0.591312, e:0.117670, f:0.097571", store.search(collection, new float[] {1, 0.2f, 0}, 10, noSamba));
  }

  @Test
  void aListFieldMatchesWhenAnyElementDoes() {
    assertHits("b:0.996241, a:0.980581",
        store.search(collection, new float[] {1, 0.2f, 0}, 10, Filter.must(Condition.matchAny("subgenres", "rock---indie", "none"))));
    assertHits("b:0.996241",
        store.search(collection, new float[] {1, 0.2f, 0}, 10, Filter.must(Condition.matchValue("subgenres", "rock---alternative"))));
  }

  // ---- recommend ----

  @Test
  void averageVectorWithANegative() {
    assertHits("b:0.839815, h:0.194542, c:0.180661, f:0.044720, e:-0.302596, g:-0.984331",
        store.recommend(collection, new Recommendation(List.of("a"), List.of("d"), RecommendStrategy.AVERAGE_VECTOR, null, 10)));
  }

  @Test
  void averageVectorWithoutNegativesIsTheMeanOfThePositives() {
    assertHits("h:0.966510, c:0.763675, b:0.749634",
        store.recommend(collection, new Recommendation(List.of("a", "e"), List.of(), RecommendStrategy.AVERAGE_VECTOR, null, 3)));
  }

  @Test
  void bestScoreRanksByClosestExampleAndNegatesWhenANegativeIsCloser() {
    assertHits("b:0.749233, h:0.731807, f:0.721608, g:-0.613633, c:-0.721608",
        store.recommend(collection, new Recommendation(List.of("a", "e"), List.of("d"), RecommendStrategy.BEST_SCORE, null, 10)));
  }

  @Test
  void bestScoreWithoutNegativesIsTheSigmoidOfTheBestPositive() {
    assertHits("d:0.721608, h:0.706491, b:0.703207, a:0.687500",
        store.recommend(collection, new Recommendation(List.of("c"), List.of(), RecommendStrategy.BEST_SCORE, null, 4)));
  }

  @Test
  void sumScoresAddsPositiveAndSubtractsNegativeSimilarities() {
    assertHits("b:0.950259, h:0.796823, f:0.796524, c:0.283970, g:-0.999669",
        store.recommend(collection, new Recommendation(List.of("a", "e"), List.of("d"), RecommendStrategy.SUM_SCORES, null, 10)));
  }

  @Test
  void recommendWithinASubgenre() {
    Filter samba = Filter.must(Condition.matchAny("subgenres", List.of("latin---samba")));
    assertHits("c:0.600000, d:0.000000, g:-0.953463",
        store.recommend(collection, new Recommendation(List.of("a"), List.of(), RecommendStrategy.AVERAGE_VECTOR, samba, 10)));
    assertHits("g:-0.613633, c:-0.721608",
        store.recommend(collection, new Recommendation(List.of("a", "e"), List.of("d"), RecommendStrategy.BEST_SCORE, samba, 10)));
  }

  @Test
  void recommendFromAnUnknownTrackIsAnError() {
    assertThrows(StoreException.class,
        () -> store.recommend(collection, new Recommendation(List.of("a", "nope"), List.of(), RecommendStrategy.SUM_SCORES, null, 3)));
  }

  // ---- versions ----

  @Test
  void versionsSwitchAtomicallyAndOldOnesAreDropped() {
    String alias = "alias_" + collection;
    created.add(alias);
    CollectionSpec spec = CollectionSpec.of(alias, 3);
    String v1 = store.createVersion(spec);
    store.upsert(v1, List.of(ConformanceTracks.all().get(0)));
    store.markComplete(v1);
    store.switchAlias(alias, v1);
    assertEquals(Optional.of(v1), store.aliasTarget(alias));
    assertEquals(1, store.count(alias));

    String v2 = store.createVersion(spec);
    String v3 = store.createVersion(spec);
    assertTrue(v1.compareTo(v2) < 0 && v2.compareTo(v3) < 0, v1 + " " + v2 + " " + v3);
    assertTrue(CollectionNames.isVersionOf(v2, alias), v2);
    store.upsert(v2, ConformanceTracks.all());
    store.markComplete(v2);
    store.markComplete(v3);
    store.switchAlias(alias, v2);
    assertEquals(8, store.count(alias));
    assertEquals("b", store.search(alias, new float[] {1, 0.2f, 0}, 1, null).get(0).trackId());
    assertEquals(List.of(v1, v2, v3), store.listVersions(alias));

    // keep 1: v3 is the newest, v2 is live, so only v1 goes
    assertEquals(List.of(v1), store.dropOldVersions(alias, 1));
    assertEquals(List.of(v2, v3), store.listVersions(alias));
    assertEquals(Optional.of(v2), store.aliasTarget(alias));
    assertEquals(8, store.count(alias));
  }

  @Test
  void aSwitchToAMissingCollectionFailsAndLeavesTheAliasWhereItWas() {
    String alias = "alias_" + collection;
    created.add(alias);
    String v1 = store.createVersion(CollectionSpec.of(alias, 3));
    store.upsert(v1, ConformanceTracks.all());
    store.markComplete(v1);
    store.switchAlias(alias, v1);
    assertThrows(StoreException.class, () -> store.switchAlias(alias, alias + "_20000101000000000"));
    assertEquals(Optional.of(v1), store.aliasTarget(alias), "the alias still points at the live version");
    assertEquals(8, store.count(alias));
    assertThrows(StoreException.class, () -> store.switchAlias(collection, v1), "a collection's name cannot become an alias");
  }

  @Test
  void switchingAgainReplacesTheTargetAndAliasesOfDroppedCollectionsGoWithThem() {
    String alias = "alias_" + collection;
    created.add(alias);
    CollectionSpec spec = CollectionSpec.of(alias, 3);
    String v1 = store.createVersion(spec);
    String v2 = store.createVersion(spec);
    store.upsert(v2, ConformanceTracks.all());
    store.switchAlias(alias, v1);
    store.switchAlias(alias, v2);
    store.switchAlias(alias, v2);
    assertEquals(Optional.of(v2), store.aliasTarget(alias));
    assertEquals(8, store.count(alias));
    store.dropCollection(v2);
    assertEquals(Optional.empty(), store.aliasTarget(alias));
  }

  @Test
  void onlyCompleteVersionsCountAndAFailedRunsLeftoverIsDroppedByTheNextCleanup() {
    String alias = "alias_" + collection;
    created.add(alias);
    CollectionSpec spec = CollectionSpec.of(alias, 3);
    String good1 = store.createVersion(spec);
    store.upsert(good1, ConformanceTracks.all());
    store.markComplete(good1);
    store.switchAlias(alias, good1);
    // a run killed while loading: created, half filled, never marked, never switched to
    String killed = store.createVersion(spec);
    store.upsert(killed, ConformanceTracks.all().subList(0, 3));
    assertEquals(List.of(good1), store.listVersions(alias));
    assertEquals(List.of(killed), store.incompleteVersions(alias));
    // a newer run still loading is not touched by a cleanup
    assertEquals(List.of(), store.dropOldVersions(alias, 1));

    String good2 = store.createVersion(spec);
    store.upsert(good2, ConformanceTracks.all());
    store.markComplete(good2);
    store.switchAlias(alias, good2);
    assertEquals(List.of(good1, good2), store.listVersions(alias), "the half-filled version is not a version");
    assertEquals(List.of(killed), store.dropOldVersions(alias, 2), "keep 2 keeps good1 as the rollback version");
    assertEquals(List.of(good1, good2), store.listVersions(alias));
    assertEquals(List.of(), store.incompleteVersions(alias));
    assertEquals(8, store.count(good1));
    assertThrows(StoreException.class, () -> store.markComplete(killed));
  }

  // ---- helpers ----

  static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::trackId).toList();
  }

  /** Asserts ids in order and scores within {@value #TOLERANCE}; expected is "id:score, id:score". */
  static void assertHits(String expected, List<Hit> actual) {
    String[] parts = expected.split(",\\s*");
    assertEquals(parts.length, actual.size(), "result count: " + render(actual));
    for (int i = 0; i < parts.length; i++) {
      String[] kv = parts[i].split(":");
      assertEquals(kv[0], actual.get(i).trackId(), "rank " + i + " of " + render(actual));
      assertEquals(Float.parseFloat(kv[1]), actual.get(i).score(), TOLERANCE, "score of " + kv[0] + " in " + render(actual));
    }
  }

  private static String render(List<Hit> hits) {
    StringBuilder sb = new StringBuilder();
    for (Hit h : hits) sb.append(h.trackId()).append(':').append(String.format("%.6f", h.score())).append(' ');
    return sb.toString();
  }
}
