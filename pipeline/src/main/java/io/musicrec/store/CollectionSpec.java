package io.musicrec.store;

import java.io.Serializable;
import java.util.Objects;

/**
 * A collection to create: its name, vector length and {@link CollectionLayout}. Distance is always
 * cosine: both stores keep vectors L2-normalised (Qdrant does so on insert), so scores are cosine
 * similarities in [-1, 1].
 *
 * @param name collection (or, for {@link VectorStore#createVersion}, alias) name
 * @param dimension vector length; upserts and queries of another length are refused
 * @param layout storage and index settings
 */
public record CollectionSpec(String name, int dimension, CollectionLayout layout) implements Serializable {

  public CollectionSpec {
    CollectionNames.requireValid(name);
    if (dimension <= 0) throw new IllegalArgumentException("dimension must be > 0, got " + dimension);
    layout = Objects.requireNonNullElse(layout, CollectionLayout.STORE_DEFAULTS);
  }

  /** The store's default layout except for where vectors live and how they are quantized. */
  public CollectionSpec(String name, int dimension, boolean onDiskVectors, CollectionLayout.Quantization quantization) {
    this(name, dimension, CollectionLayout.STORE_DEFAULTS.withOnDiskVectors(onDiskVectors).withQuantization(quantization));
  }

  /** A cosine collection with the store's default layout. */
  public static CollectionSpec of(String name, int dimension) {
    return new CollectionSpec(name, dimension, CollectionLayout.STORE_DEFAULTS);
  }

  public boolean onDiskVectors() {
    return layout.onDiskVectors();
  }

  public CollectionLayout.Quantization quantization() {
    return layout.quantization();
  }

  /** The same layout under another name (used for versioned collections behind an alias). */
  public CollectionSpec withName(String newName) {
    return new CollectionSpec(newName, dimension, layout);
  }
}
