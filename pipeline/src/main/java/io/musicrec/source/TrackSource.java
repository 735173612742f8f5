package io.musicrec.source;

import io.musicrec.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Lists a dataset's audio files as a DataFrame without reading their bytes: {@code path, length,
 * modification_time, genre_folder, track_id} (track id = file stem, as in Ludwig's
 * {@code mp3/<genre>/<id>.mp3}). Bytes are streamed later, inside the tasks.
 *
 * <p>The listing is one recursive FileSystem listing on the driver (a flat, paged listing on S3A)
 * rather than Spark's file sources, which silently skip zero-byte files: a broken catalogue's empty
 * files must show up as rejects, not vanish.
 */
public final class TrackSource {
  /** Audio files the decoder understands; Ludwig itself ships only MP3. */
  public static final Set<String> AUDIO_EXTENSIONS = Set.of("mp3", "wav", "flac", "ogg");

  public static final StructType SCHEMA = new StructType()
      .add("path", DataTypes.StringType, false)
      .add("length", DataTypes.LongType, false)
      .add("modification_time", DataTypes.LongType, false)
      .add("genre_folder", DataTypes.StringType, false)
      .add("track_id", DataTypes.StringType, false);

  private TrackSource() {}

  public static Dataset<Row> list(SparkSession spark, String datasetRoot) {
    String audioDir = audioDir(datasetRoot);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    requireDirectory(conf, audioDir);
    List<Row> rows = new ArrayList<>();
    try {
      Path dir = new Path(audioDir);
      RemoteIterator<LocatedFileStatus> files = dir.getFileSystem(conf).listFiles(dir, true);
      while (files.hasNext()) {
        LocatedFileStatus file = files.next();
        String name = file.getPath().getName();
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || !AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) continue;
        rows.add(RowFactory.create(file.getPath().toString(), file.getLen(), file.getModificationTime(),
            file.getPath().getParent().getName(), name.substring(0, dot)));
      }
    } catch (IOException e) {
      throw new ConfigException("input: cannot list " + audioDir + " (" + e.getMessage() + ")", e);
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** The {@code mp3/} folder under a dataset root, as Ludwig lays it out. */
  public static String audioDir(String datasetRoot) {
    String root = datasetRoot.endsWith("/") ? datasetRoot.substring(0, datasetRoot.length() - 1) : datasetRoot;
    return root + "/mp3";
  }

  /** Fails before any work when the input is missing or unreadable, naming the fix. */
  public static void requireDirectory(Configuration hadoopConf, String uri) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(hadoopConf);
      if (!fs.exists(path) || !fs.getFileStatus(path).isDirectory()) {
        throw new ConfigException(
            "input: " + uri + " is not a readable folder; point 'input' (--input) at a dataset root"
                + " holding mp3/<genre>/<track id>.mp3, e.g. one made by 'musicrec generate'");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException ce) throw ce;
      throw new ConfigException(
          "input: cannot read " + uri + " (" + e.getMessage() + "); check the URI, credentials"
              + " (s3.access_key/s3.secret_key or the environment) and the endpoint", e);
    }
  }
}
