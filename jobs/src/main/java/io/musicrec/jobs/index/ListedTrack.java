package io.musicrec.jobs.index;

import io.musicrec.jobs.table.EmbeddingRows;
import io.musicrec.model.ModelSpec;
import io.musicrec.source.Columns;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One listed track as a task sees it: its joined row (listing, labels, the embeddings table's
 * columns) and the opener that reads its bytes once and hashes them on the way.
 */
record ListedTrack(Row row, HashingOpener opener) {
  String id() {
    return row.getAs(Columns.TRACK_ID);
  }

  String path() {
    return row.getAs(Columns.PATH);
  }

  boolean labelled() {
    return !row.isNullAt(row.fieldIndex(Columns.LABELLED));
  }

  EmbeddingRows.ListedFile listedFile() {
    return new EmbeddingRows.ListedFile(path(), row.getAs(Columns.LENGTH), row.getAs(Columns.MODIFICATION_TIME));
  }

  String tableContentHash() {
    return row.getAs(TableStep.TABLE_CONTENT_HASH);
  }

  /** Whether the table's row was made from this content and these labels (so it needs no rewrite). */
  boolean tableHolds(String labelsHash) {
    String contentHash;
    try {
      contentHash = opener.sha256(); // the plan read it to call the track unchanged
    } catch (IOException e) {
      return false;
    }
    return contentHash.equals(tableContentHash()) && labelsHash.equals(row.getAs(TableStep.TABLE_LABELS_HASH));
  }

  /**
   * The table's audio for this track: present only for tracks the store does not hold, and only
   * when complete (a vector of the model's dimension, duration, cap flag and, for a tagging
   * model, tags), so a point from it equals a decoded one.
   */
  TableAudio tableAudio(ModelSpec spec) {
    int v = row.fieldIndex(TableStep.TABLE_VECTOR);
    int d = row.fieldIndex(TableStep.TABLE_DURATION);
    int c = row.fieldIndex(TableStep.TABLE_CAPPED);
    int t = row.fieldIndex(TableStep.TABLE_TAGS);
    if (row.isNullAt(v) || row.isNullAt(d) || row.isNullAt(c) || (spec.hasTags() && row.isNullAt(t))) return null;
    List<Float> values = row.getList(v);
    if (values.size() != spec.dimension()) return null;
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) vector[i] = values.get(i);
    return new TableAudio(vector, row.getDouble(d), row.getBoolean(c), spec.hasTags() ? row.getList(t) : null);
  }

  /** A table row's audio facts, complete enough to make the point a decode would. */
  record TableAudio(float[] vector, double durationSeconds, boolean capped, List<String> tags) {}
}
