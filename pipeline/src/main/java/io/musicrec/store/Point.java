package io.musicrec.store;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One track in the index: its id, embedding and payload. The store derives the point id from the
 * track id ({@link PointIds}) and always adds {@code track_id} to the payload.
 *
 * @param payload values are strings, numbers, booleans, lists of strings or null ({@link Payloads})
 */
public record Point(String trackId, float[] vector, Map<String, Object> payload) {
  public Point {
    if (trackId == null || trackId.isBlank()) throw new IllegalArgumentException("trackId is blank");
    Objects.requireNonNull(vector, "vector");
    if (vector.length == 0) throw new IllegalArgumentException("empty vector for track " + trackId);
    for (float f : vector) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("vector of track " + trackId + " has a non-finite value");
      }
    }
    payload = Payloads.withTrackId(trackId, payload == null ? Map.of() : payload);
  }

  /** Bytes this point takes on the wire, roughly: 4 per float plus the payload's text. */
  public long approxBytes() {
    return 4L * vector.length + Payloads.approxBytes(payload) + 64;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Point p
        && trackId.equals(p.trackId)
        && Arrays.equals(vector, p.vector)
        && payload.equals(p.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(trackId, Arrays.hashCode(vector), payload);
  }

  @Override
  public String toString() {
    return "Point[" + trackId + ", dim=" + vector.length + ", payload=" + payload + "]";
  }
}
