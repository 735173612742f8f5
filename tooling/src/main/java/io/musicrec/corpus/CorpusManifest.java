package io.musicrec.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a generated corpus holds, written as {@code manifest.json} at its root so that tests and
 * benchmarks can assert on every track and every defect. Paths are relative to the root, with '/'.
 *
 * @param tracks number of regular tracks (the size of {@code catalog})
 * @param decodable ids whose MP3 decodes to full-length, non-silent music: the catalog plus the
 *     track that is missing from labels.json
 * @param catalog the regular tracks with the metadata written to labels.json
 * @param defects the defect cases, or {@code null} when generated without defects
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CorpusManifest(
    long seed,
    int tracks,
    double seconds,
    @JsonProperty("sample_rate") int sampleRate,
    int channels,
    List<String> decodable,
    List<Track> catalog,
    Defects defects) {

  public static final String FILE = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** A regular track; {@code album} and {@code otherSubgenres} may be null, as in labels.json. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Track(
      String id,
      String path,
      String genre,
      String artist,
      String album,
      String name,
      List<String> subgenres,
      @JsonProperty("other_subgenres") List<String> otherSubgenres,
      @JsonProperty("bitrate_kbps") int bitrateKbps) {}

  /** One defect case; {@code path} is null for the labels entry without audio. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Defect(String id, String path, String genre) {}

  public record Defects(
      Defect truncated,
      Defect empty,
      @JsonProperty("not_audio") Defect notAudio,
      Defect silent,
      @JsonProperty("too_short") Defect tooShort,
      @JsonProperty("missing_labels") Defect missingLabels,
      @JsonProperty("labels_without_audio") Defect labelsWithoutAudio) {

    /** Every defect by its manifest name. */
    public Map<String, Defect> byName() {
      Map<String, Defect> all = new LinkedHashMap<>();
      all.put("truncated", truncated);
      all.put("empty", empty);
      all.put("not_audio", notAudio);
      all.put("silent", silent);
      all.put("too_short", tooShort);
      all.put("missing_labels", missingLabels);
      all.put("labels_without_audio", labelsWithoutAudio);
      return all;
    }
  }

  public CorpusManifest {
    decodable = List.copyOf(decodable);
    catalog = List.copyOf(catalog);
  }

  public static CorpusManifest read(Path root) {
    Path file = root.resolve(FILE);
    try {
      return JSON.readValue(file.toFile(), CorpusManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read corpus manifest " + file, e);
    }
  }

  public void write(Path root) throws IOException {
    Path tmp = root.resolve(FILE + ".part");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, root.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Catalog tracks grouped by artist, in catalog order. */
  public Map<String, List<Track>> byArtist() {
    Map<String, List<Track>> groups = new LinkedHashMap<>();
    for (Track t : catalog) {
      groups.computeIfAbsent(t.artist(), a -> new ArrayList<>()).add(t);
    }
    return groups;
  }
}
