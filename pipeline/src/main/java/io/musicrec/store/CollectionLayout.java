package io.musicrec.store;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a collection is stored and indexed, beyond its dimension. A zero means "the store's own
 * default" (Qdrant: m 16, ef_construct 100, one shard, one replica, write consistency 1; Lucene: m
 * 16, beam width 100); the job's values come from the {@code layout} config section.
 *
 * @param onDiskVectors keep raw vectors on disk (memory-mapped) rather than in RAM: less memory,
 *     slower exact rescoring when pages are cold (Qdrant {@code on_disk}; the embedded store is
 *     always on disk)
 * @param quantization scalar int8 quantization of the index (about 4x less memory for the
 *     searched vectors; queries then rescore candidates with the original vectors)
 * @param hnswM HNSW graph degree; more links raise recall and memory
 * @param hnswEfConstruct candidate list while building the graph; more raises recall and build time
 * @param shardNumber Qdrant shards (spreads a collection over nodes); not used by the embedded store
 * @param replicationFactor Qdrant copies of each shard; not used by the embedded store
 * @param writeConsistencyFactor Qdrant replicas that must acknowledge a write; not used by the
 *     embedded store
 * @param payloadIndexes payload field name to index type; Qdrant builds these indexes before
 *     ingest, the embedded store indexes every string value as a keyword anyway
 */
public record CollectionLayout(
    boolean onDiskVectors,
    Quantization quantization,
    int hnswM,
    int hnswEfConstruct,
    int shardNumber,
    int replicationFactor,
    int writeConsistencyFactor,
    Map<String, PayloadIndex> payloadIndexes)
    implements Serializable {

  /** Index compression. {@code INT8}: Qdrant scalar int8; Lucene's scalar-quantized HNSW. */
  public enum Quantization {
    NONE,
    INT8
  }

  /** Payload index types Qdrant offers for the values the pipeline writes. */
  public enum PayloadIndex {
    KEYWORD,
    INTEGER,
    FLOAT,
    BOOL,
    TEXT;

    public static PayloadIndex parse(String field, String type) {
      try {
        return valueOf(type.trim().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("payload index type of '" + field + "' must be one of keyword, integer,"
            + " float, bool, text; got '" + type + "'");
      }
    }

    public String lowerName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The stores' own defaults: in RAM, unquantized, no payload indexes. */
  public static final CollectionLayout STORE_DEFAULTS =
      new CollectionLayout(false, Quantization.NONE, 0, 0, 0, 0, 0, Map.of());

  public CollectionLayout {
    quantization = Objects.requireNonNullElse(quantization, Quantization.NONE);
    // Ranges of the config keys are checked by Settings.Layout; here only what code could get wrong.
    if (hnswM < 0) throw new IllegalArgumentException("hnsw_m must be >= 0 (0 = store default), got " + hnswM);
    if (hnswEfConstruct < 0) {
      throw new IllegalArgumentException("hnsw_ef_construct must be >= 0 (0 = store default), got " + hnswEfConstruct);
    }
    if (shardNumber < 0) throw new IllegalArgumentException("shard_number must be >= 0 (0 = server default), got " + shardNumber);
    if (replicationFactor < 0) {
      throw new IllegalArgumentException("replication_factor must be >= 0 (0 = server default), got " + replicationFactor);
    }
    if (writeConsistencyFactor < 0) {
      throw new IllegalArgumentException("write_consistency_factor must be >= 0 (0 = server default), got " + writeConsistencyFactor);
    }
    if (writeConsistencyFactor > 0 && replicationFactor > 0 && writeConsistencyFactor > replicationFactor) {
      throw new IllegalArgumentException("write_consistency_factor (" + writeConsistencyFactor
          + ") cannot exceed replication_factor (" + replicationFactor + "): no write could ever be acknowledged");
    }
    payloadIndexes = payloadIndexes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(payloadIndexes));
  }

  /** The layout the {@code layout} config section describes. */
  public static CollectionLayout from(io.musicrec.config.Settings.Layout config) {
    Map<String, PayloadIndex> indexes = new LinkedHashMap<>();
    config.payloadIndexes().forEach((field, type) -> indexes.put(field, PayloadIndex.parse(field, type)));
    return new CollectionLayout(config.onDiskVectors(),
        config.quantization().equals("int8") ? Quantization.INT8 : Quantization.NONE,
        config.hnswM(), config.hnswEfConstruct(), config.shardNumber(), config.replicationFactor(),
        config.writeConsistencyFactor(), indexes);
  }

  public CollectionLayout withQuantization(Quantization q) {
    return new CollectionLayout(onDiskVectors, q, hnswM, hnswEfConstruct, shardNumber, replicationFactor,
        writeConsistencyFactor, payloadIndexes);
  }

  /** The HNSW graph's links per point and build-time candidate list (0 = the store's default). */
  public CollectionLayout withHnsw(int m, int efConstruct) {
    return new CollectionLayout(onDiskVectors, quantization, m, efConstruct, shardNumber, replicationFactor,
        writeConsistencyFactor, payloadIndexes);
  }

  public CollectionLayout withOnDiskVectors(boolean onDisk) {
    return new CollectionLayout(onDisk, quantization, hnswM, hnswEfConstruct, shardNumber, replicationFactor,
        writeConsistencyFactor, payloadIndexes);
  }

  public CollectionLayout withPayloadIndexes(Map<String, PayloadIndex> indexes) {
    return new CollectionLayout(onDiskVectors, quantization, hnswM, hnswEfConstruct, shardNumber, replicationFactor,
        writeConsistencyFactor, indexes);
  }
}
