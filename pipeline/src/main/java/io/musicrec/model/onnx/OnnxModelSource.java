package io.musicrec.model.onnx;

import io.musicrec.config.ConfigException;
import io.musicrec.model.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a session loads an ONNX graph from: bytes in memory (small built-ins) or a file (large
 * ones, which ONNX Runtime maps itself rather than copying through the Java heap).
 */
public record OnnxModelSource(String description, byte[] bytes, Path file) {
  public OnnxModelSource {
    if ((bytes == null) == (file == null)) throw new IllegalArgumentException("exactly one of bytes or file");
  }

  public static OnnxModelSource ofBytes(String description, byte[] bytes) {
    return new OnnxModelSource(description, bytes, null);
  }

  /** The graph a spec names: a built-in, or an ONNX file that every executor can read locally. */
  public static OnnxModelSource forSpec(ModelSpec spec) {
    if (spec.isBuiltin()) return BuiltinModels.resolve(spec.source());
    if (spec.source().contains("://")) {
      throw new ConfigException("model " + spec.name() + ": source " + spec.source()
          + " is a URI; ONNX files must be a local path on every executor (ship it with --files)");
    }
    Path file = Path.of(spec.source());
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("model " + spec.name() + ": ONNX file " + file.toAbsolutePath() + " does not exist");
    }
    return ofFile(file);
  }

  public static OnnxModelSource ofFile(Path file) {
    return new OnnxModelSource(file.toString(), null, file);
  }
}
