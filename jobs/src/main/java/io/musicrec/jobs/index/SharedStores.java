package io.musicrec.jobs.index;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One open store per JVM and URI, shared by the driver and every task in that JVM: a Qdrant
 * executor keeps one gRPC channel for all its tasks, and in local mode the tasks write into the
 * very embedded index the driver opened (Lucene allows one writer per folder). Executors keep
 * theirs until the JVM exits; the driver closes its own at the end of the job.
 */
final class SharedStores {
  private static final ConcurrentMap<String, VectorStore> OPEN = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(SharedStores::closeAll, "musicrec-close-stores"));
  }

  private SharedStores() {}

  static VectorStore get(MusicrecConfig config) {
    return OPEN.computeIfAbsent(config.store(), uri -> VectorStores.open(uri, config.sink(), config.qdrant()));
  }

  static void close(String uri) {
    VectorStore store = OPEN.remove(uri);
    if (store != null) store.close();
  }

  private static void closeAll() {
    OPEN.keySet().forEach(SharedStores::close);
  }
}
