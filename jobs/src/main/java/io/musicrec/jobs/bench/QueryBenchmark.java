package io.musicrec.jobs.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.musicrec.store.Condition;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Recommendation;
import io.musicrec.store.VectorStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The query benchmark: real-use workloads under closed-loop clients at several concurrency
 * levels, recall@10 of "similar tracks" against exact search over the stored vectors, and
 * recommendation quality measured with the labels (genre / artist precision@10 of similar-track
 * results, beside the precision a random ranking would get).
 *
 * <p>Workloads: {@code similar} (search by track id), {@code recommend_<strategy>} for each
 * strategy (2-5 liked tracks of one genre, 0-2 disliked of others), {@code recommend_filtered}
 * (average_vector restricted to the seed's genre and subgenres) and {@code search_vector} (a
 * stored vector plus noise, as an audio query would send).
 */
public final class QueryBenchmark {
  public static final int K = 10;
  /** The workload whose figures are the headline ones. */
  public static final String HEADLINE = "similar";

  /**
   * @param concurrency closed-loop client counts to run each workload at
   * @param recallQueries stored tracks used as queries for recall and quality
   */
  public record Options(List<Integer> concurrency, double warmupSeconds, double seconds, int recallQueries, long seed) {
    public Options {
      concurrency = List.copyOf(concurrency);
      if (concurrency.isEmpty() || concurrency.stream().anyMatch(c -> c < 1)) {
        throw new IllegalArgumentException("concurrency levels must be >= 1");
      }
      if (recallQueries < 1) throw new IllegalArgumentException("recallQueries must be >= 1");
    }

    public static Options defaults() {
      return new Options(List.of(1, 2, 4, 8), 0.5, 2.0, 200, 7);
    }
  }

  /** recall@10 and median latency of "similar" queries at one search effort (embedded store's ef). */
  public record EffortPoint(
      int searchEffort, @JsonProperty("recall_at_10") double recallAt10, double p50Ms) {}

  /**
   * @param genreRandomBaseline precision@10 a random ranking would get: the chance that another
   *     random track shares the query's genre
   */
  public record QualityResult(
      @JsonProperty("genre_precision_at_10") double genrePrecisionAt10,
      @JsonProperty("artist_precision_at_10") double artistPrecisionAt10,
      @JsonProperty("album_precision_at_10") double albumPrecisionAt10,
      double genreRandomBaseline,
      double artistRandomBaseline,
      double albumRandomBaseline,
      int queries) {}

  private final VectorStore store;
  private final String collection;
  private final IndexSnapshot snapshot;
  private final Options options;

  public QueryBenchmark(VectorStore store, String collection, Options options) {
    this.store = store;
    this.collection = collection;
    this.options = options;
    this.snapshot = IndexSnapshot.load(store, collection);
    if (snapshot.size() < K + 5) {
      throw new IllegalStateException("collection " + collection + " holds " + snapshot.size()
          + " points; the query benchmark needs at least " + (K + 5));
    }
  }

  public int indexSize() {
    return snapshot.size();
  }

  /** Every workload at every concurrency level, in order; {@code progress} sees each result as it comes. */
  public Map<String, List<Latencies>> runWorkloads(Consumer<String> progress) throws Exception {
    Map<String, ClosedLoop.Workload> workloads = workloads();
    for (var w : workloads.entrySet()) {
      int slices = warmUp(w.getValue());
      progress.accept(String.format(java.util.Locale.ROOT, "%-26s warm after %d slice(s) of %.1f s", w.getKey(), slices, warmUpSlice()));
    }
    Map<String, List<Latencies>> results = new LinkedHashMap<>();
    for (var workload : workloads.entrySet()) {
      List<Latencies> levels = new ArrayList<>();
      for (int clients : options.concurrency()) {
        Latencies l = ClosedLoop.run(workload.getValue(), clients, options.warmupSeconds(), options.seconds(), options.seed());
        levels.add(l);
        progress.accept(String.format(java.util.Locale.ROOT, "%-26s clients %2d: %8.1f q/s  p50 %7.2f ms  p99 %7.2f ms",
            workload.getKey(), clients, l.qps(), l.p50Ms(), l.p99Ms()));
      }
      results.put(workload.getKey(), levels);
    }
    return results;
  }

  /**
   * Runs a workload with one client in short unmeasured slices until its median latency settles
   * (two slices within 20 % of each other), at most {@value #MAX_WARM_UP_SLICES} slices. Until the
   * JIT has compiled the search path, latencies are several times the steady ones, and on a busy
   * machine that takes seconds; one fixed warm-up left the first workload measured cold.
   */
  private int warmUp(ClosedLoop.Workload workload) throws Exception {
    double previous = Double.NaN;
    for (int slice = 1; slice <= MAX_WARM_UP_SLICES; slice++) {
      double p50 = ClosedLoop.run(workload, 1, 0, warmUpSlice(), options.seed() + 1000L * slice).p50Ms();
      if (Math.abs(p50 - previous) <= 0.2 * previous) return slice;
      previous = p50;
    }
    return MAX_WARM_UP_SLICES;
  }

  private static final int MAX_WARM_UP_SLICES = 12;

  private double warmUpSlice() {
    return Math.max(0.1, options.warmupSeconds());
  }

  /**
   * recall@10 of {@code searcher}'s "similar tracks" against the exact neighbours (the query
   * track excluded on both sides), and the median latency of those searches.
   */
  public EffortPoint measureEffort(int effort, VectorStore searcher) {
    List<Integer> queries = queryIndexes();
    long[] nanos = new long[queries.size()];
    double recall = 0;
    for (int i = 0; i < queries.size(); i++) {
      int q = queries.get(i);
      long start = System.nanoTime();
      List<Hit> hits = searcher.searchByTrack(collection, snapshot.ids.get(q), K, Filter.NONE);
      nanos[i] = System.nanoTime() - start;
      recall += overlap(hits, snapshot.exactNeighbours(q, K));
    }
    Arrays.sort(nanos);
    return new EffortPoint(effort, Latencies.round(recall / queries.size()),
        Latencies.round(Latencies.percentile(nanos, 0.5) / 1e6));
  }

  /** recall@10 of the store this benchmark was opened on, at its configured effort. */
  public double recallAt10() {
    return measureEffort(0, store).recallAt10();
  }

  public QualityResult quality() {
    double genre = 0;
    double artist = 0;
    double album = 0;
    List<Integer> queries = queryIndexes();
    for (int q : queries) {
      List<Hit> hits = store.searchByTrack(collection, snapshot.ids.get(q), K, Filter.NONE);
      genre += precision(hits, "genre", snapshot.string(q, "genre"));
      artist += precision(hits, "artist", snapshot.string(q, "artist"));
      album += precision(hits, "album", snapshot.string(q, "album"));
    }
    int n = queries.size();
    return new QualityResult(Latencies.round(genre / n), Latencies.round(artist / n), Latencies.round(album / n),
        Latencies.round(randomBaseline("genre")), Latencies.round(randomBaseline("artist")),
        Latencies.round(randomBaseline("album")), n);
  }

  private Map<String, ClosedLoop.Workload> workloads() {
    Map<String, ClosedLoop.Workload> w = new LinkedHashMap<>();
    w.put(HEADLINE, r -> {
      String id = snapshot.ids.get(r.nextInt(snapshot.size()));
      return () -> store.searchByTrack(collection, id, K, Filter.NONE);
    });
    for (RecommendStrategy strategy : RecommendStrategy.values()) {
      w.put("recommend_" + strategy.wireName(), r -> {
        Recommendation request = recommendation(r, strategy, false);
        return () -> store.recommend(collection, request);
      });
    }
    w.put("recommend_filtered", r -> {
      Recommendation request = recommendation(r, RecommendStrategy.AVERAGE_VECTOR, true);
      return () -> store.recommend(collection, request);
    });
    w.put("search_vector", r -> {
      float[] vector = jittered(r);
      return () -> store.search(collection, vector, K, Filter.NONE);
    });
    return w;
  }

  /** 2-5 liked tracks of one genre and 0-2 disliked tracks of others, like a listener's session. */
  private Recommendation recommendation(SplittableRandom r, RecommendStrategy strategy, boolean filtered) {
    int seed = r.nextInt(snapshot.size());
    String genre = String.valueOf(snapshot.string(seed, "genre"));
    int[] sameGenre = snapshot.byGenre.get(genre);
    Set<Integer> liked = new HashSet<>();
    liked.add(seed);
    int wanted = Math.min(sameGenre.length, 2 + r.nextInt(4));
    while (liked.size() < wanted) liked.add(sameGenre[r.nextInt(sameGenre.length)]);
    int otherTracks = snapshot.size() - sameGenre.length;
    Set<Integer> disliked = new HashSet<>();
    int unwanted = Math.min(otherTracks, r.nextInt(3));
    while (disliked.size() < unwanted) {
      int i = r.nextInt(snapshot.size());
      if (!genre.equals(String.valueOf(snapshot.string(i, "genre")))) disliked.add(i);
    }
    Filter filter = Filter.NONE;
    if (filtered) {
      Filter.Builder b = Filter.builder().must(Condition.matchValue("genre", genre));
      List<String> subgenres = snapshot.strings(seed, "subgenres");
      if (!subgenres.isEmpty()) b.must(Condition.matchAny("subgenres", subgenres));
      filter = b.build();
    }
    return new Recommendation(ids(liked), ids(disliked), strategy, filter, K);
  }

  private List<String> ids(Set<Integer> indexes) {
    return indexes.stream().map(snapshot.ids::get).toList();
  }

  private float[] jittered(SplittableRandom r) {
    float[] v = snapshot.vectors[r.nextInt(snapshot.size())].clone();
    for (int i = 0; i < v.length; i++) v[i] += (float) ((r.nextDouble() - 0.5) * 0.02);
    return v;
  }

  /** The same query tracks for recall, every effort and quality: a seeded sample without repeats. */
  private List<Integer> queryIndexes() {
    SplittableRandom r = new SplittableRandom(options.seed());
    int n = Math.min(options.recallQueries(), snapshot.size());
    return r.ints(0, snapshot.size()).distinct().limit(n).boxed().toList();
  }

  private static double overlap(List<Hit> hits, List<String> exact) {
    Set<String> truth = new HashSet<>(exact);
    return hits.stream().filter(h -> truth.contains(h.trackId())).count() / (double) exact.size();
  }

  /** Share of the K results whose field equals the query's (missing results count as misses). */
  private static double precision(List<Hit> hits, String key, String value) {
    if (value == null) return 0;
    return hits.stream().filter(h -> value.equals(String.valueOf(h.payload().get(key)))).count() / (double) K;
  }

  /** Expected precision of a random ranking: P(another random track shares the value). */
  private double randomBaseline(String key) {
    Map<String, Long> counts = new LinkedHashMap<>();
    // Tracks without the field score 0 as queries (see precision), so they form no group here.
    for (int i = 0; i < snapshot.size(); i++) {
      if (snapshot.string(i, key) != null) counts.merge(snapshot.string(i, key), 1L, Long::sum);
    }
    double n = snapshot.size();
    return counts.values().stream().mapToDouble(c -> c * (c - 1.0)).sum() / (n * (n - 1));
  }
}
