package io.musicrec.jobs.index;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.musicrec.jobs.table.EmbeddingRows;
import io.musicrec.jobs.table.EmbeddingsTable;
import io.musicrec.source.Columns;
import io.musicrec.store.Payloads;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddings table's part of an index run, on the driver: before the tasks, it joins what the
 * table knows to the listed tracks; after them, it makes the tasks' table rows, plus the rows of
 * tracks that stayed as they were, the model's new table content.
 *
 * <p>Every track gets its row's content and labels hashes (cheap columns). The vector and audio
 * columns travel only to tracks the collection does not hold with this model: an incremental run
 * over a full collection shuffles hashes, not the table's vectors.
 */
final class TableStep {
  private static final Logger LOG = LoggerFactory.getLogger(TableStep.class);
  static final String TABLE_CONTENT_HASH = "table_content_hash";
  static final String TABLE_LABELS_HASH = "table_labels_hash";
  static final String TABLE_VECTOR = "table_vector";
  static final String TABLE_DURATION = "table_duration";
  static final String TABLE_CAPPED = "table_duration_capped";
  static final String TABLE_TAGS = "table_tags";
  private static final String TABLE_ID = "table_track_id";
  private static final String KEPT_ID = "kept_track_id";

  /** Parquet files of about this size: one per task would leave thousands of small files at 1M tracks. */
  static final long TARGET_FILE_BYTES = 128L << 20;
  /** A row's bytes besides its vector: ids, hashes, labels, tags (an estimate, for file counts only). */
  private static final long ROW_OVERHEAD_BYTES = 512;

  private final EmbeddingsTable table;
  private final String model;
  private final int dimension;
  private final Optional<Dataset<Row>> previous;

  private TableStep(EmbeddingsTable table, String model, int dimension, Optional<Dataset<Row>> previous) {
    this.table = table;
    this.model = model;
    this.dimension = dimension;
    this.previous = previous;
  }

  /** Finishes a replacement an earlier run left half done, then reads the model's rows (if any). */
  static TableStep open(SparkSession spark, EmbeddingsTable table, String modelFingerprint, int dimension) {
    table.recover(spark, modelFingerprint);
    // One row per track even if another tool appended to the table: a second row would double the
    // track's listing row in the joins below.
    return new TableStep(table, modelFingerprint, dimension,
        table.read(spark, modelFingerprint).map(rows -> rows.dropDuplicates(EmbeddingRows.TRACK_ID)));
  }

  /**
   * The listed tracks with the table's columns ({@link #TABLE_CONTENT_HASH} and the others), null
   * where the table has no row or the track's audio is not needed.
   *
   * @param storedWithThisModel tracks the collection already holds with this run's model
   */
  Dataset<Row> join(SparkSession spark, Dataset<Row> tracks, List<String> storedWithThisModel) {
    if (previous.isEmpty()) {
      return tracks.withColumn(TABLE_CONTENT_HASH, nulls(DataTypes.StringType))
          .withColumn(TABLE_LABELS_HASH, nulls(DataTypes.StringType))
          .withColumn(TABLE_VECTOR, nulls(DataTypes.createArrayType(DataTypes.FloatType, false)))
          .withColumn(TABLE_DURATION, nulls(DataTypes.DoubleType))
          .withColumn(TABLE_CAPPED, nulls(DataTypes.BooleanType))
          .withColumn(TABLE_TAGS, nulls(DataTypes.createArrayType(DataTypes.StringType, false)));
    }
    Dataset<Row> rows = previous.get();
    Dataset<Row> hashes = rows.select(col(EmbeddingRows.TRACK_ID).as(TABLE_ID),
        col(Payloads.CONTENT_HASH).as(TABLE_CONTENT_HASH), col(Payloads.LABELS_HASH).as(TABLE_LABELS_HASH));
    Dataset<Row> audio = rows.select(col(EmbeddingRows.TRACK_ID).as(TABLE_ID), col(EmbeddingRows.VECTOR).as(TABLE_VECTOR),
        col(Payloads.DURATION).as(TABLE_DURATION), col(Payloads.DURATION_CAPPED).as(TABLE_CAPPED),
        col(Payloads.TAGS).as(TABLE_TAGS));
    if (!storedWithThisModel.isEmpty()) {
      Dataset<Row> stored = spark.createDataset(storedWithThisModel, Encoders.STRING()).toDF(KEPT_ID);
      audio = audio.join(stored, audio.col(TABLE_ID).equalTo(stored.col(KEPT_ID)), "left_anti");
    }
    Dataset<Row> withHashes = tracks.join(hashes, tracks.col(Columns.TRACK_ID).equalTo(hashes.col(TABLE_ID)), "left")
        .drop(hashes.col(TABLE_ID));
    return withHashes.join(audio, withHashes.col(Columns.TRACK_ID).equalTo(audio.col(TABLE_ID)), "left")
        .drop(audio.col(TABLE_ID));
  }

  /**
   * Makes the tasks' rows, and the current rows of tracks that stayed (unchanged and already in
   * the table, or a transient reject), the model's table content. Tracks no longer listed,
   * permanently rejected or written again lose their old row. Left alone when nothing changed.
   *
   * @param results the tasks' results, persisted (this reads them twice or three times)
   * @param keepUnlisted whether rows of tracks this run did not list stay: a full run deletes no
   *     points, so the table keeps their rows too; incremental runs and rebuilds drop them as the
   *     collection does
   */
  void write(SparkSession spark, JavaRDD<TaskResult> results, boolean keepUnlisted) {
    JavaRDD<Row> written = results.filter(r -> r.entry() != null).map(r -> r.entry().toRow(r.outcome().trackId()));
    Dataset<Row> content = spark.createDataFrame(written, EmbeddingRows.SCHEMA);
    long previousRows = previous.map(Dataset::count).orElse(0L);
    if (previous.isPresent()) {
      Dataset<Row> rows = previous.get();
      Dataset<Row> keptRows;
      if (keepUnlisted) { // every old row except those of listed tracks that lost theirs
        Dataset<Row> replaced = ids(spark, results.filter(r -> !r.keepsPreviousRow()));
        keptRows = rows.join(replaced, rows.col(EmbeddingRows.TRACK_ID).equalTo(replaced.col(KEPT_ID)), "left_anti");
      } else {
        Dataset<Row> kept = ids(spark, results.filter(TaskResult::keepsPreviousRow));
        keptRows = rows.join(kept, rows.col(EmbeddingRows.TRACK_ID).equalTo(kept.col(KEPT_ID)), "left_semi");
      }
      if (written.isEmpty() && keptRows.count() == previousRows) {
        LOG.info("embeddings table {}: the rows of {} are as they were; not rewritten", table.location(), model);
        return;
      }
      content = content.unionByName(keptRows);
    }
    long atMostRows = results.count() + previousRows;
    long files = Math.max(1, atMostRows * (4L * dimension + ROW_OVERHEAD_BYTES) / TARGET_FILE_BYTES + 1);
    table.replace(spark, model, content.coalesce((int) Math.min(files, content.rdd().getNumPartitions())));
    LOG.info("embeddings table {}: wrote the rows of {}", table.location(), model);
  }

  private static Dataset<Row> ids(SparkSession spark, JavaRDD<TaskResult> results) {
    return spark.createDataset(results.map(r -> r.outcome().trackId()).rdd(), Encoders.STRING()).toDF(KEPT_ID);
  }

  private static org.apache.spark.sql.Column nulls(DataType type) {
    return lit(null).cast(type);
  }
}
