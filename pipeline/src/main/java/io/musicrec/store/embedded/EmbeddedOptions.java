package io.musicrec.store.embedded;

import io.musicrec.store.SearchEffort;

/**
 * HNSW settings of the embedded store.
 *
 * @param maxConn graph degree M (Lucene's default 16)
 * @param beamWidth candidate list size while building the graph (ef_construct; Lucene's default 100)
 * @param searchEffort candidates a query explores (ef): the query asks HNSW for {@code
 *     max(limit, searchEffort)} neighbours and keeps the best {@code limit}; {@link
 *     SearchEffort#AUTOMATIC} grows it with the collection's size
 * @param writeBatchPoints points a bulk writer buffers before handing them to the index writer
 */
public record EmbeddedOptions(int maxConn, int beamWidth, int searchEffort, int writeBatchPoints) {
  public EmbeddedOptions {
    if (maxConn < 2 || maxConn > 512) throw new IllegalArgumentException("maxConn must be in [2, 512]");
    if (beamWidth < 1 || beamWidth > 3200) throw new IllegalArgumentException("beamWidth must be in [1, 3200]");
    if (searchEffort < 0) throw new IllegalArgumentException("searchEffort must be >= 0 (0 = automatic)");
    if (writeBatchPoints < 1) throw new IllegalArgumentException("writeBatchPoints must be >= 1");
  }

  /** Lucene's graph defaults and the automatic search effort (recall@10 >= 0.98 up to 1M points, see SearchEffort). */
  public static EmbeddedOptions defaults() {
    return new EmbeddedOptions(16, 100, SearchEffort.AUTOMATIC, 256);
  }

  public EmbeddedOptions withSearchEffort(int effort) {
    return new EmbeddedOptions(maxConn, beamWidth, effort, writeBatchPoints);
  }
}
