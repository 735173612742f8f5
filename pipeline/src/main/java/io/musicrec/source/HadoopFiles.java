package io.musicrec.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import io.musicrec.decode.FileKinds;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/** Opens and fingerprints files on any Hadoop FileSystem from inside Spark tasks. */
public final class HadoopFiles {
  private static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";

  private HadoopFiles() {}

  /**
   * The Hadoop configuration a task should use: the executor's {@code spark.hadoop.*} settings on
   * top of Hadoop's defaults (S3A endpoint, credentials provider and the like travel this way).
   */
  public static Configuration taskConfiguration() {
    Configuration conf = new Configuration();
    SparkEnv env = SparkEnv.get();
    if (env != null) {
      SparkConf spark = env.conf();
      for (Tuple2<String, String> entry : spark.getAllWithPrefix(SPARK_HADOOP_PREFIX)) {
        conf.set(entry._1(), entry._2());
      }
    }
    return conf;
  }

  /**
   * Opens a path as {@link TrackSource} lists it: Hadoop's own (unescaped) path string, e.g.
   * {@code file:/data/mp3/funk _ soul/x.mp3} or {@code s3a://bucket/mp3/rock/x.mp3}.
   *
   * <p>Local files are opened directly, not through Hadoop's {@code LocalFileSystem}: that is a
   * {@code ChecksumFileSystem}, which builds a {@code .name.crc} path for every file it opens and
   * throws {@code URISyntaxException} (unchecked) when the name holds a {@code ':'}. A local path
   * that is not a regular file (a FIFO, whose open would block until a writer appears, or a
   * device) is refused with an {@link IOException} before it is opened.
   */
  public static InputStream open(Configuration conf, String uri) throws IOException {
    java.util.Optional<java.nio.file.Path> local = localFile(uri);
    if (local.isPresent()) return openLocal(local.get());
    Path path = new Path(uri);
    return path.getFileSystem(conf).open(path);
  }

  private static InputStream openLocal(java.nio.file.Path file) throws IOException {
    java.util.Optional<String> special = FileKinds.special(file);
    if (special.isPresent()) throw new IOException(file + " is " + special.get() + ", not a regular file");
    return java.nio.file.Files.newInputStream(file);
  }

  /** SHA-256 of a file's bytes, streamed; incremental runs compare it with the stored one. */
  public static String sha256(Configuration conf, String uri) throws IOException {
    MessageDigest digest = sha256Digest();
    try (InputStream in = new DigestInputStream(open(conf, uri), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The local file behind a {@code file:} (or scheme-less) path, for readers that can use it directly. */
  public static java.util.Optional<java.nio.file.Path> localFile(String uri) {
    URI u = new Path(uri).toUri();
    boolean local = u.getScheme() == null || "file".equals(u.getScheme());
    return local ? java.util.Optional.of(java.nio.file.Path.of(u.getPath())) : java.util.Optional.empty();
  }

  public static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
