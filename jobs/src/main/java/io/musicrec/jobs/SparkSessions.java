package io.musicrec.jobs;

import io.musicrec.config.MusicrecConfig;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession a run uses from its config. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Under spark-submit the master comes from the submit command and {@code spark.master} in the
   * config is only a default; an explicit {@code spark.conf} entry always wins.
   */
  public static SparkSession create(MusicrecConfig config) {
    return create(config, Map.of());
  }

  /**
   * Like {@link #create(MusicrecConfig)}, with a job's own Spark defaults: each applies only when
   * neither the config's {@code spark.conf} nor spark-submit (a system property) sets its key.
   */
  public static SparkSession create(MusicrecConfig config, Map<String, String> jobDefaults) {
    SparkSession.Builder builder = SparkSession.builder().appName(config.spark().appName());
    if (System.getProperty("spark.master") == null && config.spark().master() != null) {
      builder.master(config.spark().master());
    }
    builder.config("spark.ui.showConsoleProgress", "false");
    builder.config("spark.sql.adaptive.enabled", "false"); // keep our partitioning as planned
    HadoopSettings.s3(config.s3()).forEach((key, value) -> builder.config(HadoopSettings.SPARK_PREFIX + key, value));
    jobDefaults.forEach((key, value) -> {
      if (userSetting(config, key).isEmpty()) builder.config(key, value);
    });
    config.spark().conf().forEach(builder::config);
    return builder.getOrCreate();
  }

  /** A Spark setting the user chose: in the config's {@code spark.conf}, or through spark-submit. */
  public static Optional<String> userSetting(MusicrecConfig config, String key) {
    String configured = config.spark().conf().get(key);
    return Optional.ofNullable(configured != null ? configured : System.getProperty(key));
  }
}
