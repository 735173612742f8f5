package io.musicrec.jobs;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Hadoop FileSystem settings a run reads its data with: S3A endpoint, region and credentials
 * from the {@code s3} section, then any {@code spark.hadoop.*} entry of {@code spark.conf}.
 * Spark jobs get them as {@code spark.hadoop.*} properties; {@code serve} sets them directly.
 */
public final class HadoopSettings {
  public static final String SPARK_PREFIX = "spark.hadoop.";

  private HadoopSettings() {}

  /** Hadoop keys (without the {@code spark.hadoop.} prefix) and values. */
  public static Map<String, String> of(MusicrecConfig config) {
    Map<String, String> conf = new LinkedHashMap<>(s3(config.s3()));
    config.spark().conf().forEach((key, value) -> {
      if (key.startsWith(SPARK_PREFIX)) conf.put(key.substring(SPARK_PREFIX.length()), value);
    });
    return conf;
  }

  /** S3A settings; without keys, S3A's default provider chain (environment, instance profile) applies. */
  static Map<String, String> s3(Settings.S3 s3) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (s3.endpoint() != null) {
      conf.put("fs.s3a.endpoint", s3.endpoint());
      // Only an explicit scheme decides; a bare host keeps S3A's default (TLS on).
      if (s3.endpoint().startsWith("http://")) conf.put("fs.s3a.connection.ssl.enabled", "false");
      if (s3.endpoint().startsWith("https://")) conf.put("fs.s3a.connection.ssl.enabled", "true");
    }
    if (s3.region() != null) conf.put("fs.s3a.endpoint.region", s3.region());
    conf.put("fs.s3a.path.style.access", String.valueOf(s3.pathStyle()));
    if (s3.accessKey() != null && s3.secretKey() != null) {
      conf.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      conf.put("fs.s3a.access.key", s3.accessKey());
      conf.put("fs.s3a.secret.key", s3.secretKey());
    }
    return conf;
  }
}
