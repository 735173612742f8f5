package io.musicrec.jobs;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.config.Settings;
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
    s3(config.s3()).forEach(builder::config);
    config.spark().conf().forEach(builder::config);
    return builder.getOrCreate();
  }

  /** S3A settings for s3a:// inputs; credentials fall back to S3A's default provider chain. */
  static java.util.Map<String, String> s3(Settings.S3 s3) {
    java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();
    if (s3.endpoint() != null) {
      conf.put("spark.hadoop.fs.s3a.endpoint", s3.endpoint());
      conf.put("spark.hadoop.fs.s3a.connection.ssl.enabled", String.valueOf(s3.endpoint().startsWith("https")));
    }
    if (s3.region() != null) conf.put("spark.hadoop.fs.s3a.endpoint.region", s3.region());
    conf.put("spark.hadoop.fs.s3a.path.style.access", String.valueOf(s3.pathStyle()));
    if (s3.accessKey() != null && s3.secretKey() != null) {
      conf.put("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      conf.put("spark.hadoop.fs.s3a.access.key", s3.accessKey());
      conf.put("spark.hadoop.fs.s3a.secret.key", s3.secretKey());
    }
    return conf;
  }
}
