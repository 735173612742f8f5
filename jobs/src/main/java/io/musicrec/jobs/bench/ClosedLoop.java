package io.musicrec.jobs.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Closed-loop load: each of N clients sends its next query as soon as the previous one answers,
 * for a fixed time after a warm-up. Latency is measured per query on the client; a query counts
 * when it started inside the measured window.
 */
final class ClosedLoop {
  /**
   * Makes the next query. Building it (picking ids, a filter) is not timed, so client-side
   * bookkeeping never shows up as store latency.
   */
  interface Workload {
    Call next(SplittableRandom random);
  }

  /** One prepared query: only this is timed. */
  interface Call {
    void run() throws Exception;
  }

  private ClosedLoop() {}

  static Latencies run(Workload workload, int clients, double warmupSeconds, double seconds, long seed)
      throws Exception {
    return run(workload, clients, warmupSeconds, seconds, seed, System::nanoTime);
  }

  /**
   * @param ticker nanosecond clock read by the clients (tests pass a virtual one)
   * @param seed client c draws its queries from {@code new SplittableRandom(seed + c)}
   */
  static Latencies run(Workload workload, int clients, double warmupSeconds, double seconds, long seed,
      LongSupplier ticker) throws Exception {
    if (clients < 1) throw new IllegalArgumentException("clients must be >= 1");
    if (!(seconds > 0) || warmupSeconds < 0) throw new IllegalArgumentException("seconds must be > 0, warm-up >= 0");
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long origin = ticker.getAsLong();
      long measureFrom = origin + (long) (warmupSeconds * 1e9);
      long end = measureFrom + (long) (seconds * 1e9);
      List<Future<long[]>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        SplittableRandom random = new SplittableRandom(seed + c);
        results.add(pool.submit(() -> client(workload, random, measureFrom, end, ticker)));
      }
      long[] all = new long[0];
      for (Future<long[]> f : results) {
        long[] mine = f.get();
        int from = all.length;
        all = Arrays.copyOf(all, from + mine.length);
        System.arraycopy(mine, 0, all, from, mine.length);
      }
      return Latencies.of(clients, all, seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The latencies of this client's queries that started inside [measureFrom, end). */
  private static long[] client(Workload workload, SplittableRandom random, long measureFrom, long end,
      LongSupplier ticker) throws Exception {
    long[] latencies = new long[1024];
    int n = 0;
    while (true) {
      Call call = workload.next(random);
      long start = ticker.getAsLong();
      if (start >= end) break;
      call.run();
      long latency = ticker.getAsLong() - start;
      if (start >= measureFrom) {
        if (n == latencies.length) latencies = Arrays.copyOf(latencies, n * 2);
        latencies[n++] = latency;
      }
    }
    return Arrays.copyOf(latencies, n);
  }
}
