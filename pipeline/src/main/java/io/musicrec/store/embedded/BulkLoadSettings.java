package io.musicrec.store.embedded;

import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;

/**
 * How the embedded store's index writer buffers and merges, tuned for loads of many points.
 *
 * <p>Lucene builds a segment's HNSW graph as documents arrive and rebuilds graphs when it merges
 * segments, so every flush that makes a small segment costs a later merge that inserts those
 * vectors again. Lucene's default buffer (16 MB) holds about 2,000 vectors of 2048-d: a 100k load
 * would make 50 segments and merge most vectors several times. A large buffer makes few, large
 * segments; the load ends with one force-merge ({@link LuceneCollection#finishLoad()}) that reuses
 * the largest segment's graph. Merges run in background threads (ConcurrentMergeScheduler) while
 * the load goes on.
 */
final class BulkLoadSettings {
  /** Upper bound of the write buffer; Lucene's own per-thread hard limit is 1945 MB. */
  static final int MAX_RAM_BUFFER_MB = 1024;

  private BulkLoadSettings() {}

  static IndexWriterConfig apply(IndexWriterConfig config) {
    return config
        .setRAMBufferSizeMB(ramBufferMb(Runtime.getRuntime().maxMemory()))
        .setMergePolicy(new TieredMergePolicy())
        .setMergeScheduler(new ConcurrentMergeScheduler());
  }

  /**
   * A quarter of the heap, at most {@value #MAX_RAM_BUFFER_MB} MB: the buffer shares the JVM with
   * Spark and the embedder in the index job (1 GB of a 4 GB heap under {@code bin/musicrec}).
   */
  static double ramBufferMb(long maxHeapBytes) {
    double quarter = maxHeapBytes / 4.0 / (1024 * 1024);
    return Math.max(IndexWriterConfig.DEFAULT_RAM_BUFFER_SIZE_MB, Math.min(MAX_RAM_BUFFER_MB, quarter));
  }
}
