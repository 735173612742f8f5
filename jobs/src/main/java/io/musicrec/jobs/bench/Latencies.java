package io.musicrec.jobs.bench;

import java.util.Arrays;

/**
 * Latency summary of one closed-loop run, in milliseconds (nearest-rank percentiles).
 *
 * @param concurrency closed-loop clients
 * @param queries queries that started inside the measured window
 * @param seconds length of the measured window
 * @param qps queries / seconds
 */
public record Latencies(int concurrency, long queries, double seconds, double qps,
    double p50Ms, double p95Ms, double p99Ms, double maxMs) {

  static Latencies of(int concurrency, long[] nanos, double seconds) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latencies(concurrency, sorted.length, round(seconds), round(sorted.length / seconds),
        ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.95)), ms(percentile(sorted, 0.99)),
        ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
  }

  /** Nearest-rank percentile of sorted values: the smallest value with at least q of them at or below it. */
  static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) return 0;
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(long nanos) {
    return round(nanos / 1e6);
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
