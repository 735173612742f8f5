package io.musicrec.source;

import io.musicrec.config.ConfigException;
import io.musicrec.reject.RejectCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
 * modification_time, genre_folder, track_id, reject_reason, reject_detail} (track id = file stem, as
 * in Ludwig's {@code mp3/<genre>/<id>.mp3}). Bytes are streamed later, inside the tasks. Entries
 * the listing itself rejects (a broken link, a FIFO, a second file with the same track id) carry
 * a reason and are counted, never read.
 *
 * <p>The listing runs on the driver: {@link LocalListing} for local folders (links followed once
 * per real directory, broken links reported), a recursive FileSystem listing elsewhere (a flat,
 * paged listing on S3A), rather than Spark's file sources, which silently skip zero-byte files: a
 * broken catalogue's empty files must show up as rejects, not vanish.
 */
public final class TrackSource {
  /** Audio files the decoder understands; Ludwig itself ships only MP3. */
  public static final Set<String> AUDIO_EXTENSIONS = Set.of("mp3", "wav", "flac", "ogg");

  public static final StructType SCHEMA = new StructType()
      .add(Columns.PATH, DataTypes.StringType, false)
      .add(Columns.LENGTH, DataTypes.LongType, false)
      .add(Columns.MODIFICATION_TIME, DataTypes.LongType, false)
      .add(Columns.GENRE_FOLDER, DataTypes.StringType, false)
      .add(Columns.TRACK_ID, DataTypes.StringType, false)
      .add(Columns.REJECT_REASON, DataTypes.StringType, true)
      .add(Columns.REJECT_DETAIL, DataTypes.StringType, true);

  private TrackSource() {}

  public static Dataset<Row> list(SparkSession spark, String datasetRoot) {
    String audioDir = audioDir(datasetRoot);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    requireDirectory(conf, audioDir);
    List<ListedFile> listed;
    try {
      Optional<java.nio.file.Path> local = HadoopFiles.localFile(audioDir);
      listed = local.isPresent() ? LocalListing.list(local.get(), TrackSource::looksLikeAudio) : hadoopListing(conf, audioDir);
    } catch (IOException e) {
      throw new ConfigException("input: cannot list " + audioDir + " (" + e.getMessage() + ")", e);
    }
    List<Row> rows = new ArrayList<>();
    for (ListedFile f : rejectDuplicateIds(listed)) {
      rows.add(RowFactory.create(f.path(), f.length(), f.modificationTime(), f.genreFolder(), f.trackId(),
          f.rejectReason(), f.rejectDetail()));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static List<ListedFile> hadoopListing(Configuration conf, String audioDir) throws IOException {
    List<ListedFile> listed = new ArrayList<>();
    Path dir = new Path(audioDir);
    RemoteIterator<LocatedFileStatus> files = dir.getFileSystem(conf).listFiles(dir, true);
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      String name = file.getPath().getName();
      if (!looksLikeAudio(name)) continue;
      listed.add(ListedFile.file(file.getPath().toString(), file.getLen(), file.getModificationTime(),
          file.getPath().getParent().getName(), name.substring(0, name.lastIndexOf('.'))));
    }
    return listed;
  }

  /** A name with an audio extension and a non-empty stem. */
  public static boolean looksLikeAudio(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * A track id is a point id, so two files with one id (the same stem in two genre folders) would
   * overwrite each other, and incremental runs would flip between them forever. Of the files of
   * one id that the listing did not reject already, the one whose path sorts first (by String
   * order) is kept; the others are {@code duplicate_id} rejects naming it.
   */
  static List<ListedFile> rejectDuplicateIds(List<ListedFile> listed) {
    Map<String, String> kept = new HashMap<>();
    List<ListedFile> candidates = listed.stream().filter(f -> !f.isRejected())
        .sorted(Comparator.comparing(ListedFile::path)).toList();
    for (ListedFile f : candidates) kept.putIfAbsent(f.trackId(), f.path());
    List<ListedFile> out = new ArrayList<>(listed.size());
    for (ListedFile f : listed) {
      String keep = kept.get(f.trackId());
      boolean duplicate = !f.isRejected() && !f.path().equals(keep);
      out.add(duplicate ? f.rejected(RejectCode.DUPLICATE_ID, "track id " + f.trackId()
          + " is also at " + keep + ", which is kept (the first path in sorted order)") : f);
    }
    return out;
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
