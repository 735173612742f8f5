package io.musicrec.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** One side of a scale run: an index that loads the synthetic points and answers searches for their ids. */
interface ScaleSide extends AutoCloseable {
  /** Seconds spent handing points to the index (durable when it returns), then making it searchable. */
  record LoadTimes(double addSeconds, double finishSeconds) {}

  /** Loads points {@code 0..points-1}, telling {@code progress} of each point added and of the move to merging. */
  LoadTimes load(ScaleVectors vectors, long points, int threads, LoadProgress progress) throws Exception;

  /**
   * HNSW candidates each later query explores ({@link io.musicrec.store.SearchEffort#AUTOMATIC}:
   * the project store's own choice for its size; raw Lucene is given the same number explicitly).
   */
  void searchEffort(int effort) throws Exception;

  /** Point indexes of the 10 nearest points to a unit query, optionally only of one genre. */
  List<Long> search(float[] unitQuery, String genre) throws Exception;

  Path dir();

  @Override
  void close() throws Exception;

  static long diskBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0; // a file merged away while we walked
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code work(t)} on {@code threads} threads and waits for all. */
  static void parallel(int threads, ThrowingIntConsumer work) throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Object>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          work.accept(thread);
          return null;
        }));
      }
      for (var f : futures) f.get();
    } finally {
      pool.shutdownNow();
    }
  }

  interface ThrowingIntConsumer {
    void accept(int value) throws Exception;
  }
}
