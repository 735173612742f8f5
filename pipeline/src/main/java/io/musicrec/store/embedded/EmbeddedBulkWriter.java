package io.musicrec.store.embedded;

import io.musicrec.store.BulkWriter;
import io.musicrec.store.Point;
import java.util.ArrayList;
import java.util.List;

/** Hands points to the index writer in batches; a flush commits, making them durable and searchable. */
final class EmbeddedBulkWriter implements BulkWriter {
  private final LuceneCollection collection;
  private final int batchPoints;
  private final List<Point> pending = new ArrayList<>();
  private long uncommitted;
  private long written;
  private boolean closed;

  EmbeddedBulkWriter(LuceneCollection collection, int batchPoints) {
    this.collection = collection;
    this.batchPoints = batchPoints;
  }

  @Override
  public void add(Point point) {
    if (closed) throw new IllegalStateException("writer is closed");
    pending.add(point);
    if (pending.size() >= batchPoints) drain();
  }

  private void drain() {
    if (pending.isEmpty()) return;
    collection.write(pending);
    uncommitted += pending.size();
    pending.clear();
  }

  @Override
  public void flush() {
    drain();
    collection.commit();
    written += uncommitted;
    uncommitted = 0;
  }

  @Override
  public long written() {
    return written;
  }

  @Override
  public void close() {
    if (closed) return;
    flush();
    closed = true;
  }
}
