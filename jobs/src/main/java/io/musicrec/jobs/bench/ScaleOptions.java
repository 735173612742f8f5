package io.musicrec.jobs.bench;

import io.musicrec.store.CollectionLayout;
import io.musicrec.config.ConfigException;
import io.musicrec.store.SearchEffort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code bench --stages scale} measures.
 *
 * @param runs (dimension, points) pairs, in order
 * @param quantization the vector index of both sides: float32 HNSW, or Lucene's int8 scalar-quantized HNSW
 * @param searchQueries query vectors (each graded against the exact top 10, and drawn from in the latency loops)
 * @param recommendRequests recommend requests (likewise)
 * @param warmupSeconds closed-loop warm-up per workload
 * @param seconds closed-loop measurement per workload
 * @param searchEfforts HNSW candidates per query swept on both sides (recall against latency); the
 *     headline figures use the store's automatic effort for the size ({@link SearchEffort#forPoints})
 */
public record ScaleOptions(List<Run> runs, CollectionLayout.Quantization quantization, int searchQueries,
    int recommendRequests, double warmupSeconds, double seconds, List<Integer> searchEfforts) {

  public ScaleOptions {
    searchEfforts = List.copyOf(searchEfforts);
  }

  /** One index size: {@code DIMxPOINTS} on the command line, e.g. {@code 256x100000}. */
  public record Run(int dimension, int points) {
    static Run parse(String text) {
      String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
      try {
        if (parts.length == 2) {
          Run run = new Run(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
          if (run.dimension() >= 1 && run.dimension() <= 4096 && run.points() >= 100) return run;
        }
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
      throw new ConfigException("--scale-runs: '" + text.trim() + "' is not DIMxPOINTS with a dimension in [1, 4096]"
          + " and at least 100 points (e.g. 256x100000,2048x100000)");
    }
  }

  /** The sizes: 100k and 1M points at the default model's dimension (256) and CNN14's (2048). */
  public static ScaleOptions defaults() {
    return new ScaleOptions(parseRuns("256x10000,256x100000,256x1000000,2048x10000,2048x100000,2048x1000000"),
        CollectionLayout.Quantization.NONE, 100, 30, 1.0, 4.0, List.of(100, 200, 400, 800));
  }

  /** A CI-sized run: a few thousand points, short loops; checks the machinery, not the figures. */
  public static ScaleOptions quick() {
    return new ScaleOptions(parseRuns("256x2000,256x5000,2048x2000"), CollectionLayout.Quantization.NONE, 20, 8, 0.1, 0.3,
        List.of(10, 100));
  }

  public ScaleOptions withRuns(String runs) {
    return runs == null ? this : new ScaleOptions(parseRuns(runs), quantization, searchQueries, recommendRequests,
        warmupSeconds, seconds, searchEfforts);
  }

  public ScaleOptions withQuantization(CollectionLayout.Quantization q) {
    return q == null ? this : new ScaleOptions(runs, q, searchQueries, recommendRequests, warmupSeconds, seconds, searchEfforts);
  }

  public ScaleOptions withSearchEfforts(String efforts) {
    return efforts == null ? this : new ScaleOptions(runs, quantization, searchQueries, recommendRequests, warmupSeconds,
        seconds, parseEfforts(efforts));
  }

  /** Sorted and without repeats, so the sweep's table and chart read from few to many candidates. */
  static List<Integer> parseEfforts(String list) {
    java.util.SortedSet<Integer> efforts = new java.util.TreeSet<>();
    for (String part : list.split(",")) {
      if (part.isBlank()) continue;
      try {
        int effort = Integer.parseInt(part.trim());
        if (effort >= 1 && effort <= SearchEffort.MAX) {
          efforts.add(effort);
          continue;
        }
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
      throw new ConfigException("--scale-efforts: '" + part.trim() + "' is not a number of candidates in [1, "
          + SearchEffort.MAX + "] (e.g. 100,200,400,800)");
    }
    if (efforts.isEmpty()) throw new ConfigException("--scale-efforts: no effort given (e.g. 100,200,400,800)");
    return List.copyOf(efforts);
  }

  static List<Run> parseRuns(String list) {
    List<Run> runs = new ArrayList<>();
    for (String part : list.split(",")) if (!part.isBlank()) runs.add(Run.parse(part));
    if (runs.isEmpty()) throw new ConfigException("--scale-runs: no run given (e.g. 256x100000,2048x100000)");
    return List.copyOf(runs);
  }
}
