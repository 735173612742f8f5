package io.musicrec.model.onnx;

/**
 * A {@code builtin:NAME} graph contributed by a module other than this library, found with
 * {@link java.util.ServiceLoader} so the library needs no dependency on it: the tooling module
 * contributes the benchmark-only {@code cnn14-shape} this way. A contributor also ships the spec
 * as the classpath resource {@code /models/NAME.yaml}, which {@link io.musicrec.model.ModelSpecs}
 * reads. The library's own {@code logmel} is resolved directly.
 */
public interface BuiltinGraph {
  /** The NAME in {@code builtin:NAME}. */
  String name();

  /** The graph, built (or fetched from a cache) when asked for. */
  OnnxModelSource source();
}
