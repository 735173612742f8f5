package io.musicrec.enrich;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One track's entry in a Ludwig labels.json. Every attribute except the id may be missing in real
 * data; a missing attribute is {@code null} (never a placeholder such as "Unknown").
 *
 * @param moods every other numeric ({@code {"N": ..}}) attribute, e.g. danceability, energy,
 *     valence, acousticness; {@code null} when the track has none
 */
public record TrackLabels(
    String id,
    String artist,
    String name,
    String album,
    String genre,
    List<String> subgenres,
    List<String> otherSubgenres,
    Double popularity,
    Map<String, Double> moods) {

  public TrackLabels {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a track needs an id");
    }
    subgenres = subgenres == null ? null : List.copyOf(subgenres);
    otherSubgenres = otherSubgenres == null ? null : List.copyOf(otherSubgenres);
    moods = moods == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(moods));
  }
}
