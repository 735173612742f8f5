package io.musicrec.store;

import java.io.Serializable;
import java.util.Objects;

/**
 * How a collection is laid out. Distance is always cosine: both stores keep vectors L2-normalised
 * (Qdrant does so on insert), so scores are cosine similarities in [-1, 1].
 *
 * @param name collection (or, for {@link VectorStore#createVersion}, alias) name
 * @param dimension vector length; upserts and queries of another length are refused
 * @param onDiskVectors keep raw vectors on disk rather than in RAM (Qdrant {@code on_disk}; the
 *     embedded store is always on disk, memory-mapped)
 * @param quantization optional scalar quantization of the index
 */
public record CollectionSpec(String name, int dimension, boolean onDiskVectors, Quantization quantization)
    implements Serializable {

  /** Index compression. {@code INT8}: Qdrant scalar int8; Lucene's 7-bit scalar-quantized HNSW. */
  public enum Quantization {
    NONE,
    INT8
  }

  public CollectionSpec {
    CollectionNames.requireValid(name);
    if (dimension <= 0) throw new IllegalArgumentException("dimension must be > 0, got " + dimension);
    quantization = Objects.requireNonNullElse(quantization, Quantization.NONE);
  }

  /** A cosine collection with in-memory vectors and no quantization. */
  public static CollectionSpec of(String name, int dimension) {
    return new CollectionSpec(name, dimension, false, Quantization.NONE);
  }

  /** The same layout under another name (used for versioned collections behind an alias). */
  public CollectionSpec withName(String newName) {
    return new CollectionSpec(newName, dimension, onDiskVectors, quantization);
  }
}
