package io.musicrec.store.embedded;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's default codec with HNSW parameters of our choosing and the vector dimension limit
 * raised from 1024 to {@value #MAX_DIMENSIONS} (CNN14 embeddings are 2048-d). The wrapped format
 * keeps the delegate's SPI name and file format, so a plain Lucene reader opens the index; the
 * limit is only checked when writing. The scale benchmark's raw-Lucene side uses it too, so both
 * sides write the same format.
 *
 * <p>Merge workers: a merge builds the merged segment's HNSW graph, by default on one thread. After
 * a bulk load the force-merge to one segment is that one thread's work for about half of the load
 * (451 of 744 s at 1M points of 160-d on 2 cores), so the embedded store gives it every core;
 * Lucene's concurrent graph builder shares the graph between them. The file format is the same.
 */
public final class HighDimensionCodec extends Lucene912Codec {
  public static final int MAX_DIMENSIONS = 4096;
  /** Lucene99HnswScalarQuantizedVectorsFormat's defaults: 7 bits, uncompressed, dynamic confidence interval. */
  private static final int INT8_BITS = 7;
  private final KnnVectorsFormat vectors;

  /** Lucene's defaults: one thread builds a merged graph. */
  public HighDimensionCodec(int maxConn, int beamWidth, boolean int8) {
    this(maxConn, beamWidth, int8, 1);
  }

  /** {@code mergeWorkers} threads build each merged graph (1 = Lucene's default). */
  public HighDimensionCodec(int maxConn, int beamWidth, boolean int8, int mergeWorkers) {
    if (mergeWorkers < 1) throw new IllegalArgumentException("mergeWorkers must be >= 1, got " + mergeWorkers);
    ExecutorService exec = mergeWorkers > 1 ? MergeThreads.POOL : null;
    KnnVectorsFormat hnsw =
        int8
            ? new Lucene99HnswScalarQuantizedVectorsFormat(maxConn, beamWidth, mergeWorkers, INT8_BITS, false, null, exec)
            : new Lucene99HnswVectorsFormat(maxConn, beamWidth, mergeWorkers, exec);
    this.vectors = new Unlimited(hnsw);
  }

  /**
   * The threads merges borrow: daemon threads made on demand and dropped when idle, so the pool
   * holds nothing between loads and never keeps a JVM alive.
   */
  private static final class MergeThreads {
    static final ExecutorService POOL = Executors.newCachedThreadPool(runnable -> {
      Thread t = new Thread(runnable, "musicrec-hnsw-merge");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
    return vectors;
  }

  private static final class Unlimited extends KnnVectorsFormat {
    private final KnnVectorsFormat delegate;

    Unlimited(KnnVectorsFormat delegate) {
      super(delegate.getName());
      this.delegate = delegate;
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
      return delegate.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
      return delegate.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
      return MAX_DIMENSIONS;
    }
  }
}
