package io.musicrec.store;

/**
 * How many candidates a nearest-neighbour query explores in the HNSW graph (Qdrant's {@code
 * hnsw_ef}, the {@code k} of Lucene's graph search): the trade between recall and latency.
 *
 * <p>A fixed effort loses recall as an index grows: at 100 candidates recall@10 is 0.998-1.000 at
 * 100k points but 0.86-0.93 at 1M, where 400 candidates give 0.983-0.985 (measured by {@code bench
 * --stages scale} at 160-d, see the README; at 2048-d and 1M they give 0.951 and 800 only 0.962:
 * there the graph is the limit, not the effort, and {@code layout.hnsw_m: 32} gives 0.992 at 400).
 * The automatic effort therefore grows with the index, as the
 * square root of its size, in steps of doubling: 100 up to 100k points, 200 up to 400k, 400 up to
 * 1.6M, 800 up to 6.4M, and so on.
 */
public final class SearchEffort {
  /** The config value ({@code search.hnsw_ef: 0}) that asks for {@link #forPoints}. */
  public static final int AUTOMATIC = 0;
  /** The effort up to {@link #BASE_POINTS} points (Qdrant's default ef_construct, and ours). */
  public static final int BASE = 100;
  public static final long BASE_POINTS = 100_000;
  /**
   * The most candidates a query may explore, automatic or configured: Qdrant sets no limit, but
   * 10,000 already visits a fair share of a million-point graph, where a scan would be as cheap.
   */
  public static final int MAX = 10_000;

  private SearchEffort() {}

  /** The configured effort, or the automatic one for an index of {@code points} points. */
  public static int resolve(int configured, long points) {
    if (configured < 0) throw new IllegalArgumentException("search effort must be >= 0 (0 = automatic), got " + configured);
    return configured == AUTOMATIC ? forPoints(points) : configured;
  }

  /** 100 candidates up to 100k points, doubling each time the index grows fourfold. */
  public static int forPoints(long points) {
    int effort = BASE;
    for (long covered = BASE_POINTS; covered < points && effort < MAX; covered *= 4) effort *= 2;
    return Math.min(effort, MAX);
  }
}
