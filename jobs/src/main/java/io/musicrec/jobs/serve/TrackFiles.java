package io.musicrec.jobs.serve;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.jobs.HadoopSettings;
import io.musicrec.source.HadoopFiles;
import java.io.IOException;
import java.io.InputStream;
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
    HadoopSettings.of(config).forEach(conf::set);
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

  /** Same reading of a listed path as the job's: Hadoop's own path string, as the listing wrote it. */
  private static Path path(String url) {
    return new Path(url);
  }
}
