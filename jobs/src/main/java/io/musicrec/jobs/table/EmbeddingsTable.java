package io.musicrec.jobs.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddings table: a plain Parquet dataset, partitioned by model ({@code
 * model_fingerprint=<name@version>/}), holding one row per track ({@link EmbeddingRows}). It is
 * what decoding and inference produce, so loading a store (another layout, another store, a lost
 * store) reads it instead of embedding again, and Spark SQL or other tools can read it as it is:
 * {@code spark.read.parquet(table).where("model_fingerprint = 'musicnn-msd@1'")}.
 *
 * <p>A run replaces one model's folder as a whole: it writes the new rows into {@code _staging/},
 * moves the live folder to {@code _replaced/}, moves the staged one into place and deletes the
 * replaced one. Folders starting with {@code _} are invisible to Spark's readers. {@link #recover}
 * finishes or undoes a replacement a crash interrupted: on local disks and HDFS, where renames are
 * atomic, a crash at any point leaves one complete folder (the old or the new). On S3A a rename is
 * a copy, so a crash during one can leave a folder short of rows; the store is written only after
 * the table, so what is lost then is cached inference (those tracks are embedded again), never
 * points.
 */
public final class EmbeddingsTable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingsTable.class);
  private static final String STAGING = "_staging";
  private static final String REPLACED = "_replaced";
  private static final String SUCCESS = "_SUCCESS";

  private final String location;

  public EmbeddingsTable(String location) {
    this.location = location;
  }

  public String location() {
    return location;
  }

  /**
   * Writes and deletes a small file in the table's folder (creating the folder), so a location that
   * cannot be written fails before hours of inference rather than after.
   *
   * @throws IOException naming what the file system refused
   */
  public void checkWritable(SparkSession spark) throws IOException {
    FileSystem fs = fs(spark);
    Path probe = new Path(location, "_probe-" + UUID.randomUUID());
    fs.mkdirs(new Path(location));
    try (var out = fs.create(probe, false)) {
      out.write('1');
    }
    fs.delete(probe, false);
  }

  /** This model's rows, or empty when the table has none (or does not exist yet). */
  public Optional<Dataset<Row>> read(SparkSession spark, String modelFingerprint) {
    Path live = liveFolder(modelFingerprint);
    if (!isComplete(fs(spark), live)) return Optional.empty();
    return Optional.of(spark.read().schema(EmbeddingRows.SCHEMA).parquet(live.toString()));
  }

  /**
   * Makes {@code rows} (schema {@link EmbeddingRows#SCHEMA}) this model's whole content. {@code
   * rows} may be derived from this model's current rows: they are written in full before the
   * current folder is touched.
   */
  public void replace(SparkSession spark, String modelFingerprint, Dataset<Row> rows) {
    FileSystem fs = fs(spark);
    String runId = String.format("%013d-%s", System.currentTimeMillis(), UUID.randomUUID().toString().substring(0, 8));
    Path staged = new Path(new Path(location, STAGING), folderName(modelFingerprint) + "." + runId);
    rows.select(EmbeddingRows.SCHEMA.fieldNames()[0], tail(EmbeddingRows.SCHEMA.fieldNames()))
        .write().mode(SaveMode.ErrorIfExists).parquet(staged.toString());
    Path live = liveFolder(modelFingerprint);
    Path replaced = new Path(new Path(location, REPLACED), folderName(modelFingerprint) + "." + runId);
    try {
      if (fs.exists(live)) {
        fs.mkdirs(replaced.getParent());
        rename(fs, live, replaced);
      }
      rename(fs, staged, live);
      fs.delete(replaced, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + live + " in the embeddings table " + location
          + " (the next run recovers it)", e);
    }
  }

  /**
   * Finishes a replacement a crash interrupted: a complete staged folder is newer than anything
   * live, so it goes into place; without one, a complete replaced folder is restored when the live
   * one is missing or incomplete. Leftovers are deleted. Safe to call when nothing was interrupted.
   */
  public void recover(SparkSession spark, String modelFingerprint) {
    FileSystem fs = fs(spark);
    Path live = liveFolder(modelFingerprint);
    try {
      List<Path> staged = leftovers(fs, STAGING, modelFingerprint);
      List<Path> replaced = leftovers(fs, REPLACED, modelFingerprint);
      Optional<Path> newestStaged = newestComplete(fs, staged);
      Optional<Path> restore = newestStaged.isPresent() ? newestStaged
          : isComplete(fs, live) ? Optional.empty() : newestComplete(fs, replaced);
      if (restore.isPresent()) {
        LOG.warn("embeddings table {}: finishing an interrupted replacement of {} with {}", location, live, restore.get());
        fs.delete(live, true);
        rename(fs, restore.get(), live);
      }
      for (Path leftover : concat(staged, replaced)) {
        if (fs.exists(leftover)) fs.delete(leftover, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover the embeddings table " + location, e);
    }
  }

  /** Deletes this model's rows (a missing folder is fine). */
  public void drop(SparkSession spark, String modelFingerprint) {
    try {
      fs(spark).delete(liveFolder(modelFingerprint), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + liveFolder(modelFingerprint), e);
    }
  }

  Path liveFolder(String modelFingerprint) {
    return new Path(location, folderName(modelFingerprint));
  }

  /** Spark's own partition folder name, so readers discover {@code model_fingerprint} as written. */
  static String folderName(String modelFingerprint) {
    return EmbeddingRows.MODEL_FINGERPRINT + "=" + ExternalCatalogUtils.escapePathName(modelFingerprint);
  }

  private List<Path> leftovers(FileSystem fs, String area, String modelFingerprint) throws IOException {
    Path dir = new Path(location, area);
    if (!fs.exists(dir)) return List.of();
    String prefix = folderName(modelFingerprint) + ".";
    List<Path> found = new ArrayList<>();
    for (FileStatus status : fs.listStatus(dir)) {
      if (status.isDirectory() && status.getPath().getName().startsWith(prefix)) found.add(status.getPath());
    }
    return found;
  }

  /** Folder names end in a run id that starts with the time, so the greatest name is the newest. */
  private static Optional<Path> newestComplete(FileSystem fs, List<Path> folders) throws IOException {
    List<Path> complete = new ArrayList<>();
    for (Path p : folders) if (isComplete(fs, p)) complete.add(p);
    return complete.stream().max(Comparator.comparing(Path::getName));
  }

  /** Spark's committer writes {@code _SUCCESS} last: without it a folder is a partial write. */
  private static boolean isComplete(FileSystem fs, Path folder) {
    try {
      return fs.exists(new Path(folder, SUCCESS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder, e);
    }
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) throw new IOException("rename " + from + " -> " + to + " refused");
  }

  private FileSystem fs(SparkSession spark) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      return new Path(location).getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the embeddings table " + location, e);
    }
  }

  private static String[] tail(String[] names) {
    return java.util.Arrays.copyOfRange(names, 1, names.length);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
