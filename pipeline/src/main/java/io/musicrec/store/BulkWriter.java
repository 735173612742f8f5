package io.musicrec.store;

/**
 * Streams points into one collection in bounded batches. Not thread-safe: one writer per task.
 * {@link #flush()} and {@link #close()} return only when every point added so far is stored and
 * searchable, and throw if any batch failed for good (after retries), so a task that finishes
 * without an exception has lost nothing.
 */
public interface BulkWriter extends AutoCloseable {
  /** Queues a point; may block while earlier batches are in flight. */
  void add(Point point);

  /** Sends what is queued and waits until every batch so far is acknowledged. */
  void flush();

  /** Points acknowledged by the store so far. */
  long written();

  /** Flushes, then releases the writer's resources. */
  @Override
  void close();
}
