package io.musicrec.config;

import io.musicrec.store.SearchEffort;
import java.io.Serializable;
import java.util.Map;

/**
 * The sections of a musicrec config file, as immutable records. Their defaults live in one place,
 * the {@code defaults.yaml} resource; the records only refuse values that cannot work, so a
 * mistyped 0 is an error that names the key rather than a silent default.
 */
public final class Settings {
  private Settings() {}

  static void atLeast(long value, long min, String key) {
    if (value < min) throw new IllegalArgumentException(key + " must be >= " + min + ", got " + value);
  }

  /** Where Spark runs and how work is split. {@code partitions: 0} sizes it from files and cores. */
  public record Spark(String master, String appName, int partitions, Map<String, String> conf)
      implements Serializable {
    public Spark {
      if (appName == null || appName.isBlank()) appName = ConfigLoader.builtinDefaults().spark().appName();
      if (partitions < 0) throw new IllegalArgumentException("partitions must be >= 0 (0 = automatic), got " + partitions);
      conf = conf == null ? Map.of() : Map.copyOf(conf);
    }
  }

  /** The corpus {@code index} generates on first use when its input does not exist yet. */
  public record Sample(int tracks, double seconds, long seed, boolean defects) implements Serializable {
    public Sample {
      atLeast(tracks, 1, "tracks");
      if (!(seconds > 0)) throw new IllegalArgumentException("seconds must be > 0, got " + seconds);
    }
  }

  /** Limits that keep one pathological file from stalling a task or exhausting memory. */
  public record Decode(int timeoutS, int maxSeconds, int threads) implements Serializable {
    public Decode {
      atLeast(timeoutS, 1, "timeout_s");
      atLeast(maxSeconds, 1, "max_seconds");
      if (threads < 0) throw new IllegalArgumentException("threads must be >= 0 (0 = task cores), got " + threads);
    }
  }

  /** Batching and placement of inference. */
  public record Embed(int batchSize, int maxWaitMs, boolean requireGpu, int intraOpThreads)
      implements Serializable {
    public Embed {
      atLeast(batchSize, 1, "batch_size");
      atLeast(maxWaitMs, 0, "max_wait_ms");
      if (intraOpThreads < 0) {
        throw new IllegalArgumentException("intra_op_threads must be >= 0 (0 = executor cores), got " + intraOpThreads);
      }
    }
  }

  /** Bulk upsert bounds and the retry policy for transient store errors. */
  public record Sink(
      int batchPoints,
      long batchBytes,
      int maxInFlight,
      int maxRetries,
      long initialBackoffMs,
      long maxBackoffMs,
      int timeoutS)
      implements Serializable {
    public Sink {
      atLeast(batchPoints, 1, "batch_points");
      atLeast(batchBytes, 1, "batch_bytes");
      atLeast(maxInFlight, 1, "max_in_flight");
      atLeast(maxRetries, 0, "max_retries");
      atLeast(initialBackoffMs, 1, "initial_backoff_ms");
      atLeast(maxBackoffMs, initialBackoffMs, "max_backoff_ms");
      atLeast(timeoutS, 1, "timeout_s");
    }
  }

  /**
   * How a new collection is laid out (see conf/cluster.yaml for what each setting costs). Read when
   * a collection or version is created; an existing collection keeps the layout it was built with.
   */
  public record Layout(
      boolean onDiskVectors,
      String quantization,
      int hnswM,
      int hnswEfConstruct,
      int shardNumber,
      int replicationFactor,
      int writeConsistencyFactor,
      Map<String, String> payloadIndexes)
      implements Serializable {
    public static final java.util.List<String> QUANTIZATIONS = java.util.List.of("none", "int8");
    public static final java.util.List<String> PAYLOAD_INDEX_TYPES = java.util.List.of("keyword", "integer", "float", "bool", "text");
    /** The HNSW settings a user may ask for; the scale bench holds its graph options to the same ranges. */
    public static final int HNSW_M_MIN = 2;
    public static final int HNSW_M_MAX = 512;
    public static final int HNSW_EF_CONSTRUCT_MIN = 4;
    public static final int HNSW_EF_CONSTRUCT_MAX = 3200;

    public Layout {
      quantization = quantization == null ? "" : quantization.trim().toLowerCase(java.util.Locale.ROOT);
      if (!QUANTIZATIONS.contains(quantization)) {
        throw new IllegalArgumentException("quantization must be one of " + String.join(", ", QUANTIZATIONS) + ", got '" + quantization + "'");
      }
      if (hnswM < HNSW_M_MIN || hnswM > HNSW_M_MAX) {
        throw new IllegalArgumentException("hnsw_m must be in [" + HNSW_M_MIN + ", " + HNSW_M_MAX + "], got " + hnswM);
      }
      if (hnswEfConstruct < HNSW_EF_CONSTRUCT_MIN || hnswEfConstruct > HNSW_EF_CONSTRUCT_MAX) {
        throw new IllegalArgumentException("hnsw_ef_construct must be in [" + HNSW_EF_CONSTRUCT_MIN + ", " + HNSW_EF_CONSTRUCT_MAX
            + "], got " + hnswEfConstruct);
      }
      atLeast(shardNumber, 1, "shard_number");
      atLeast(replicationFactor, 1, "replication_factor");
      atLeast(writeConsistencyFactor, 1, "write_consistency_factor");
      if (writeConsistencyFactor > replicationFactor) {
        throw new IllegalArgumentException("write_consistency_factor (" + writeConsistencyFactor + ") cannot exceed"
            + " replication_factor (" + replicationFactor + "): no write could ever be acknowledged");
      }
      java.util.Map<String, String> indexes = new java.util.LinkedHashMap<>();
      if (payloadIndexes != null) {
        payloadIndexes.forEach((field, type) -> {
          String t = type == null ? "" : type.trim().toLowerCase(java.util.Locale.ROOT);
          if (t.equals("none")) return; // a config file drops one of the default indexes this way
          if (!PAYLOAD_INDEX_TYPES.contains(t)) {
            throw new IllegalArgumentException("payload_indexes." + field + " must be one of "
                + String.join(", ", PAYLOAD_INDEX_TYPES) + " (or none), got '" + type + "'");
          }
          indexes.put(field, t);
        });
      }
      payloadIndexes = java.util.Collections.unmodifiableMap(indexes);
    }
  }

  /**
   * Where decoding and inference keep their results (the embeddings table, a Parquet dataset), so
   * a rebuild, another store or a lost store costs a load rather than a re-embed.
   *
   * @param table a local path, or a file://, hdfs:// or s3a:// URI; {@code none} keeps no table
   */
  public record Embeddings(String table) implements Serializable {
    /** The value that turns the table off (a key left empty means its default, as every key). */
    public static final String NONE = "none";
    private static final java.util.Set<String> SCHEMES = java.util.Set.of("file", "hdfs", "s3a");

    public Embeddings {
      if (table == null || table.isBlank()) table = ConfigLoader.builtinDefaults().embeddings().table();
      table = table.strip();
      if (table.equalsIgnoreCase(NONE)) {
        table = NONE;
      } else {
        String scheme = scheme(table);
        if (scheme != null && !SCHEMES.contains(scheme)) {
          String hint = scheme.equals("s3") || scheme.equals("s3n") ? " (S3 goes through Hadoop's S3A: s3a://)"
              : scheme.equals("embedded") || scheme.startsWith("qdrant") ? " (that is a store URI; the table is a folder)" : "";
          throw new IllegalArgumentException("table must be a local path or a file://, hdfs:// or s3a:// URI, or "
              + NONE + " for no table; got '" + table + "'" + hint);
        }
      }
    }

    /** The table's location, or empty when the run keeps none. */
    public java.util.Optional<String> location() {
      return NONE.equals(table) ? java.util.Optional.empty() : java.util.Optional.of(table);
    }

    /** The URI scheme, or null for a plain path (a Windows drive letter is not a scheme). */
    private static String scheme(String location) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):").matcher(location);
      return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
    }
  }

  /**
   * How queries search the vector index (similar tracks, recommendations, near-duplicates).
   *
   * @param hnswEf HNSW candidates a query explores, Qdrant's {@code hnsw_ef}: more raise recall and
   *     latency. 0 = automatic: the embedded store grows it with the collection ({@link
   *     io.musicrec.store.SearchEffort}: 100 up to 100k points, 400 at 1M); Qdrant then uses its own
   *     default, the collection's {@code ef_construct}, in each segment
   */
  public record Search(int hnswEf) implements Serializable {
    public Search {
      if (hnswEf < 0 || hnswEf > SearchEffort.MAX) {
        throw new IllegalArgumentException("hnsw_ef must be in [0, " + SearchEffort.MAX
            + "] (0 = automatic, which grows with the collection; a number fixes the candidates per query), got " + hnswEf);
      }
    }
  }

  /** Qdrant credentials. The key is a secret: never printed. */
  public record Qdrant(String apiKey) implements Serializable {
    @Override
    public String toString() {
      return "Qdrant[apiKey=" + (apiKey == null ? "none" : "***") + "]";
    }
  }

  /**
   * S3A access for s3a:// inputs. Keys are secrets: never printed. With a custom endpoint
   * (MinIO, Ceph, a test server) the region defaults to us-east-1 so S3A need not look it up.
   */
  public record S3(String endpoint, String region, String accessKey, String secretKey, boolean pathStyle)
      implements Serializable {
    public S3 {
      if (endpoint != null && region == null) region = "us-east-1";
    }

    @Override
    public String toString() {
      return "S3[endpoint=" + endpoint + ", region=" + region + ", accessKey=" + (accessKey == null ? "none" : "***")
          + ", secretKey=" + (secretKey == null ? "none" : "***") + ", pathStyle=" + pathStyle + "]";
    }
  }


}
