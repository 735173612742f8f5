package io.musicrec.decode;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes a partition's tracks on {@code threads} worker threads while the caller consumes the
 * results, so decoding overlaps with whatever the caller does next (inference).
 *
 * <ul>
 *   <li>Every input yields exactly one result (a clip or a reject), in completion order.
 *   <li>At most {@code 2 * threads} tracks are submitted and not yet consumed, so at most that
 *       many decoded clips are held in memory however far the consumer falls behind.
 *   <li>The input iterator is only touched on the consuming thread (Spark's partition iterators
 *       are not thread-safe).
 *   <li>One ffmpeg per worker and single-threaded ffmpegs, so {@code threads} cores are used.
 * </ul>
 *
 * Close it when done (or abandoning the partition): close interrupts the workers, which kills
 * their ffmpeg processes.
 */
public final class ParallelDecoder implements Iterator<DecodeResult>, AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final AudioDecoder decoder;
  private final Iterator<DecodeInput> inputs;
  private final int maxPending;
  private final ExecutorService workers;
  private final CompletionService<DecodeResult> completed;
  private int pending;
  private boolean closed;

  /**
   * @param threads worker threads: the cores given to the task; 0 means all available processors
   */
  public ParallelDecoder(AudioDecoder decoder, Iterator<DecodeInput> inputs, int threads) {
    if (threads < 0) throw new IllegalArgumentException("threads must be >= 0 (0 = available processors)");
    int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    this.decoder = decoder;
    this.inputs = inputs;
    this.maxPending = 2 * n;
    this.workers = Executors.newFixedThreadPool(n, workerThreads());
    this.completed = new ExecutorCompletionService<>(workers);
  }

  /** Submitted and not yet returned: decoding, queued or decoded and waiting for the consumer. */
  public int pending() {
    return pending;
  }

  @Override
  public boolean hasNext() {
    fill();
    if (pending == 0) close(); // all consumed: release the worker threads now
    return pending > 0;
  }

  @Override
  public DecodeResult next() {
    if (!hasNext()) throw new NoSuchElementException();
    try {
      DecodeResult result = completed.take().get();
      pending--;
      return result;
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new CancellationException("decoding was interrupted");
    } catch (ExecutionException e) {
      // decode() returns rejects for bad files; anything thrown is a bug or a broken environment.
      close();
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) throw runtime;
      if (cause instanceof Error error) throw error;
      throw new IllegalStateException(cause);
    }
  }

  private void fill() {
    if (closed) return;
    while (pending < maxPending && inputs.hasNext()) {
      DecodeInput input = inputs.next();
      completed.submit(() -> decoder.decode(input.path(), input.opener()));
      pending++;
    }
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    workers.shutdownNow();
    boolean interrupted = Thread.interrupted();
    try {
      // Workers kill their ffmpeg and join their pumps when interrupted, within a few seconds.
      workers.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    pending = 0;
    if (interrupted) Thread.currentThread().interrupt();
  }

  private static ThreadFactory workerThreads() {
    int pool = POOLS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "musicrec-decode-" + pool + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
