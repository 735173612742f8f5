package io.musicrec.jobs;

import io.musicrec.config.MusicrecConfig;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession a run uses from its config. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Under spark-submit the master comes from the submit command and {@code spark.master} in the
   * config is only a default; an explicit {@code spark.conf} entry always wins.
   */
  public static SparkSession create(MusicrecConfig config) {
    SparkSession.Builder builder = SparkSession.builder().appName(config.spark().appName());
    if (System.getProperty("spark.master") == null && config.spark().master() != null) {
      builder.master(config.spark().master());
    }
    builder.config("spark.ui.showConsoleProgress", "false");
    builder.config("spark.sql.adaptive.enabled", "false"); // keep our partitioning as planned
    HadoopSettings.s3(config.s3()).forEach((key, value) -> builder.config(HadoopSettings.SPARK_PREFIX + key, value));
    config.spark().conf().forEach(builder::config);
    return builder.getOrCreate();
  }
}
