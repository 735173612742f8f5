package io.musicrec.jobs.index;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Wall-clock seconds per named step of a run, in the order they happened (report.json's
 * {@code timings}). Built by a {@link Stopwatch} while the job runs.
 */
record Timings(Map<String, Double> seconds) {
  Timings {
    seconds = Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }

  /** The step's seconds, 0 for a step that did not run. */
  double get(String step) {
    return seconds.getOrDefault(step, 0.0);
  }

  /** Seconds rounded to hundredths, as reports show them. */
  static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }

  /** Times a run's steps; not thread-safe (the driver's thread uses it). */
  static final class Stopwatch {
    private final long start = System.nanoTime();
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    <T> T time(String step, Supplier<T> work) {
      long started = System.nanoTime();
      try {
        return work.get();
      } finally {
        seconds.put(step, seconds(System.nanoTime() - started));
      }
    }

    void run(String step, Runnable work) {
      time(step, () -> {
        work.run();
        return null;
      });
    }

    /** Everything so far plus {@code total_s}, the seconds since this stopwatch started. */
    Timings withTotal() {
      Map<String, Double> all = new LinkedHashMap<>(seconds);
      all.put("total_s", seconds(System.nanoTime() - start));
      return new Timings(all);
    }
  }
}
