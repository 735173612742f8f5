package io.musicrec.embed;

import io.musicrec.config.Settings;
import io.musicrec.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link BatchingEmbedder} per model and device per JVM, shared by every task thread of an
 * executor: the model is loaded once and concurrent tasks fill each other's batches. The first
 * caller's batching settings win. Embedders live until the JVM exits (a shutdown hook closes them)
 * or until {@link #closeAll()}.
 */
public final class SharedEmbedder {
  private record Key(String fingerprint, String source, int device) {}

  private static final ConcurrentHashMap<Key, BatchingEmbedder> EMBEDDERS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(SharedEmbedder::closeAll, "musicrec-embed-shutdown"));
  }

  private SharedEmbedder() {}

  /** The JVM's embedder for this model on this device (-1 = CPU), opened on first use. */
  public static Embedder get(ModelSpec spec, Settings.Embed settings, OptionalInt cudaDevice) {
    Key key = new Key(spec.fingerprint(), spec.source(), cudaDevice.orElse(-1));
    return EMBEDDERS.computeIfAbsent(key, k -> BatchingEmbedder.open(spec, settings, cudaDevice));
  }

  /** Closes every shared embedder; a later {@link #get} opens a new one. */
  public static void closeAll() {
    List<BatchingEmbedder> open = new ArrayList<>(EMBEDDERS.values());
    EMBEDDERS.clear();
    open.forEach(BatchingEmbedder::close);
  }
}
