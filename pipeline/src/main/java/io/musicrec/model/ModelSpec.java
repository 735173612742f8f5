package io.musicrec.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/**
 * What the pipeline needs to know about an embedding model: where its ONNX graph comes from, its
 * tensor names, the audio it expects and the vectors it produces. Loaded from YAML by {@link
 * ModelSpecs}; immutable and serializable so Spark ships it to executors.
 *
 * @param name short model name, stored in every point's payload
 * @param version model version; a change makes incremental runs re-embed every track
 * @param source {@code builtin:NAME} or a path/URI of an ONNX file (relative to the spec file)
 * @param input name of the waveform input tensor, shape [batch, samples]
 * @param output name of the embedding output tensor, shape [batch, dimension]
 * @param sampleRate the rate the decoder resamples to
 * @param clip which part of each track is embedded
 * @param dimension embedding dimension
 * @param distance similarity the store uses (cosine)
 * @param normalize L2-normalise embeddings before they leave the embed stage
 * @param tagsOutput optional name of a [batch, tags] output of tag probabilities (taggers only);
 *     averaged over a track's windows like the embedding, its top tags explain results
 * @param tags the tag names, in the order of {@code tagsOutput}'s columns
 */
public record ModelSpec(
    String name,
    String version,
    String source,
    String input,
    String output,
    @JsonProperty("sample_rate") int sampleRate,
    ClipPolicy clip,
    int dimension,
    String distance,
    boolean normalize,
    @JsonProperty("tags_output") String tagsOutput,
    List<String> tags)
    implements Serializable {

  public ModelSpec {
    require(name, "name");
    require(source, "source");
    require(input, "input");
    require(output, "output");
    if (version == null || version.isBlank()) version = "1";
    if (sampleRate < 8000 || sampleRate > 96000) {
      throw new IllegalArgumentException("sample_rate must be 8000..96000, got " + sampleRate);
    }
    if (clip == null) clip = new ClipPolicy(null, 0, 0, 0);
    if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive");
    if (distance == null || distance.isBlank()) distance = "cosine";
    if (!distance.equals("cosine")) {
      throw new IllegalArgumentException("distance: only 'cosine' is supported, got " + distance);
    }
    if (tagsOutput != null && tagsOutput.isBlank()) tagsOutput = null;
    tags = tags == null ? List.of() : List.copyOf(tags);
    if (tagsOutput != null && tags.isEmpty()) {
      throw new IllegalArgumentException("tags_output '" + tagsOutput + "' needs the list of tag names in 'tags'");
    }
  }

  /** A spec without tags: what every model but a tagger uses. */
  public ModelSpec(String name, String version, String source, String input, String output, int sampleRate,
      ClipPolicy clip, int dimension, String distance, boolean normalize) {
    this(name, version, source, input, output, sampleRate, clip, dimension, distance, normalize, null, null);
  }

  public boolean hasTags() {
    return tagsOutput != null;
  }

  private static void require(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is required");
    }
  }

  public boolean isBuiltin() {
    return source.startsWith("builtin:");
  }

  /** The identity stored with each point: incremental runs compare it to decide what to redo. */
  public String fingerprint() {
    return fingerprint(name, version);
  }

  /** The same identity from a stored point's {@code model} and {@code model_version}. */
  public static String fingerprint(Object name, Object version) {
    return name + "@" + version;
  }

  public ModelSpec withSource(String newSource) {
    return new ModelSpec(
        name, version, newSource, input, output, sampleRate, clip, dimension, distance, normalize, tagsOutput, tags);
  }
}
