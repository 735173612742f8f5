package io.musicrec.jobs.serve;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.jobs.HadoopSettings;
import io.musicrec.source.HadoopFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.Seekable;

/**
 * Reads catalogue audio where the index job found it (local files, s3a://, any Hadoop FileSystem),
 * from any offset. Callers pass the {@code url} the store holds for a track, never anything taken
 * from a request.
 */
final class TrackFiles {
  private static final int MAX_REMEMBERED = 100_000;

  private final Configuration conf;
  private final Map<String, String> mediaTypes = new ConcurrentHashMap<>();

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

  /**
   * The media type browsers need to play it, from the file's first bytes (see {@link AudioFormat}),
   * remembered per location and length so seeking does not reopen the file for it.
   */
  String mediaType(String url, long length) throws IOException {
    String key = length + ":" + url;
    String known = mediaTypes.get(key);
    if (known != null) return known;
    byte[] head = new byte[AudioFormat.HEAD_BYTES];
    int n;
    try (InputStream in = open(url, 0)) {
      n = in.readNBytes(head, 0, head.length);
    }
    String type = AudioFormat.mediaType(head, n);
    if (mediaTypes.size() < MAX_REMEMBERED) mediaTypes.put(key, type);
    return type;
  }

  /** Same reading of a listed path as the job's: Hadoop's own path string, as the listing wrote it. */
  private static Path path(String url) {
    return new Path(url);
  }
}
