package io.musicrec.jobs.index;

import io.musicrec.jobs.table.EmbeddingRows;
import io.musicrec.store.Point;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * What a task returns for one listed track: its outcome (collected on the driver) and, in runs that
 * keep an embeddings table, the table row of the point it wrote (written to the table from the
 * executors, never collected).
 *
 * @param entry the point this task wrote for the track (decoded, from the table with other labels,
 *     relabelled, or read back from the store to bring the table up to date); null when it wrote
 *     none, or when the table's row already says what it wrote
 * @param tableRowCurrent the track was written from its table row, which already holds that point
 */
record TaskResult(TrackOutcome outcome, Entry entry, boolean tableRowCurrent) implements Serializable {

  static TaskResult of(TrackOutcome outcome) {
    return new TaskResult(outcome, null, false);
  }

  static TaskResult of(TrackOutcome outcome, Entry entry) {
    return new TaskResult(outcome, entry, false);
  }

  /**
   * Whether the table's current row for this track stays: the track is unchanged (or was written
   * from the table) and the table already holds it as it is, or a transient failure (a read that
   * timed out) says nothing about the file. Every other track's old row goes: gone from the
   * listing, rejected, or rewritten.
   */
  boolean keepsPreviousRow() {
    if (entry != null) return false;
    if (tableRowCurrent) return true;
    return switch (outcome.status()) {
      case UNCHANGED -> true;
      case REJECTED -> outcome.reason().isTransient();
      default -> false;
    };
  }

  /** A table row in waiting: the vector stays a compact float[] until the table is written. */
  record Entry(float[] vector, Map<String, Object> payload, EmbeddingRows.ListedFile file) implements Serializable {
    private static final Set<String> COLUMNS = Set.copyOf(EmbeddingRows.payloadKeys());

    /**
     * The point's payload keys the table has columns for. A store's payload may carry keys an older
     * release wrote; the table keeps the pipeline's own.
     */
    static Entry of(Point point, EmbeddingRows.ListedFile file) {
      Map<String, Object> payload = new LinkedHashMap<>();
      point.payload().forEach((key, value) -> {
        if (COLUMNS.contains(key)) payload.put(key, value instanceof List<?> list ? new ArrayList<>(list) : value);
      });
      return new Entry(point.vector(), payload, file);
    }

    Row toRow(String trackId) {
      return EmbeddingRows.of(new Point(trackId, vector, payload), file);
    }
  }
}
