package io.musicrec.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Payload keys the pipeline writes and the value types both stores accept: strings, numbers,
 * booleans, lists of strings, null. Anything else is refused at the door so the two stores can
 * never disagree about how a value round-trips.
 */
public final class Payloads {
  public static final String TRACK_ID = "track_id";
  public static final String ARTIST = "artist";
  public static final String NAME = "name";
  public static final String ALBUM = "album";
  public static final String GENRE = "genre";
  public static final String SUBGENRES = "subgenres";
  public static final String URL = "url";
  public static final String DURATION = "duration";
  public static final String MODEL = "model";
  public static final String MODEL_VERSION = "model_version";
  public static final String CONTENT_HASH = "content_hash";
  /** A digest of the label fields the point was stored with: a label edit changes it, nothing else does. */
  public static final String LABELS_HASH = "labels_hash";
  /**
   * True when the track is longer than {@code decode.max_seconds}: only that much was decoded, so
   * {@code duration} is the cap, not the track's length.
   */
  public static final String DURATION_CAPPED = "duration_capped";
  /** A tagging model's most probable tags for the track, best first: what explains a result. */
  public static final String TAGS = "tags";
  public static final int TOP_TAGS = 5;

  /** Keyword fields that get a payload index before ingest (Qdrant) and are filterable. */
  public static final List<String> INDEXED_KEYWORDS = List.of(GENRE, SUBGENRES, ARTIST);

  private Payloads() {}

  /** A validated, unmodifiable copy of {@code payload} with {@code track_id} set. */
  static Map<String, Object> withTrackId(String trackId, Map<String, Object> payload) {
    Map<String, Object> copy = new LinkedHashMap<>();
    copy.put(TRACK_ID, trackId);
    payload.forEach(
        (key, value) -> {
          if (key == null || key.isBlank()) throw new IllegalArgumentException("blank payload key");
          if (key.equals(TRACK_ID)) {
            if (!trackId.equals(value)) {
              throw new IllegalArgumentException(
                  "payload track_id '" + value + "' differs from the point's track id '" + trackId + "'");
            }
            return;
          }
          copy.put(key, checkedValue(key, value));
        });
    return Collections.unmodifiableMap(copy);
  }

  private static Object checkedValue(String key, Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) return value;
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float || value instanceof Double) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) throw new IllegalArgumentException("payload '" + key + "' is not finite");
      return d;
    }
    if (value instanceof List<?> list) {
      List<String> strings = new ArrayList<>(list.size());
      for (Object element : list) {
        if (!(element instanceof String s)) {
          throw new IllegalArgumentException(
              "payload '" + key + "' must be a list of strings, found element " + element);
        }
        strings.add(s);
      }
      return List.copyOf(strings);
    }
    throw new IllegalArgumentException(
        "payload '" + key + "' has unsupported type " + value.getClass().getSimpleName()
            + " (allowed: string, number, boolean, list of strings, null)");
  }

  static long approxBytes(Map<String, Object> payload) {
    long bytes = 0;
    for (var e : payload.entrySet()) {
      bytes += e.getKey().length() + 8;
      Object v = e.getValue();
      if (v instanceof String s) bytes += s.length();
      else if (v instanceof List<?> l) for (Object o : l) bytes += o.toString().length() + 4;
      else bytes += 8;
    }
    return bytes;
  }
}
