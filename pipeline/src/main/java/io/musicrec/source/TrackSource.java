package io.musicrec.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.url_decode;

import io.musicrec.config.ConfigException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Lists a dataset's audio files as a DataFrame without reading their bytes: {@code path, length,
 * modification_time, genre_folder, track_id} (track id = file stem, as in Ludwig's
 * {@code mp3/<genre>/<id>.mp3}). Bytes are streamed later, inside the tasks.
 */
public final class TrackSource {
  /** Audio files the decoder understands; Ludwig itself ships only MP3. */
  public static final String AUDIO_GLOB = "*.{mp3,MP3,wav,flac,ogg}";

  private TrackSource() {}

  public static Dataset<Row> list(SparkSession spark, String datasetRoot) {
    String audioDir = audioDir(datasetRoot);
    requireDirectory(spark.sparkContext().hadoopConfiguration(), audioDir);
    return spark
        .read()
        .format("binaryFile")
        .option("recursiveFileLookup", "true")
        .option("pathGlobFilter", AUDIO_GLOB)
        .load(audioDir)
        .select(col("path"), col("length"), col("modificationTime").as("modification_time"))
        // binaryFile gives URIs, so a folder like "funk _ soul" arrives as "funk%20_%20soul".
        .withColumn("genre_folder", url_decode(element_at(split(col("path"), "/"), -2)))
        .withColumn("track_id", regexp_replace(url_decode(element_at(split(col("path"), "/"), -1)), "\\.[^.]+$", ""));
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

  /** Scheme-aware check that a single file exists, for labels.json and model files. */
  public static boolean fileExists(Configuration hadoopConf, String uri) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(hadoopConf);
      return fs.exists(path) && fs.getFileStatus(path).isFile();
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
