package io.musicrec.enrich;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes tracks in Ludwig's labels.json layout: {@code {"tracks": {id: {attribute: {type: value}}}}}
 * with DynamoDB type tags (S string, N number as a string, L list). Missing (null) attributes are
 * left out, as in the real data. Streams, so any number of tracks fits in constant memory.
 */
public final class LabelsWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private LabelsWriter() {}

  public static void write(OutputStream out, Iterable<TrackLabels> tracks) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeObjectFieldStart("tracks");
      for (TrackLabels t : tracks) {
        json.writeObjectFieldStart(t.id());
        string(json, "artist", t.artist());
        string(json, "name", t.name());
        string(json, "album", t.album());
        string(json, "genre", t.genre());
        string(json, "type", "track");
        list(json, "subgenres", t.subgenres());
        list(json, "otherSubgenres", t.otherSubgenres());
        number(json, "popularity", t.popularity());
        if (t.moods() != null) {
          for (Map.Entry<String, Double> mood : t.moods().entrySet()) {
            number(json, mood.getKey(), mood.getValue());
          }
        }
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeEndObject();
    }
  }

  private static void string(JsonGenerator json, String attribute, String value) throws IOException {
    if (value != null) {
      json.writeObjectFieldStart(attribute);
      json.writeStringField("S", value);
      json.writeEndObject();
    }
  }

  private static void number(JsonGenerator json, String attribute, Double value) throws IOException {
    if (value != null) {
      json.writeObjectFieldStart(attribute);
      json.writeStringField("N", BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
      json.writeEndObject();
    }
  }

  private static void list(JsonGenerator json, String attribute, List<String> values) throws IOException {
    if (values != null) {
      json.writeObjectFieldStart(attribute);
      json.writeArrayFieldStart("L");
      for (String v : values) {
        json.writeStartObject();
        json.writeStringField("S", v);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }
}
