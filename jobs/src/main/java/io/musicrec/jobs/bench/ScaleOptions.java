package io.musicrec.jobs.bench;

import io.musicrec.store.CollectionLayout;
import io.musicrec.config.ConfigException;
import io.musicrec.config.Settings.Layout;
import io.musicrec.store.SearchEffort;
import io.musicrec.store.embedded.EmbeddedOptions;
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
 * @param graph the HNSW graph both sides build (the store's defaults unless asked otherwise)
 * @param luceneReference whether raw Lucene is loaded beside the store; without it the run measures only
 *     the store (recall and cost of a layout), and the ratios against Lucene are absent
 */
public record ScaleOptions(List<Run> runs, CollectionLayout.Quantization quantization, int searchQueries,
    int recommendRequests, double warmupSeconds, double seconds, List<Integer> searchEfforts, Graph graph,
    boolean luceneReference) {

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

  /**
   * The HNSW graph: links per point ({@code layout.hnsw_m}; Lucene keeps twice as many on the bottom
   * layer) and the candidate list while building ({@code layout.hnsw_ef_construct}, Lucene's beam width).
   * Denser graphs find more true neighbours at the same search effort and cost build time.
   */
  public record Graph(int m, int efConstruct) {
    /** The embedded store's defaults, which are Lucene's: M 16, beam width 100. */
    public static final Graph STORE_DEFAULTS = new Graph(EmbeddedOptions.defaults().maxConn(), EmbeddedOptions.defaults().beamWidth());

    public Graph {
      // The ranges of the layout config keys, so a setting measured here is one a user can set.
      if (m < Layout.HNSW_M_MIN || m > Layout.HNSW_M_MAX) {
        throw new ConfigException("--scale-hnsw-m: " + m + " is not in [" + Layout.HNSW_M_MIN + ", " + Layout.HNSW_M_MAX
            + "] (the store's default is " + EmbeddedOptions.defaults().maxConn() + ")");
      }
      if (efConstruct < Layout.HNSW_EF_CONSTRUCT_MIN || efConstruct > Layout.HNSW_EF_CONSTRUCT_MAX) {
        throw new ConfigException("--scale-ef-construct: " + efConstruct + " is not in [" + Layout.HNSW_EF_CONSTRUCT_MIN + ", "
            + Layout.HNSW_EF_CONSTRUCT_MAX + "] (the store's default is " + EmbeddedOptions.defaults().beamWidth() + ")");
      }
    }

    Graph with(Integer newM, Integer newEfConstruct) {
      return new Graph(newM == null ? m : newM, newEfConstruct == null ? efConstruct : newEfConstruct);
    }
  }

  /** The sizes: 100k and 1M points at the default model's dimension (256) and CNN14's (2048). */
  public static ScaleOptions defaults() {
    return new ScaleOptions(parseRuns("256x10000,256x100000,256x1000000,2048x10000,2048x100000,2048x1000000"),
        CollectionLayout.Quantization.NONE, 100, 30, 1.0, 4.0, List.of(100, 200, 400, 800), Graph.STORE_DEFAULTS, true);
  }

  /** A CI-sized run: a few thousand points, short loops; checks the machinery, not the figures. */
  public static ScaleOptions quick() {
    return new ScaleOptions(parseRuns("256x2000,256x5000,2048x2000"), CollectionLayout.Quantization.NONE, 20, 8, 0.1, 0.3,
        List.of(10, 100), Graph.STORE_DEFAULTS, true);
  }

  public ScaleOptions withRuns(String runs) {
    return runs == null ? this : new ScaleOptions(parseRuns(runs), quantization, searchQueries, recommendRequests,
        warmupSeconds, seconds, searchEfforts, graph, luceneReference);
  }

  public ScaleOptions withQuantization(CollectionLayout.Quantization q) {
    return q == null ? this : new ScaleOptions(runs, q, searchQueries, recommendRequests, warmupSeconds, seconds, searchEfforts,
        graph, luceneReference);
  }

  public ScaleOptions withSearchEfforts(String efforts) {
    return efforts == null ? this : new ScaleOptions(runs, quantization, searchQueries, recommendRequests, warmupSeconds,
        seconds, parseEfforts(efforts), graph, luceneReference);
  }

  /** Either setting may be null: that one keeps its current value. */
  public ScaleOptions withGraph(Integer m, Integer efConstruct) {
    return new ScaleOptions(runs, quantization, searchQueries, recommendRequests, warmupSeconds, seconds, searchEfforts,
        graph.with(m, efConstruct), luceneReference);
  }

  public ScaleOptions withLuceneReference(boolean lucene) {
    return new ScaleOptions(runs, quantization, searchQueries, recommendRequests, warmupSeconds, seconds, searchEfforts,
        graph, lucene);
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
