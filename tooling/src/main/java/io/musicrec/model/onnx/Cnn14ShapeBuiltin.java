package io.musicrec.model.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code builtin:cnn14-shape}, contributed to the library's {@link BuiltinModels} through
 * {@code META-INF/services}. The graph (about 320 MB of weights) is written once to a cache file
 * keyed by its content version and reused by every later JVM on the machine.
 */
public final class Cnn14ShapeBuiltin implements BuiltinGraph {
  public static final String NAME = "cnn14-shape";
  /** System property naming the cache folder; else env MUSICREC_MODEL_CACHE; else the temp dir. */
  public static final String CACHE_PROPERTY = "musicrec.model.cache";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public OnnxModelSource source() {
    return OnnxModelSource.ofFile(file());
  }

  /** The cached cnn14-shape file, written first if it is missing or incomplete. */
  public static synchronized Path file() {
    Path dir = cacheDir();
    Path file = dir.resolve(Cnn14ShapeGraph.CONTENT_VERSION + ".onnx");
    long expectedSize = Cnn14ShapeGraph.serializedSize();
    try {
      if (Files.isRegularFile(file) && Files.size(file) == expectedSize) return file;
      Files.createDirectories(dir);
      // Write beside the target and rename atomically: executors on one host may race to build it.
      Path partial = Files.createTempFile(dir, Cnn14ShapeGraph.CONTENT_VERSION, ".partial");
      try {
        try (OutputStream out = Files.newOutputStream(partial)) {
          Cnn14ShapeGraph.write(out);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cnn14-shape model under " + dir + " (set -D"
          + CACHE_PROPERTY + " to a writable folder)", e);
    }
  }

  static Path cacheDir() {
    String configured = System.getProperty(CACHE_PROPERTY);
    if (configured == null || configured.isBlank()) configured = System.getenv("MUSICREC_MODEL_CACHE");
    if (configured == null || configured.isBlank()) {
      return Path.of(System.getProperty("java.io.tmpdir"), "musicrec-models");
    }
    return Path.of(configured);
  }
}
