package io.musicrec.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.musicrec.store.Hit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's arithmetic on lists whose figures are counted by hand. */
class QualityMeasureTest {

  @Test
  void skewnessOfOneHubAmongIdleTracks() {
    // [0, 0, 0, 3]: mean 0.75, m2 = 1.6875, m3 = 2.53125, skew = 2 / sqrt(3).
    assertEquals(2 / Math.sqrt(3), QualityMeasure.skewness(List.of(0, 0, 0, 3)), 1e-12);
    assertEquals(0, QualityMeasure.skewness(List.of(2, 2, 2)));
  }

  private static Map<String, Object> labels(String genre, String album, String artist) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("genre", genre);
    m.put("album", album);
    m.put("artist", artist);
    return m;
  }

  private static Hit hit(String id, Map<String, Map<String, Object>> labels) {
    return new Hit(id, 1f, labels.get(id));
  }

  @Test
  void figuresCountSlotsOfKAndOccurrencesOfEveryTrack() {
    Map<String, Map<String, Object>> labels = new LinkedHashMap<>();
    labels.put("a", labels("rock", "A1", "X"));
    labels.put("b", labels("rock", "A1", "X"));
    labels.put("c", labels("rock", "A2", "Y"));
    labels.put("d", labels("jazz", null, "Y"));
    Map<String, List<Hit>> lists = new LinkedHashMap<>();
    lists.put("a", List.of(hit("b", labels), hit("c", labels))); // genre 2/2, album 1/2, artist 1/2, top artist 1/2
    lists.put("b", List.of(hit("a", labels), hit("d", labels))); // genre 1/2, album 1/2, artist 1/2, top 1/2
    lists.put("c", List.of(hit("a", labels)));                   // genre 1/2 (empty slot misses), album 0, artist 0, top 1/2
    lists.put("d", List.of(hit("a", labels), hit("c", labels))); // genre 0, album (none) 0, artist 1/2, top 1/2
    QualityFigures f = QualityMeasure.figures(lists, labels, 2);
    assertEquals(1.75, f.meanResults());
    assertEquals(round((1 + 0.5 + 0.5 + 0) / 4), f.genrePrecision());
    assertEquals(round((0.5 + 0.5 + 0 + 0) / 4), f.albumPrecision());
    assertEquals(round((0.5 + 0.5 + 0 + 0.5) / 4), f.artistPrecision());
    assertEquals(0.5, f.topArtistShare());
    // N2: a 3, b 1, c 2, d 1 -> every track appears somewhere; the hub is a with 3.
    assertEquals(1.0, f.coverage());
    assertEquals(3, f.maxOccurrence());
    assertEquals(round(QualityMeasure.skewness(List.of(3, 1, 2, 1))), f.hubness());
    assertEquals(0.0, f.duplicateShare(), "no duplicate groups marked");
  }

  @Test
  void duplicateShareCountsCopiesOfTheQueryAndOfHigherResults() {
    Map<String, Map<String, Object>> labels = new LinkedHashMap<>();
    for (String id : List.of("a", "a2", "b", "b2", "c")) labels.put(id, labels("rock", null, id));
    labels.get("a").put(Duplicates.GROUP, "a");
    labels.get("a2").put(Duplicates.GROUP, "a");
    labels.get("b").put(Duplicates.GROUP, "b");
    labels.get("b2").put(Duplicates.GROUP, "b");
    Map<String, List<Hit>> lists = new LinkedHashMap<>();
    lists.put("a", List.of(hit("a2", labels), hit("b", labels), hit("b2", labels), hit("c", labels))); // a2 (query's copy), b2: 2 of 4
    lists.put("c", List.of(hit("a", labels), hit("b", labels), hit("c", labels), hit("a2", labels)));  // a2: 1 of 4
    QualityFigures f = QualityMeasure.figures(lists, labels, 4);
    assertEquals(round(3 / 8.0), f.duplicateShare());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
