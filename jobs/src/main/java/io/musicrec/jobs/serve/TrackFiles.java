package io.musicrec.jobs.serve;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.source.HadoopFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.Seekable;

/**
 * Reads catalogue audio where the index job found it (local files, s3a://, any Hadoop FileSystem),
 * from any offset. Callers pass the {@code url} the store holds for a track, never anything taken
 * from a request.
 */
final class TrackFiles {
  private final Configuration conf;

  TrackFiles(Configuration conf) {
    this.conf = conf;
  }

  /**
   * The Hadoop settings the index job gives its tasks, without a SparkSession: S3A endpoint and
   * credentials from the {@code s3} section, then any {@code spark.conf} entry {@code
   * spark.hadoop.*}.
   */
  static TrackFiles from(MusicrecConfig config) {
    Configuration conf = new Configuration();
    var s3 = config.s3();
    if (s3.endpoint() != null) {
      conf.set("fs.s3a.endpoint", s3.endpoint());
      conf.set("fs.s3a.connection.ssl.enabled", String.valueOf(s3.endpoint().startsWith("https")));
    }
    conf.set("fs.s3a.path.style.access", String.valueOf(s3.pathStyle()));
    if (s3.accessKey() != null && s3.secretKey() != null) {
      conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      conf.set("fs.s3a.access.key", s3.accessKey());
      conf.set("fs.s3a.secret.key", s3.secretKey());
    }
    config.spark().conf().forEach((key, value) -> {
      if (key.startsWith("spark.hadoop.")) conf.set(key.substring("spark.hadoop.".length()), value);
    });
    return new TrackFiles(conf);
  }

  long length(String url) throws IOException {
    Path path = path(url);
    return path.getFileSystem(conf).getFileStatus(path).getLen();
  }

  /** The file's bytes from {@code offset} on. */
  InputStream open(String url, long offset) throws IOException {
    InputStream in = HadoopFiles.open(conf, url);
    try {
      if (offset > 0) {
        if (in instanceof Seekable seekable) seekable.seek(offset);
        else in.skipNBytes(offset);
      }
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The media type browsers need to play it, from the file name. */
  static String contentType(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".mp3")) return "audio/mpeg";
    if (lower.endsWith(".wav")) return "audio/wav";
    if (lower.endsWith(".flac")) return "audio/flac";
    if (lower.endsWith(".ogg") || lower.endsWith(".oga")) return "audio/ogg";
    if (lower.endsWith(".opus")) return "audio/ogg";
    if (lower.endsWith(".m4a") || lower.endsWith(".mp4")) return "audio/mp4";
    return "application/octet-stream";
  }

  /** Same reading of a listed path as the job's: a URI (escapes kept), else a plain local path. */
  private static Path path(String url) {
    try {
      return new Path(new URI(url));
    } catch (URISyntaxException e) {
      return new Path(url);
    }
  }
}
