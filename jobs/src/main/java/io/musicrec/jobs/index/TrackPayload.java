package io.musicrec.jobs.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.embed.TrackEmbedding;
import io.musicrec.model.ModelSpec;
import io.musicrec.source.Columns;
import io.musicrec.store.Payloads;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The payload stored with each point: what queries filter on and show (artist, name, album,
 * genre, subgenres, url) and what incremental runs compare (content hash, model, labels hash).
 */
final class TrackPayload {
  static final String LABELS_HASH = Payloads.LABELS_HASH;
  static final String DURATION_CAPPED = Payloads.DURATION_CAPPED;
  /** Fields that come from labels.json and the file's location rather than from the audio. */
  private static final List<String> LABEL_FIELDS = List.of("artist", "name", "album", "genre", "subgenres", "url");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrackPayload() {}

  static Map<String, Object> of(Row track, ModelSpec spec, String contentHash, double durationSeconds, boolean capped,
      TrackEmbedding embedding) {
    return of(track, spec, contentHash, durationSeconds, capped,
        spec.hasTags() ? embedding.topTags(spec.tags(), Payloads.TOP_TAGS) : null);
  }

  /**
   * The payload from what a decode and an embedding produced, or what the embeddings table kept of
   * them: the same point either way.
   *
   * @param tags the model's top tags (null for a model without tags)
   */
  static Map<String, Object> of(Row track, ModelSpec spec, String contentHash, double durationSeconds, boolean capped,
      List<String> tags) {
    Map<String, Object> payload = labels(track);
    payload.put(LABELS_HASH, digest(payload));
    if (spec.hasTags()) payload.put(Payloads.TAGS, List.copyOf(tags));
    payload.put(Payloads.DURATION, Math.round(durationSeconds * 1000) / 1000.0);
    payload.put(DURATION_CAPPED, capped);
    payload.put(Payloads.MODEL, spec.name());
    payload.put(Payloads.MODEL_VERSION, spec.version());
    payload.put(Payloads.CONTENT_HASH, contentHash);
    return payload;
  }

  /** A stored payload with its label fields replaced by the track's current ones; audio fields kept. */
  static Map<String, Object> relabelled(Map<String, Object> stored, Row track) {
    Map<String, Object> labels = labels(track);
    Map<String, Object> payload = new LinkedHashMap<>(stored);
    LABEL_FIELDS.forEach(payload::remove);
    payload.putAll(labels);
    payload.put(LABELS_HASH, digest(labels));
    return payload;
  }

  /** What incremental runs compare, read from a stored payload. */
  static StoredTrack stored(Map<String, Object> payload) {
    Object contentHash = payload.get(Payloads.CONTENT_HASH);
    return new StoredTrack(contentHash == null ? null : contentHash.toString(),
        ModelSpec.fingerprint(payload.get(Payloads.MODEL), payload.get(Payloads.MODEL_VERSION)),
        String.valueOf(payload.get(LABELS_HASH)));
  }

  static List<String> storedFields() {
    return List.of(Payloads.CONTENT_HASH, Payloads.MODEL, Payloads.MODEL_VERSION, LABELS_HASH);
  }

  /** A digest of the label fields: a label edit or a moved file changes it, nothing else does. */
  static String labelsHash(Row track) {
    return digest(labels(track));
  }

  private static String digest(Map<String, Object> labels) {
    try {
      byte[] canonical = JSON.writeValueAsBytes(labels);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot digest the labels " + labels, e);
    }
  }

  private static Map<String, Object> labels(Row track) {
    Map<String, Object> payload = new LinkedHashMap<>();
    putIfPresent(payload, "artist", string(track, Columns.ARTIST));
    putIfPresent(payload, "name", string(track, Columns.NAME));
    putIfPresent(payload, "album", string(track, Columns.ALBUM));
    String genre = string(track, Columns.GENRE);
    payload.put("genre", genre != null ? genre : GenreFolders.toGenre(track.getAs(Columns.GENRE_FOLDER)));
    List<String> subgenres = track.isNullAt(track.fieldIndex(Columns.SUBGENRES)) ? List.of() : track.getList(track.fieldIndex(Columns.SUBGENRES));
    payload.put("subgenres", List.copyOf(subgenres));
    payload.put("url", track.<String>getAs(Columns.PATH));
    return payload;
  }

  private static String string(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? null : row.getString(i);
  }

  private static void putIfPresent(Map<String, Object> payload, String key, Object value) {
    if (value != null) payload.put(key, value);
  }
}
