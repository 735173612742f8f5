package io.musicrec.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Filter;
import io.musicrec.store.Point;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Recommendation;
import io.musicrec.store.VectorStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Diversity and reasons on a real store; subclasses say which. Tracks lie at chosen angles from
 * the query track q (unit vector e1), so every pick below is worked out by hand:
 * a1, a2, a3 (artist A) at 1, 2, 3 degrees towards e2; b1 (B) at 20 degrees towards e3; c1 (C) at
 * 40 degrees towards e4.
 */
abstract class DiscoveryQueriesContract {
  VectorStore store;
  String collection;
  DiscoveryQueries queries;

  abstract VectorStore openStore() throws Exception;

  private static Point track(String id, String artist, List<String> tags, int axis, double degrees) {
    double a = Math.toRadians(degrees);
    float[] v = new float[4];
    v[0] = (float) Math.cos(a);
    if (axis > 0) v[axis] = (float) Math.sin(a);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("artist", artist);
    payload.put("name", "Song " + id);
    payload.put("tags", tags);
    return new Point(id, v, payload);
  }

  @BeforeEach
  void seed() throws Exception {
    store = openStore();
    collection = "discover_" + UUID.randomUUID().toString().substring(0, 8);
    store.ensureCollection(CollectionSpec.of(collection, 4));
    store.upsert(collection, List.of(
        track("q", "Q", List.of("rock", "guitar", "loud"), 0, 0),
        track("a1", "A", List.of("guitar", "rock"), 1, 1),
        track("a2", "A", List.of("rock", "guitar"), 1, 2),
        track("a3", "A", List.of("rock"), 1, 3),
        track("b1", "B", List.of("piano", "rock"), 2, 20),
        track("c1", "C", List.of("jazz"), 3, 40)));
    queries = new DiscoveryQueries(store, collection);
  }

  @AfterEach
  void drop() {
    if (store == null) return; // the store was not there to open (a real Qdrant not configured)
    store.dropCollection(collection);
    store.close();
  }

  private static List<String> ids(List<Found> found) {
    return found.stream().map(f -> f.hit().trackId()).toList();
  }

  @Test
  void similarKeepsTheStoreOrderAndExplainsEachResultBySharedTags() {
    List<Found> found = queries.similar("q", 5, Filter.NONE, Diversity.NONE);
    assertEquals(List.of("a1", "a2", "a3", "b1", "c1"), ids(found));
    Reason first = found.get(0).reason();
    assertEquals("shared_tags", first.kind());
    assertEquals("q", first.track());
    assertEquals(List.of("rock", "guitar"), first.sharedTags(), "in the query track's order");
    assertTrue(first.text().contains("rock, guitar"), first.text());
    assertEquals(List.of("rock"), found.get(3).reason().sharedTags());
    Reason last = found.get(4).reason();
    assertEquals("sounds_like", last.kind());
    assertEquals(Math.cos(Math.toRadians(40)), last.similarity(), 1e-4);
    assertTrue(last.text().contains("no top tag in common"), last.text());
  }

  @Test
  void theArtistCapLeavesOneTrackPerArtist() {
    assertEquals(List.of("a1", "b1", "c1"), ids(queries.similar("q", 3, Filter.NONE, new Diversity(0, 1))));
    assertEquals(List.of("a1", "a2", "b1", "c1"), ids(queries.similar("q", 4, Filter.NONE, new Diversity(0, 2))));
  }

  @Test
  void mmrSkipsNearCopiesOfWhatIsAlreadyThere() {
    // lambda 0.3. After a1: a2 = 0.3*cos2 - 0.7*cos1 = -0.40, b1 = 0.3*cos20 - 0.7*cos1*cos20 = -0.376,
    // c1 = 0.3*cos40 - 0.7*cos1*cos40 = -0.306 -> c1; then b1 (-0.376) before a2 (-0.40).
    assertEquals(List.of("a1", "c1", "b1"), ids(queries.similar("q", 3, Filter.NONE, new Diversity(0.7, 0))));
  }

  @Test
  void recommendationsNameTheClosestLikedTrack() {
    List<Found> found = queries.recommend(
        new Recommendation(List.of("a1", "c1"), List.of(), RecommendStrategy.AVERAGE_VECTOR, Filter.NONE, 4), Diversity.NONE);
    assertEquals(4, found.size());
    Map<String, String> closest = new LinkedHashMap<>();
    for (Found f : found) {
      assertEquals("closest_like", f.reason().kind());
      closest.put(f.hit().trackId(), f.reason().track());
    }
    // a2, a3 and q lie within 3 degrees of a1; b1 is 20 degrees from e1 towards e3, nearer a1 (cos 0.94) than c1 (0.72).
    assertEquals(Map.of("q", "a1", "a2", "a1", "a3", "a1", "b1", "a1"), closest);
    assertTrue(found.get(0).reason().text().contains("\"Song a1\" by A"), found.get(0).reason().text());
  }

  @Test
  void bestScoreNamesTheExampleThatDecidedTheScoreEvenWhenItIsADislike() {
    List<Found> found = queries.recommend(
        new Recommendation(List.of("c1"), List.of("b1"), RecommendStrategy.BEST_SCORE, Filter.NONE, 4), Diversity.NONE);
    List<String> seen = new ArrayList<>();
    for (Found f : found) {
      seen.add(f.hit().trackId());
      Reason r = f.reason();
      assertEquals("decided_by", r.kind());
      // The decider's side matches the score's sign (best_score: positive iff the best like wins).
      assertEquals(f.hit().score() < 0, r.disliked(), f.hit().trackId() + ": " + r);
      assertEquals(r.disliked() ? "b1" : "c1", r.track());
    }
    assertFalse(seen.contains("b1") || seen.contains("c1"), "examples are never results");
    // q: cos to c1 = 0.766, to b1 = 0.940 -> decided by the dislike, negative score.
    Found q = found.stream().filter(f -> f.hit().trackId().equals("q")).findFirst().orElseThrow();
    assertTrue(q.reason().disliked() && q.reason().text().contains("disliked"), q.reason().text());
  }

  @Test
  void diversifiedRecommendationsAlsoRespectTheCap() {
    List<Found> found = queries.recommend(
        new Recommendation(List.of("q"), List.of(), RecommendStrategy.SUM_SCORES, Filter.NONE, 5), new Diversity(0.2, 1));
    assertEquals(List.of("a1", "b1", "c1"), ids(found));
    found.forEach(f -> assertEquals("q", f.reason().track()));
  }

  @Test
  void duplicatesAreGroupedMarkedAndCollapsed() {
    // Copies of q (towards e4, away from the a's) and of b1 within 0.5 degrees (cos >= 0.99996);
    // every other pair is at least 1 degree apart (cos <= 0.99985).
    store.upsert(collection, List.of(
        track("q-copy", "Q", List.of("rock"), 3, 0.3),
        track("b1-copy", "B", List.of("piano"), 2, 20.5),
        track("b1-copy2", "B", List.of("piano"), 2, 20.2)));
    List<DuplicateGroup> groups = Duplicates.find(store, collection, 0.9999);
    assertEquals(List.of(List.of("b1", "b1-copy", "b1-copy2"), List.of("q", "q-copy")),
        groups.stream().map(DuplicateGroup::ids).sorted((x, y) -> x.get(0).compareTo(y.get(0))).toList());
    for (DuplicateGroup g : groups) assertTrue(g.score() >= 0.9999 && g.score() <= 1, g.toString());
    assertEquals(5, Duplicates.mark(store, collection, groups));
    assertEquals(0, Duplicates.mark(store, collection, groups), "marking again changes nothing");
    assertEquals("b1", store.retrieve(collection, List.of("b1-copy2")).get(0).payload().get(Duplicates.GROUP));

    List<String> plain = ids(queries.similar("q", 10, Filter.NONE, Diversity.NONE));
    assertEquals("q-copy", plain.get(0), "the copy is q's nearest neighbour");
    List<String> collapsed = ids(queries.similar("q", 10, Filter.NONE, new Diversity(0, 0, true)));
    // No copy of q itself, and one track (the best-ranked) of b1's group.
    assertEquals(List.of("a1", "a2", "a3", "b1", "c1"), collapsed);
    List<String> recommended = ids(queries.recommend(
        new Recommendation(List.of("b1"), List.of(), RecommendStrategy.AVERAGE_VECTOR, Filter.NONE, 10), new Diversity(0, 0, true)));
    assertFalse(recommended.contains("b1-copy") || recommended.contains("b1-copy2"), "copies of a like are not recommendations");

    // A track that stops being a copy loses its mark.
    store.upsert(collection, List.of(track("q-copy", "Q", List.of("rock"), 3, 70)));
    List<DuplicateGroup> after = Duplicates.find(store, collection, 0.9999);
    assertEquals(1, after.size());
    Duplicates.mark(store, collection, after);
    assertEquals(null, store.retrieve(collection, List.of("q")).get(0).payload().get(Duplicates.GROUP));
  }
}
