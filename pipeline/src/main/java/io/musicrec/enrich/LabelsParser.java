package io.musicrec.enrich;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Pulls {@link TrackLabels} one at a time out of a Ludwig labels.json stream with Jackson's
 * streaming parser, so memory stays constant however many tracks the file holds. Problems surface
 * as {@link LabelsFormatException}s naming the source, line, column, track and attribute.
 *
 * <p>Known attributes: artist, name, album, genre ({@code S}); subgenres, otherSubgenres ({@code L}
 * of {@code S}, or {@code SS}); popularity ({@code N}). Every other {@code N} attribute is a mood;
 * other attributes (e.g. {@code type}) are skipped. {@code {"NULL": true}} reads as missing.
 *
 * <p>Given a sink for {@link LabelsReject}s, one bad entry (an attribute of the wrong type, a
 * value that is not an object) or a second entry for an id already seen is skipped and reported
 * there, and parsing goes on with the next entry; the first entry of an id is the one used.
 * Without a sink, such entries throw. Invalid JSON and a document without a {@code "tracks"}
 * object always throw: nothing after them can be trusted.
 */
public final class LabelsParser implements Iterator<TrackLabels>, Closeable {
  /**
   * Track ids are field names: tens of thousands of distinct ones would overflow Jackson's
   * field-name symbol table (which it treats as a hash-collision attack), and interning them saves nothing.
   */
  private static final JsonFactory JSON = JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

  private final JsonParser json;
  private final String source;
  private final Consumer<LabelsReject> rejects;
  private final Set<String> seen = new HashSet<>();
  private JsonStreamContext tracksContext;
  private boolean inTracks;
  private boolean finished;
  private TrackLabels pending;

  /** A strict parser: a bad or repeated entry throws. */
  public LabelsParser(InputStream in, String source) {
    this(in, source, null);
  }

  /** A parser that reports bad and repeated entries to {@code rejects} and goes on. */
  public LabelsParser(InputStream in, String source, Consumer<LabelsReject> rejects) {
    this.source = source;
    this.rejects = rejects;
    try {
      this.json = JSON.createParser(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open labels " + source, e);
    }
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !finished) {
      pending = advance();
    }
    return pending != null;
  }

  @Override
  public TrackLabels next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    TrackLabels t = pending;
    pending = null;
    return t;
  }

  @Override
  public void close() {
    try {
      json.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not close labels " + source, e);
    }
  }

  private TrackLabels advance() {
    try {
      if (!inTracks) {
        enterTracks();
      }
      while (true) {
        JsonToken token = json.nextToken();
        if (token == JsonToken.END_OBJECT) {
          finishDocument();
          return null;
        }
        String id = json.currentName();
        token = json.nextToken();
        try {
          return entry(id, token);
        } catch (EntryProblem problem) {
          if (rejects == null) {
            throw problem.exception;
          }
          skipRestOfEntry();
          rejects.accept(new LabelsReject(id == null ? "" : id, problem.reason, problem.exception.getMessage()));
        }
      }
    } catch (StreamReadException e) {
      JsonLocation at = e.getLocation();
      finished = true;
      throw new LabelsFormatException(
          "labels " + source + " is not valid JSON at " + where(at) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      finished = true;
      throw new UncheckedIOException("could not read labels " + source, e);
    }
  }

  /** One track entry; the parser is on its value. Problems with it alone throw {@link EntryProblem}. */
  private TrackLabels entry(String id, JsonToken token) throws IOException {
    try {
      if (id == null || id.isEmpty()) {
        throw problem(null, null, "a track has an empty id");
      }
      if (!seen.add(id)) {
        throw new EntryProblem(LabelsReject.Reason.DUPLICATE_ENTRY, problem(id, null,
            "a second entry for this track id; the first one is used"));
      }
      if (token != JsonToken.START_OBJECT) {
        throw problem(id, null, "a track must be an object of typed attributes, got " + describe(token));
      }
      return readTrack(id);
    } catch (LabelsFormatException e) {
      throw new EntryProblem(LabelsReject.Reason.BAD_ENTRY, e);
    }
  }

  /** Moves past the current entry's value, however deep inside it the parser stopped. */
  private void skipRestOfEntry() throws IOException {
    finished = false;
    while (json.getParsingContext() != tracksContext) {
      if (json.nextToken() == null) {
        throw problem(null, null, "the file ends inside a track entry");
      }
    }
  }

  /** A problem confined to one entry, with the reject reason it becomes. */
  private static final class EntryProblem extends RuntimeException {
    private final LabelsReject.Reason reason;
    private final LabelsFormatException exception;

    EntryProblem(LabelsReject.Reason reason, LabelsFormatException exception) {
      super(null, null, false, false);
      this.reason = reason;
      this.exception = exception;
    }
  }

  private void enterTracks() throws IOException {
    JsonToken token = json.nextToken();
    if (token == null) {
      throw problem(null, null, "the file is empty; expected {\"tracks\": {...}}");
    }
    if (token != JsonToken.START_OBJECT) {
      throw problem(null, null, "expected a JSON object with a top-level \"tracks\" object, got " + describe(token));
    }
    while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      token = json.nextToken();
      if (field.equals("tracks")) {
        if (token != JsonToken.START_OBJECT) {
          throw problem(null, null, "\"tracks\" must be an object of track id -> attributes, got " + describe(token));
        }
        inTracks = true;
        tracksContext = json.getParsingContext();
        return;
      }
      json.skipChildren();
    }
    throw problem(null, null, "no top-level \"tracks\" object: this is not Ludwig's labels.json"
        + " (a catalogue without labels can use {\"tracks\": {}})");
  }

  private void finishDocument() throws IOException {
    JsonToken token;
    while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
      json.nextToken();
      json.skipChildren();
    }
    if (token != JsonToken.END_OBJECT || json.nextToken() != null) {
      throw problem(null, null, "unexpected content after the top-level object (a damaged or concatenated file?)");
    }
    finished = true;
  }

  private TrackLabels readTrack(String id) throws IOException {
    String artist = null;
    String name = null;
    String album = null;
    String genre = null;
    List<String> subgenres = null;
    List<String> otherSubgenres = null;
    Double popularity = null;
    Map<String, Double> moods = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String attribute = json.currentName();
      json.nextToken();
      Typed value = readTyped(id, attribute);
      switch (attribute) {
        case "artist" -> artist = value.string(attribute);
        case "name" -> name = value.string(attribute);
        case "album" -> album = value.string(attribute);
        case "genre" -> genre = value.string(attribute);
        case "subgenres" -> subgenres = value.strings(attribute);
        case "otherSubgenres" -> otherSubgenres = value.strings(attribute);
        case "popularity" -> popularity = value.number(attribute);
        default -> {
          if (value.value() instanceof Double mood) {
            if (moods == null) {
              moods = new LinkedHashMap<>();
            }
            moods.put(attribute, mood);
          }
        }
      }
    }
    return new TrackLabels(id, artist, name, album, genre, subgenres, otherSubgenres, popularity, moods);
  }

  /** Reads one DynamoDB-typed value, e.g. {"S": "x"}, {"N": "1.5"}, {"L": [...]}; the parser is on its START_OBJECT. */
  private Typed readTyped(String id, String attribute) throws IOException {
    if (json.currentToken() != JsonToken.START_OBJECT) {
      throw problem(id, attribute, "expected a DynamoDB-typed value such as {\"S\": \"...\"}, got " + describe(json.currentToken()));
    }
    if (json.nextToken() != JsonToken.FIELD_NAME) {
      throw problem(id, attribute, "a typed value needs exactly one type tag (S, N, L, ...), got {}");
    }
    String tag = json.currentName();
    JsonToken token = json.nextToken();
    Object value = switch (tag) {
      case "S" -> {
        if (token != JsonToken.VALUE_STRING) {
          throw problem(id, attribute, "{\"S\": ...} must hold a string, got " + describe(token));
        }
        yield json.getText();
      }
      case "N" -> parseNumber(id, attribute, token);
      case "NULL" -> null;
      case "BOOL" -> token == JsonToken.VALUE_TRUE;
      case "L", "SS", "NS" -> readList(id, attribute, tag, token);
      case "M", "B", "BS" -> {
        json.skipChildren();
        yield new Object();
      }
      default -> throw problem(id, attribute, "unknown DynamoDB type tag \"" + tag + "\"");
    };
    if (json.nextToken() != JsonToken.END_OBJECT) {
      throw problem(id, attribute, "a typed value needs exactly one type tag, found more after \"" + tag + "\"");
    }
    return new Typed(id, tag, value);
  }

  private Double parseNumber(String id, String attribute, JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw problem(id, attribute, "{\"N\": ...} must hold a number as a string, got " + describe(token));
    }
    String text = json.getText().strip();
    try {
      double v = Double.parseDouble(text);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw problem(id, attribute, "{\"N\": \"" + text + "\"} is not a number");
  }

  private List<Object> readList(String id, String attribute, String tag, JsonToken token) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      throw problem(id, attribute, "{\"" + tag + "\": ...} must hold an array, got " + describe(token));
    }
    List<Object> items = new ArrayList<>();
    while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
      if (tag.equals("L")) {
        items.add(readTyped(id, attribute).value());
      } else if (tag.equals("SS") && token == JsonToken.VALUE_STRING) {
        items.add(json.getText());
      } else if (tag.equals("NS")) {
        items.add(parseNumber(id, attribute, token));
      } else {
        throw problem(id, attribute, "{\"SS\": [...]} must hold strings, got " + describe(token));
      }
    }
    return items;
  }

  private LabelsFormatException problem(String id, String attribute, String what) {
    finished = true;
    StringBuilder message = new StringBuilder("labels ").append(source);
    if (id != null) {
      message.append(": track \"").append(id).append('"');
    }
    if (attribute != null) {
      message.append(", attribute \"").append(attribute).append('"');
    }
    message.append(" (").append(where(json.currentTokenLocation())).append("): ").append(what);
    return new LabelsFormatException(message.toString());
  }

  private static String where(JsonLocation at) {
    return at == null ? "unknown position" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "the end of the file";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }

  /** A decoded typed value and the checks that turn it into what an attribute needs. */
  private final class Typed {
    private final String id;
    private final String tag;
    private final Object value;

    Typed(String id, String tag, Object value) {
      this.id = id;
      this.tag = tag;
      this.value = value;
    }

    Object value() {
      return value;
    }

    String string(String attribute) {
      if (value == null || value instanceof String) {
        return (String) value;
      }
      throw problem(id, attribute, "expected {\"S\": string}, got a \"" + tag + "\" value");
    }

    Double number(String attribute) {
      if (value == null || value instanceof Double) {
        return (Double) value;
      }
      throw problem(id, attribute, "expected {\"N\": number}, got a \"" + tag + "\" value");
    }

    List<String> strings(String attribute) {
      if (value == null) {
        return null;
      }
      if (value instanceof List<?> items) {
        List<String> strings = new ArrayList<>(items.size());
        for (Object item : items) {
          if (!(item instanceof String s)) {
            throw problem(id, attribute, "expected a list of {\"S\": string}, found a non-string element");
          }
          strings.add(s);
        }
        return strings;
      }
      throw problem(id, attribute, "expected {\"L\": [{\"S\": string}, ...]}, got a \"" + tag + "\" value");
    }
  }
}
