package io.musicrec.store.qdrant;

import io.musicrec.config.Settings;
import io.musicrec.store.BulkWriter;
import io.musicrec.store.Point;
import io.musicrec.store.StoreCredentialsException;
import io.musicrec.store.StoreException;
import io.qdrant.client.grpc.Points;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bulk upsert into Qdrant: batches bounded by {@code sink.batch_points} and {@code
 * sink.batch_bytes} (serialized size; a lone oversized point goes alone), at most {@code
 * sink.max_in_flight} requests in flight, each retried with backoff on transient errors. Upserts
 * use {@code wait=true}, so an acknowledged batch is applied and searchable; replays after a lost
 * reply overwrite the same deterministic ids, never duplicate. The first permanent failure stops
 * the writer: later {@link #add} and {@link #flush} calls throw it.
 */
final class QdrantBulkWriter implements BulkWriter {
  private final QdrantStore store;
  private final String collection;
  private final Settings.Sink sink;
  private final Semaphore inFlight;
  private final ExecutorService senders;
  private final List<Future<?>> pendingSends = new ArrayList<>();
  private final AtomicLong written = new AtomicLong();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private List<Points.PointStruct> batch = new ArrayList<>();
  private long batchBytes;
  private boolean closed;

  QdrantBulkWriter(QdrantStore store, String collection, Settings.Sink sink) {
    this.store = store;
    this.collection = collection;
    this.sink = sink;
    this.inFlight = new Semaphore(sink.maxInFlight());
    this.senders = Executors.newFixedThreadPool(sink.maxInFlight(), r -> {
      Thread t = new Thread(r, "qdrant-upsert-" + collection);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void add(Point point) {
    if (closed) throw new IllegalStateException("writer is closed");
    rethrowFailure();
    Points.PointStruct struct = QdrantProtos.point(point);
    long bytes = struct.getSerializedSize();
    if (!batch.isEmpty() && (batch.size() >= sink.batchPoints() || batchBytes + bytes > sink.batchBytes())) send();
    batch.add(struct);
    batchBytes += bytes;
  }

  private void send() {
    List<Points.PointStruct> points = batch;
    batch = new ArrayList<>();
    batchBytes = 0;
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to send a batch to Qdrant", e);
    }
    pendingSends.add(senders.submit(() -> {
      try {
        if (failure.get() == null) {
          store.retrying().call("upsert " + points.size() + " points into " + collection,
              () -> QdrantWrites.completed(store.points().upsert(Points.UpsertPoints.newBuilder()
                  .setCollectionName(collection).setWait(true).addAllPoints(points).build())));
          written.addAndGet(points.size());
        }
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      } finally {
        inFlight.release();
      }
    }));
  }

  @Override
  public void flush() {
    if (!batch.isEmpty() && failure.get() == null) send();
    for (Future<?> f : pendingSends) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for Qdrant upserts", e);
      } catch (ExecutionException e) {
        failure.compareAndSet(null, new StoreException("upsert task failed", e.getCause()));
      }
    }
    pendingSends.clear();
    rethrowFailure();
  }

  /** Rethrown with this caller's stack; a refused key keeps its type, which makes it a config error. */
  private void rethrowFailure() {
    RuntimeException e = failure.get();
    if (e instanceof StoreCredentialsException refused) throw new StoreCredentialsException(refused);
    if (e != null) throw e instanceof StoreException se ? new StoreException(se.getMessage(), se) : e;
  }

  @Override
  public long written() {
    return written.get();
  }

  @Override
  public void close() {
    if (closed) return;
    try {
      flush();
    } finally {
      closed = true;
      senders.shutdownNow();
    }
  }
}
