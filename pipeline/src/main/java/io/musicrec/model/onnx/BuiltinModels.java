package io.musicrec.model.onnx;

import io.musicrec.config.ConfigException;
import io.musicrec.model.ModelSpecs;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The graphs behind {@code builtin:NAME} model sources. {@code logmel} is the library's own, small
 * and built in memory once per JVM; other names are {@link BuiltinGraph}s that modules on the
 * classpath contribute (the tooling module's benchmark-only {@code cnn14-shape}).
 */
public final class BuiltinModels {
  private static final String LOGMEL = "logmel";

  private BuiltinModels() {}

  public static OnnxModelSource resolve(String source) {
    String name = source.startsWith(ModelSpecs.BUILTIN) ? source.substring(ModelSpecs.BUILTIN.length()) : source;
    if (name.equals(LOGMEL)) return OnnxModelSource.ofBytes(source, LogMelBytes.BYTES.clone());
    BuiltinGraph contributed = Contributed.BY_NAME.get(name);
    if (contributed == null) {
      throw new ConfigException("model source: unknown built-in '" + source + "'; allowed: " + String.join(", ", names()));
    }
    return contributed.source();
  }

  /** Every {@code builtin:NAME} this classpath resolves, the library's own first. */
  public static List<String> names() {
    return Stream.concat(Stream.of(LOGMEL), Contributed.BY_NAME.keySet().stream())
        .map(n -> ModelSpecs.BUILTIN + n)
        .collect(Collectors.toList());
  }

  private static final class LogMelBytes {
    static final byte[] BYTES = LogMelGraph.bytes();
  }

  /** Looked up once per JVM, with this library's class loader (the one Spark loaded the job jar with). */
  private static final class Contributed {
    static final Map<String, BuiltinGraph> BY_NAME = ServiceLoader.load(BuiltinGraph.class, BuiltinGraph.class.getClassLoader())
        .stream()
        .map(ServiceLoader.Provider::get)
        .collect(Collectors.toMap(BuiltinGraph::name, g -> g, (a, b) -> a, TreeMap::new));
  }
}
