package io.musicrec.testing.qdrant;

import io.musicrec.store.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Eight hand-made 3-d tracks for store conformance tests. Vectors are deliberately not unit length
 * (stores must normalise, like Qdrant) and the expected scores in the tests were computed by hand
 * from these numbers (numpy, float64), independently of both stores.
 */
public final class ConformanceTracks {
  public static final int DIMENSION = 3;

  private ConformanceTracks() {}

  public static List<Point> all() {
    List<Point> points = new ArrayList<>();
    points.add(track("a", new float[] {2, 0, 0}, "rock", "Ann", List.of("rock---indie")));
    points.add(track("b", new float[] {0.9f, 0.1f, 0}, "rock", "Bob", List.of("rock---indie", "rock---alternative")));
    points.add(track("c", new float[] {0.6f, 0.8f, 0}, "latin", "Cid", List.of("latin---samba")));
    points.add(track("d", new float[] {0, 1, 0.1f}, "latin", "Dee", List.of("latin---salsa", "latin---samba")));
    points.add(track("e", new float[] {0, 0.6f, 0.8f}, "jazz", "Eve", List.of("jazz---bebop")));
    points.add(track("f", new float[] {0.1f, 0, 1}, "jazz", "Fay", List.of()));
    points.add(track("g", new float[] {-1, 0.3f, 0.1f}, "electronic", "Gus", List.of("latin---samba")));
    points.add(track("h", new float[] {0.5f, 0.5f, 0.7f}, "pop", "Hal", null));
    return points;
  }

  /** A track with the payload keys the pipeline writes; {@code subgenres == null} leaves the key out. */
  public static Point track(String id, float[] vector, String genre, String artist, List<String> subgenres) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("artist", artist);
    payload.put("name", "Song " + id);
    payload.put("album", null);
    payload.put("genre", genre);
    if (subgenres != null) payload.put("subgenres", subgenres);
    payload.put("url", "file:///data/mp3/" + genre + "/" + id + ".mp3");
    payload.put("duration", 29.5);
    payload.put("year", 2001);
    payload.put("explicit", false);
    payload.put("model", "logmel");
    payload.put("model_version", "1");
    payload.put("content_hash", "hash-" + id);
    return new Point(id, vector, payload);
  }
}
