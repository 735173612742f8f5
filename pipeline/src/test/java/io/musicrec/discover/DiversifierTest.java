package io.musicrec.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.store.Hit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MMR and the artist cap on hand-made candidates whose picks are worked out in the comments. */
class DiversifierTest {

  /** A candidate of the given artist (null: none) with a unit vector at {@code angle} degrees in a plane. */
  private static Candidate candidate(String id, String artist, double relevance, double angleDegrees) {
    double a = Math.toRadians(angleDegrees);
    Map<String, Object> payload = new HashMap<>();
    if (artist != null) payload.put("artist", artist);
    return new Candidate(new Hit(id, (float) relevance, payload), new float[] {(float) Math.cos(a), (float) Math.sin(a)}, relevance);
  }

  private static List<String> ids(List<Candidate> chosen) {
    return chosen.stream().map(c -> c.hit().trackId()).toList();
  }

  @Test
  void withoutDiversityOrCapTheStoreOrderIsKept() {
    List<Candidate> c = List.of(candidate("a", "X", 0.9, 0), candidate("b", "X", 0.8, 1), candidate("c", "Y", 0.7, 2));
    assertEquals(List.of("a", "b"), ids(Diversifier.select(c, 2, Diversity.NONE)));
  }

  @Test
  void theArtistCapSkipsAnArtistsFurtherTracksAndNeverRelaxesToFillTheList() {
    List<Candidate> c = List.of(
        candidate("x1", "X", 0.95, 0), candidate("x2", "X", 0.94, 1), candidate("x3", "X", 0.93, 2),
        candidate("y1", "Y", 0.90, 3), candidate("x4", "X", 0.89, 4), candidate("y2", "Y", 0.88, 5),
        candidate("n1", null, 0.80, 6), candidate("n2", null, 0.79, 7));
    assertEquals(List.of("x1", "x2", "y1", "y2", "n1"), ids(Diversifier.select(c, 5, new Diversity(0, 2))));
    // Cap 1: one X, one Y, and the tracks without an artist (no artist cannot repeat): 4 < k = 6.
    assertEquals(List.of("x1", "y1", "n1", "n2"), ids(Diversifier.select(c, 6, new Diversity(0, 1))));
  }

  @Test
  void mmrTakesTheLessRelevantButDifferentTrackBeforeANearCopyOfTheFirst() {
    // a at 0 deg (rel 0.90); b at 2 deg, a near copy (rel 0.89, cos(a,b) = 0.9994); c at 90 deg (rel 0.70).
    List<Candidate> c = List.of(candidate("a", "X", 0.90, 0), candidate("b", "Y", 0.89, 2), candidate("c", "Z", 0.70, 90));
    // diversity 0.5: after a, b scores 0.5*0.89 - 0.5*0.9994 = -0.055 and c 0.5*0.70 - 0 = 0.35.
    assertEquals(List.of("a", "c", "b"), ids(Diversifier.select(c, 3, new Diversity(0.5, 0))));
    // diversity 0.05: b 0.95*0.89 - 0.05*0.9994 = 0.795 beats c 0.95*0.70 - 0.05*0 = 0.665.
    assertEquals(List.of("a", "b", "c"), ids(Diversifier.select(c, 3, new Diversity(0.05, 0))));
  }

  @Test
  void fullDiversityPicksTheMostDistantCandidateAfterTheFirst() {
    // After a (0 deg): max cos to a is cos(30)=0.87, cos(60)=0.5, cos(120)=-0.5; relevance has no weight.
    List<Candidate> c = List.of(candidate("a", "X", 0.9, 0), candidate("b", "X", 0.8, 30),
        candidate("c", "X", 0.7, 60), candidate("d", "X", 0.1, 120));
    List<String> picked = ids(Diversifier.select(c, 2, new Diversity(1, 0)));
    assertEquals(List.of("a", "d"), picked);
  }

  @Test
  void mmrAndTheCapWorkTogether() {
    List<Candidate> c = List.of(candidate("x1", "X", 0.9, 0), candidate("x2", "X", 0.85, 80),
        candidate("y1", "Y", 0.88, 1), candidate("z1", "Z", 0.5, 90));
    // diversity 0.5, cap 1: x1; x2 is capped; y1 = 0.44 - 0.5*cos(1) = -0.06, z1 = 0.25 - 0 = 0.25 -> z1, then y1.
    assertEquals(List.of("x1", "z1", "y1"), ids(Diversifier.select(c, 4, new Diversity(0.5, 1))));
  }

  @Test
  void settingsOutOfRangeAreRefusedAndCandidatesAreOverFetched() {
    assertThrows(IllegalArgumentException.class, () -> new Diversity(-0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Diversity(1.5, 0));
    assertThrows(IllegalArgumentException.class, () -> new Diversity(Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> new Diversity(0.2, -1));
    assertEquals(10, Diversity.NONE.candidates(10));
    assertEquals(50, new Diversity(0.3, 0).candidates(10));
    assertEquals(Diversity.MAX_CANDIDATES, new Diversity(0, 1).candidates(900));
  }

  @Test
  void manyCandidatesGiveExactlyKDistinctResults() {
    List<Candidate> c = new ArrayList<>();
    for (int i = 0; i < 50; i++) c.add(candidate("t" + i, "A" + (i % 7), 1 - i / 100.0, i * 7));
    List<String> picked = ids(Diversifier.select(c, 10, new Diversity(0.4, 2)));
    assertEquals(10, picked.size());
    assertEquals(10, picked.stream().distinct().count());
    Map<String, Integer> perArtist = new HashMap<>();
    for (Candidate x : Diversifier.select(c, 10, new Diversity(0.4, 2))) perArtist.merge((String) x.hit().payload().get("artist"), 1, Integer::sum);
    assertTrue(perArtist.values().stream().allMatch(n -> n <= 2), perArtist.toString());
  }
}
