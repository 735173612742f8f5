package io.musicrec.store.embedded;

import java.io.IOException;
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
 */
public final class HighDimensionCodec extends Lucene912Codec {
  public static final int MAX_DIMENSIONS = 4096;
  private final KnnVectorsFormat vectors;

  public HighDimensionCodec(int maxConn, int beamWidth, boolean int8) {
    KnnVectorsFormat hnsw =
        int8
            ? new Lucene99HnswScalarQuantizedVectorsFormat(maxConn, beamWidth)
            : new Lucene99HnswVectorsFormat(maxConn, beamWidth);
    this.vectors = new Unlimited(hnsw);
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
