package io.musicrec.runtime;

import io.musicrec.config.Settings;
import io.musicrec.embed.BatchingEmbedder;
import io.musicrec.embed.Embedder;
import io.musicrec.model.ModelSpec;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import java.util.OptionalInt;

/**
 * What lives for a whole JVM (a Spark executor, or the driver in local mode) and is shared by every
 * task in it. This is the only place with JVM-wide instances; everything else (the {@code query}
 * and {@code serve} commands, tools, tests) opens what it needs and closes it itself.
 *
 * <ul>
 *   <li><b>Vector stores</b>, keyed by store URI and the sink and Qdrant settings: a Qdrant
 *       executor keeps one gRPC channel for all its tasks, and in local mode the tasks write
 *       through the very store the driver opened. The driver closes its own at the end of the job
 *       ({@link #closeStore}); executors keep theirs until the JVM exits.
 *   <li><b>Embedders</b>, keyed by model fingerprint and source, CUDA device and the batching
 *       settings: the model is loaded once and concurrent tasks fill each other's batches. They
 *       live until the JVM exits or {@link #closeEmbedders()}.
 *   <li><b>Open Lucene collections</b> of the embedded store, one per folder (Lucene allows one
 *       writer per folder), counted by the {@code EmbeddedStore}s that use them and closed by the
 *       last one; see {@code io.musicrec.store.embedded.EmbeddedStore}.
 * </ul>
 *
 * <p>A caller with other settings gets its own instance rather than an error or the first
 * caller's settings: within one job every task has the same settings, so a second instance only
 * arises where a JVM runs two configurations on purpose (benchmarks comparing batch sizes, tests),
 * and there the settings asked for must be the settings used. The cost is a second model in
 * memory, which such callers accept. A shutdown hook closes whatever is still open.
 */
public final class PerJvm {
  private record StoreKey(String uri, Settings.Sink sink, Settings.Qdrant qdrant, Settings.Search search) {}

  private record EmbedderKey(String modelFingerprint, String modelSource, int cudaDevice, Settings.Embed settings) {}

  private static final JvmShared<StoreKey, VectorStore> STORES = new JvmShared<>("vector store");
  private static final JvmShared<EmbedderKey, BatchingEmbedder> EMBEDDERS = new JvmShared<>("embedder");

  private PerJvm() {}

  /** The JVM's store for these settings, opened on first use. */
  public static VectorStore store(String uri, Settings.Sink sink, Settings.Qdrant qdrant, Settings.Search search) {
    return STORES.get(new StoreKey(uri, sink, qdrant, search), k -> VectorStores.open(k.uri(), k.sink(), k.qdrant(), k.search()));
  }

  /** Closes the JVM's store for these settings (the driver, at the end of its job); a later call reopens it. */
  public static void closeStore(String uri, Settings.Sink sink, Settings.Qdrant qdrant, Settings.Search search) {
    STORES.close(new StoreKey(uri, sink, qdrant, search));
  }

  /** The JVM's embedder for this model, device (empty = CPU) and batching settings, opened on first use. */
  public static Embedder embedder(ModelSpec spec, Settings.Embed settings, OptionalInt cudaDevice) {
    EmbedderKey key = new EmbedderKey(spec.fingerprint(), spec.source(), cudaDevice.orElse(-1), settings);
    return EMBEDDERS.get(key, k -> BatchingEmbedder.open(spec, settings, cudaDevice));
  }

  /** Closes every shared embedder (benchmarks between runs, tests); a later call opens new ones. */
  public static void closeEmbedders() {
    EMBEDDERS.closeAll();
  }
}
