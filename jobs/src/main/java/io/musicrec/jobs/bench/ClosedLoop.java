package io.musicrec.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop load: each of N clients sends its next query as soon as the previous one answers,
 * for a fixed time after a warm-up. Latency is measured per query on the client.
 */
final class ClosedLoop {
  /** One query; the random source is the client's own, so clients never contend on it. */
  interface Query {
    void run(SplittableRandom random) throws Exception;
  }

  private ClosedLoop() {}

  static Latencies run(Query query, int clients, double warmupSeconds, double seconds, long seed) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<long[]>> results = new ArrayList<>();
      long start = System.nanoTime();
      long measureFrom = start + (long) (warmupSeconds * 1e9);
      long end = measureFrom + (long) (seconds * 1e9);
      for (int c = 0; c < clients; c++) {
        SplittableRandom random = new SplittableRandom(seed + c);
        results.add(pool.submit(() -> client(query, random, measureFrom, end)));
      }
      long[] all = new long[0];
      int count = 0;
      for (Future<long[]> f : results) {
        long[] mine = f.get();
        int n = (int) mine[0];
        if (all.length < count + n) all = java.util.Arrays.copyOf(all, Math.max(count + n, all.length * 2));
        System.arraycopy(mine, 1, all, count, n);
        count += n;
      }
      return Latencies.of(clients, all, count, seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Returns [count, latency...] of the queries that started inside the measured window. */
  private static long[] client(Query query, SplittableRandom random, long measureFrom, long end) throws Exception {
    long[] latencies = new long[1024];
    int n = 0;
    long now;
    while ((now = System.nanoTime()) < end) {
      query.run(random);
      long latency = System.nanoTime() - now;
      if (now >= measureFrom) {
        if (n + 1 >= latencies.length) latencies = java.util.Arrays.copyOf(latencies, latencies.length * 2);
        latencies[1 + n++] = latency;
      }
    }
    latencies[0] = n;
    return java.util.Arrays.copyOf(latencies, n + 1);
  }
}
