package io.musicrec.jobs.index;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall-clock seconds per named step of a run, in the order they happened. */
final class Timings {
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  <T> T time(String name, Supplier<T> step) {
    long start = System.nanoTime();
    try {
      return step.get();
    } finally {
      put(name, IndexJob.seconds(System.nanoTime() - start));
    }
  }

  void put(String name, double value) {
    seconds.put(name, value);
  }

  double get(String name) {
    return seconds.getOrDefault(name, 0.0);
  }

  Map<String, Double> asMap() {
    return new LinkedHashMap<>(seconds);
  }
}
