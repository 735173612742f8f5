package io.musicrec.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Counting in the closed loop, on a virtual clock: each client thread has its own time, which only
 * its queries advance, so every count and percentile is exact and nothing depends on real timing.
 */
class BenchClosedLoopTest {
  private static final long MS = 1_000_000;

  /** Per-thread virtual nanoseconds; pool threads are new for every run, so each starts at 0. */
  private final ThreadLocal<long[]> now = ThreadLocal.withInitial(() -> new long[1]);
  private final LongSupplier ticker = () -> now.get()[0];

  private void spend(long nanos) {
    now.get()[0] += nanos;
  }

  @Test
  void countsOnlyQueriesStartedInsideTheMeasuredWindow() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    // 3 ms per query; warm-up 10 ms, then 100 ms measured. Per client: starts at 0, 3, 6, 9 are
    // warm-up; 12, 15, ..., 108 are measured (33); the one that would start at 111 never runs.
    Latencies l = ClosedLoop.run(random -> () -> {
      calls.incrementAndGet();
      spend(3 * MS);
    }, 2, 0.010, 0.100, 1, ticker);
    assertEquals(2, l.concurrency());
    assertEquals(66, l.queries());
    assertEquals(2 * (4 + 33), calls.get());
    assertEquals(660.0, l.qps());
    assertEquals(3.0, l.p50Ms());
    assertEquals(3.0, l.maxMs());
  }

  @Test
  void percentilesSeeTheSlowTail() throws Exception {
    // Each client: nine 1 ms queries then one 20 ms query, repeated: 29 ms per 10 queries, so
    // 290 ms hold exactly 100 queries per client, 10 of them slow.
    ThreadLocal<int[]> count = ThreadLocal.withInitial(() -> new int[1]);
    Latencies l = ClosedLoop.run(random -> () -> spend(++count.get()[0] % 10 == 0 ? 20 * MS : MS),
        2, 0, 0.290, 1, ticker);
    assertEquals(200, l.queries());
    assertEquals(1.0, l.p50Ms());
    assertEquals(20.0, l.p95Ms()); // rank 190 of 200: past the 180 fast ones
    assertEquals(20.0, l.p99Ms());
    assertEquals(20.0, l.maxMs());
  }

  @Test
  void preparingAQueryIsNotTimed() throws Exception {
    // 50 ms of "preparation" per query must not show up in the 2 ms latency.
    Latencies l = ClosedLoop.run(random -> {
      spend(50 * MS);
      return () -> spend(2 * MS);
    }, 1, 0, 0.520, 1, ticker);
    assertEquals(2.0, l.p99Ms());
    assertEquals(10, l.queries()); // starts at 50, 102, ..., 518
  }

  @Test
  void eachClientDrawsFromItsOwnSeededRandom() throws Exception {
    Set<Long> firstDraws = ConcurrentHashMap.newKeySet();
    ThreadLocal<boolean[]> drawn = ThreadLocal.withInitial(() -> new boolean[1]);
    ClosedLoop.run(random -> {
      long value = random.nextLong();
      if (!drawn.get()[0]) {
        drawn.get()[0] = true;
        firstDraws.add(value);
      }
      return () -> spend(MS);
    }, 4, 0, 0.010, 99, ticker);
    assertEquals(Set.of(new java.util.SplittableRandom(99).nextLong(), new java.util.SplittableRandom(100).nextLong(),
        new java.util.SplittableRandom(101).nextLong(), new java.util.SplittableRandom(102).nextLong()), firstDraws);
  }

  @Test
  void aFailingQueryFailsTheRun() {
    Exception e = assertThrows(Exception.class, () -> ClosedLoop.run(random -> () -> {
      throw new IllegalStateException("store down");
    }, 2, 0, 0.1, 1, ticker));
    assertTrue(String.valueOf(e.getMessage()).contains("store down"), e.toString());
  }
}
