package io.musicrec.jobs.index;

import io.musicrec.model.ModelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The payload stored with each point: what queries filter on and show (artist, name, album,
 * genre, subgenres, url) and what incremental runs compare (content hash, model).
 */
final class TrackPayload {
  private TrackPayload() {}

  static Map<String, Object> of(Row track, ModelSpec spec, String contentHash, double durationSeconds) {
    Map<String, Object> payload = new LinkedHashMap<>();
    putIfPresent(payload, "artist", string(track, "artist"));
    putIfPresent(payload, "name", string(track, "name"));
    putIfPresent(payload, "album", string(track, "album"));
    String genre = string(track, "genre");
    payload.put("genre", genre != null ? genre : GenreFolders.toGenre(track.getAs("genre_folder")));
    List<String> subgenres = track.isNullAt(track.fieldIndex("subgenres")) ? List.of() : track.getList(track.fieldIndex("subgenres"));
    payload.put("subgenres", List.copyOf(subgenres));
    payload.put("url", track.<String>getAs("path"));
    payload.put("duration", Math.round(durationSeconds * 1000) / 1000.0);
    payload.put("model", spec.name());
    payload.put("model_version", spec.version());
    payload.put("content_hash", contentHash);
    return payload;
  }

  /** The identity incremental runs compare: same bytes under the same model means nothing to do. */
  static String fingerprint(String contentHash, ModelSpec spec) {
    return contentHash + "|" + spec.fingerprint();
  }

  static String fingerprint(Map<String, Object> payload) {
    return payload.get("content_hash") + "|" + payload.get("model") + "@" + payload.get("model_version");
  }

  private static String string(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? null : row.getString(i);
  }

  private static void putIfPresent(Map<String, Object> payload, String key, Object value) {
    if (value != null) payload.put(key, value);
  }
}
