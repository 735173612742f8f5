package io.musicrec.jobs.index;

import io.musicrec.config.ConfigException;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.jobs.table.EmbeddingsTable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * What an index run checks before any work, against the Spark session it got: settings that
 * cannot work on this master stop the run in seconds, with one message naming the key, instead of
 * failing (or hanging) after a cluster hour.
 */
final class RunChecks {
  private static final Pattern URI_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

  private RunChecks() {}

  /** Lucene allows one writer per folder, so an embedded store needs tasks in the driver's JVM. */
  static void requireSharedJvmForEmbeddedStore(MusicrecConfig config, SparkSession spark) {
    if (config.store().startsWith("embedded:") && !spark.sparkContext().isLocal()) {
      throw new ConfigException("store: the embedded store is written from one JVM and needs a local[N] master;"
          + " with the cluster master " + spark.sparkContext().master() + " use qdrant://HOST:6334");
    }
  }

  /** Spark's local mode cannot schedule GPUs: tasks asking for one would wait forever. */
  static void refuseGpuResourcesInLocalMode(SparkSession spark) {
    if (!spark.sparkContext().isLocal()) return;
    for (String key : List.of("spark.executor.resource.gpu.amount", "spark.task.resource.gpu.amount")) {
      if (spark.conf().contains(key)) {
        throw new ConfigException("spark.conf." + key + ": Spark's local[N] master cannot schedule GPUs (tasks would"
            + " wait forever); use a cluster master (standalone, YARN, Kubernetes, or local-cluster[...]) with"
            + " conf/spark-defaults-gpu.conf and its discovery script, or remove the GPU resource settings");
      }
    }
  }

  /**
   * The run's embeddings table, checked writable before any work: a location that cannot be written
   * would otherwise fail the run after its inference.
   */
  static Optional<EmbeddingsTable> embeddingsTable(MusicrecConfig config, SparkSession spark) {
    Optional<String> location = config.embeddings().location();
    if (location.isEmpty()) return Optional.empty();
    requireSharedTableOnCluster(spark, location.get());
    EmbeddingsTable table = new EmbeddingsTable(location.get());
    try {
      table.checkWritable(spark);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("embeddings.table: cannot write to " + location.get() + " (" + e.getMessage()
          + "); give a writable path or s3a:// URI (with the s3 section for S3), or set it to none to keep no table", e);
    }
    return Optional.of(table);
  }

  /**
   * Executors write the table's files where they run: on a cluster a local path would scatter them
   * over the workers' disks while the driver's folder looks complete. local[N] and local-cluster
   * masters share the driver's disk.
   */
  private static void requireSharedTableOnCluster(SparkSession spark, String location) {
    Matcher scheme = URI_SCHEME.matcher(location);
    boolean localPath = !scheme.find() || scheme.group(1).length() == 1 || scheme.group(1).equalsIgnoreCase("file");
    if (localPath && !spark.sparkContext().master().startsWith("local")) {
      throw new ConfigException("embeddings.table: " + location + " is a local path, but executors of the cluster master "
          + spark.sparkContext().master() + " cannot share it; give an s3a:// or hdfs:// URI, or set it to none");
    }
  }
}
