package io.musicrec.config;

import java.io.Serializable;
import java.util.Map;

/** The sections of a musicrec config file. Each is an immutable record with defaults. */
public final class Settings {
  private Settings() {}

  /** Where Spark runs and how work is split. {@code partitions: 0} sizes it from files and cores. */
  public record Spark(String master, String appName, int partitions, Map<String, String> conf)
      implements Serializable {
    public Spark {
      if (appName == null) appName = "musicrec";
      if (partitions < 0) throw new IllegalArgumentException("partitions must be >= 0 (0 = automatic)");
      conf = conf == null ? Map.of() : Map.copyOf(conf);
    }
  }

  /** The corpus {@code index} generates on first use when its input does not exist yet. */
  public record Sample(int tracks, double seconds, long seed, boolean defects) implements Serializable {
    public Sample {
      if (tracks <= 0) tracks = 60;
      if (seconds <= 0) seconds = 12;
    }
  }

  /** Limits that keep one pathological file from stalling a task or exhausting memory. */
  public record Decode(int timeoutS, int maxSeconds, int threads) implements Serializable {
    public Decode {
      if (timeoutS <= 0) timeoutS = 60;
      if (maxSeconds <= 0) maxSeconds = 900;
      if (threads < 0) throw new IllegalArgumentException("threads must be >= 0 (0 = task cores)");
    }
  }

  /** Batching and placement of inference. */
  public record Embed(int batchSize, int maxWaitMs, boolean requireGpu, int intraOpThreads)
      implements Serializable {
    public Embed {
      if (batchSize <= 0) batchSize = 16;
      if (maxWaitMs < 0) maxWaitMs = 20;
      if (intraOpThreads < 0) throw new IllegalArgumentException("intra_op_threads must be >= 0 (0 = executor cores)");
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
      if (batchPoints <= 0) batchPoints = 64;
      if (batchBytes <= 0) batchBytes = 8L << 20;
      if (maxInFlight <= 0) maxInFlight = 2;
      if (maxRetries < 0) maxRetries = 8;
      if (initialBackoffMs <= 0) initialBackoffMs = 200;
      if (maxBackoffMs <= 0) maxBackoffMs = 10_000;
      if (timeoutS <= 0) timeoutS = 30;
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

  /**
   * Deliberate failures for reliability tests: the task with index {@code failTask} throws on its
   * first attempt after {@code failAfterTracks} tracks reached the store. Off when negative.
   */
  public record Faults(int failTask, int failAfterTracks) implements Serializable {
    public Faults {
      if (failAfterTracks < 0) failAfterTracks = 1;
    }

    public static Faults none() {
      return new Faults(-1, 1);
    }

    public boolean enabled() {
      return failTask >= 0;
    }
  }
}
