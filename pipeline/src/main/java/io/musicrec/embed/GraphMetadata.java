package io.musicrec.embed;

import io.musicrec.config.ConfigException;
import io.musicrec.model.ModelSpec;
import java.util.Map;

/**
 * What an exported ONNX file says about itself in its {@code metadata_props} (written by
 * notebooks/export_panns_onnx.ipynb), checked against the spec that opens it: a file exported for
 * another sample rate would embed resampled audio at the wrong speed without any error, and one
 * exported with random weights must not be indexed under the checkpoint's version. Files without
 * these keys (the built-in graphs, other exports) are not checked here.
 */
final class GraphMetadata {
  static final String SAMPLE_RATE = "musicrec.sample_rate";
  static final String DIMENSION = "musicrec.dimension";
  static final String VERSION = "musicrec.model_version";

  private GraphMetadata() {}

  static void check(ModelSpec spec, Map<String, String> metadata) {
    String rate = metadata.get(SAMPLE_RATE);
    if (rate != null && !rate.equals(Integer.toString(spec.sampleRate()))) {
      throw new ConfigException("model " + spec.name() + ": " + spec.source() + " was exported for " + rate
          + " Hz audio (its metadata " + SAMPLE_RATE + ") but the spec says sample_rate: " + spec.sampleRate()
          + "; set sample_rate: " + rate + " in the spec");
    }
    String dimension = metadata.get(DIMENSION);
    if (dimension != null && !dimension.equals(Integer.toString(spec.dimension()))) {
      throw new ConfigException("model " + spec.name() + ": " + spec.source() + " produces " + dimension
          + "-d embeddings (its metadata " + DIMENSION + ") but the spec says dimension: " + spec.dimension());
    }
    String version = metadata.get(VERSION);
    if (version != null && !version.equals(spec.version())) {
      throw new ConfigException("model " + spec.name() + ": " + spec.source() + " was exported as version '" + version
          + "' (its metadata " + VERSION + ") but the spec says version: '" + spec.version() + "'; set version: '"
          + version + "' in the spec, so the index records which weights built it");
    }
  }
}
