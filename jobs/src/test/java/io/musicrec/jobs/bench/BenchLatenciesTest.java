package io.musicrec.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BenchLatenciesTest {
  private static final long MS = 1_000_000;

  @Test
  void nearestRankPercentilesOfOneToHundredMs() {
    // shuffled on purpose: Latencies sorts
    long[] nanos = LongStream.rangeClosed(1, 100).map(i -> ((i * 37) % 100 + 1) * MS).toArray();
    Latencies l = Latencies.of(4, nanos, 2.0);
    assertEquals(4, l.concurrency());
    assertEquals(100, l.queries());
    assertEquals(50.0, l.qps());
    assertEquals(50.0, l.p50Ms());
    assertEquals(95.0, l.p95Ms());
    assertEquals(99.0, l.p99Ms());
    assertEquals(100.0, l.maxMs());
  }

  @Test
  void smallSamplesRoundUpToTheNextRank() {
    long[] sorted = {10, 20, 30};
    assertEquals(20, Latencies.percentile(sorted, 0.50)); // ceil(1.5) = 2nd
    assertEquals(30, Latencies.percentile(sorted, 0.95));
    assertEquals(10, Latencies.percentile(sorted, 0.0));
    assertEquals(30, Latencies.percentile(sorted, 1.0));
    assertEquals(7, Latencies.percentile(new long[] {7}, 0.99));
  }

  @Test
  void fractionsOfAMillisecondAreKeptToTheMicrosecond() {
    Latencies l = Latencies.of(1, new long[] {1_234_567, 250_000}, 1.0);
    assertEquals(0.25, l.p50Ms());
    assertEquals(1.235, l.maxMs());
  }

  @Test
  void noQueriesGiveZerosNotAnError() {
    Latencies l = Latencies.of(2, new long[0], 0.5);
    assertEquals(0, l.queries());
    assertEquals(0.0, l.qps());
    assertEquals(0.0, l.p99Ms());
  }
}
