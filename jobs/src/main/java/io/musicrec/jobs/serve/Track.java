package io.musicrec.jobs.serve;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.musicrec.store.Payloads;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A track as the API shows it: the payload fields people read and filter on. The source location
 * ({@code url}) stays on the server: clients play a track through {@link #audio()}, by id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Track(
    String id,
    String name,
    String artist,
    String album,
    String genre,
    List<String> subgenres,
    Double duration,
    List<String> tags,
    @JsonIgnore String url) {

  /** The payload fields a track is built from. */
  static final List<String> FIELDS = List.of(
      Payloads.NAME, Payloads.ARTIST, Payloads.ALBUM, Payloads.GENRE, Payloads.SUBGENRES,
      Payloads.DURATION, Payloads.TAGS, Payloads.URL);

  public Track {
    subgenres = subgenres == null ? List.of() : List.copyOf(subgenres);
    tags = tags == null ? List.of() : List.copyOf(tags); // a tagging model's top tags: "why this track"
  }

  static Track fromPayload(String id, Map<String, Object> payload) {
    return new Track(
        id,
        text(payload.get(Payloads.NAME)),
        text(payload.get(Payloads.ARTIST)),
        text(payload.get(Payloads.ALBUM)),
        text(payload.get(Payloads.GENRE)),
        strings(payload.get(Payloads.SUBGENRES)),
        payload.get(Payloads.DURATION) instanceof Number n ? n.doubleValue() : null,
        strings(payload.get(Payloads.TAGS)),
        text(payload.get(Payloads.URL)));
  }

  /** Where the page streams this track from. */
  @JsonProperty("audio")
  public String audio() {
    return "/api/audio/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }

  private static List<String> strings(Object value) {
    if (!(value instanceof List<?> list)) return List.of();
    List<String> out = new ArrayList<>(list.size());
    for (Object o : list) if (o instanceof String s) out.add(s);
    return out;
  }
}
