package io.musicrec.jobs.bench;

import io.musicrec.store.Condition;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Recommendation;
import io.musicrec.store.VectorStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The query benchmark: mixed real-use workloads under closed-loop clients at several concurrency
 * levels, recall@10 against exact search over the stored vectors, and recommendation quality
 * measured with the labels (genre / artist precision@10 of similar-track results, beside the
 * precision a random ranking would get).
 */
public final class QueryBenchmark {
  public static final int K = 10;

  /**
   * @param concurrency closed-loop client counts to run each workload at
   * @param recallQueries stored tracks used as queries for recall and quality
   */
  public record Options(List<Integer> concurrency, double warmupSeconds, double seconds, int recallQueries, long seed) {
    public static Options defaults() {
      return new Options(List.of(1, 2, 4, 8), 0.5, 2.0, 200, 7);
    }
  }

  /** Headline figures are those of the "similar" workload: p50/p99 with one client, best QPS. */
  public record QueryResult(
      String store, int indexSize, double recallAt10, double p50Ms, double p99Ms, double qps,
      Map<String, List<Latencies>> workloads, List<EffortPoint> effortSweep) {}

  public record EffortPoint(int searchEffort, double recallAt10, double p50Ms) {}

  public record QualityResult(double genrePrecisionAt10, double artistPrecisionAt10,
      double genreRandomBaseline, double artistRandomBaseline, int queries) {}

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
      throw new IllegalStateException("the index holds " + snapshot.size() + " points; the query benchmark needs at least " + (K + 5));
    }
  }

  public QueryResult run(String storeName, List<EffortPoint> effortSweep) throws Exception {
    Map<String, ClosedLoop.Query> workloads = workloads();
    Map<String, List<Latencies>> results = new LinkedHashMap<>();
    for (var workload : workloads.entrySet()) {
      List<Latencies> levels = new ArrayList<>();
      for (int clients : options.concurrency()) {
        levels.add(ClosedLoop.run(workload.getValue(), clients, options.warmupSeconds(), options.seconds(), options.seed()));
      }
      results.put(workload.getKey(), levels);
    }
    List<Latencies> similar = results.get("similar");
    double qps = similar.stream().mapToDouble(Latencies::qps).max().orElse(0);
    return new QueryResult(storeName, snapshot.size(), recallAt10(store), similar.get(0).p50Ms(), similar.get(0).p99Ms(),
        qps, results, effortSweep);
  }

  /** recall@10 of {@code searcher} against brute force, and the median latency of its searches. */
  public EffortPoint measureEffort(int effort, VectorStore searcher) {
    long[] nanos = new long[queryIndexes().size()];
    int i = 0;
    double recall = 0;
    for (int q : queryIndexes()) {
      long start = System.nanoTime();
      List<Hit> hits = searcher.search(collection, snapshot.vectors[q], K, Filter.NONE);
      nanos[i++] = System.nanoTime() - start;
      recall += overlap(hits, snapshot.exactTopK(snapshot.vectors[q], K));
    }
    java.util.Arrays.sort(nanos);
    return new EffortPoint(effort, Latencies.round(recall / i), Latencies.round(Latencies.percentile(nanos, 0.5) / 1e6));
  }

  double recallAt10(VectorStore searcher) {
    return measureEffort(0, searcher).recallAt10();
  }

  public QualityResult quality() {
    double genre = 0;
    double artist = 0;
    int n = 0;
    for (int q : queryIndexes()) {
      String id = snapshot.ids.get(q);
      List<Hit> hits = store.searchByTrack(collection, id, K, Filter.NONE);
      genre += precision(hits, "genre", snapshot.string(q, "genre"));
      artist += precision(hits, "artist", snapshot.string(q, "artist"));
      n++;
    }
    return new QualityResult(Latencies.round(genre / n), Latencies.round(artist / n),
        Latencies.round(randomBaseline("genre")), Latencies.round(randomBaseline("artist")), n);
  }

  private Map<String, ClosedLoop.Query> workloads() {
    Map<String, ClosedLoop.Query> w = new LinkedHashMap<>();
    w.put("similar", r -> store.searchByTrack(collection, randomId(r), K, Filter.NONE));
    for (RecommendStrategy strategy : RecommendStrategy.values()) {
      w.put("recommend_" + strategy.wireName(), r -> store.recommend(collection, recommendation(r, strategy, false)));
    }
    w.put("recommend_filtered", r -> store.recommend(collection, recommendation(r, RecommendStrategy.AVERAGE_VECTOR, true)));
    w.put("search_vector", r -> store.search(collection, jittered(r), K, Filter.NONE));
    return w;
  }

  /** 2-5 liked tracks of one genre and 0-2 disliked tracks of others, like a listener's session. */
  private Recommendation recommendation(SplittableRandom r, RecommendStrategy strategy, boolean filtered) {
    int seed = r.nextInt(snapshot.size());
    String genre = snapshot.string(seed, "genre");
    List<Integer> sameGenre = indexesWhere(i -> Objects.equals(snapshot.string(i, "genre"), genre));
    List<Integer> otherGenre = indexesWhere(i -> !Objects.equals(snapshot.string(i, "genre"), genre));
    List<String> liked = pick(r, sameGenre, Math.min(sameGenre.size(), 2 + r.nextInt(4)));
    List<String> disliked = pick(r, otherGenre, Math.min(otherGenre.size(), r.nextInt(3)));
    Filter filter = Filter.NONE;
    if (filtered) {
      Set<String> subgenres = new HashSet<>(snapshot.strings(seed, "subgenres"));
      Filter.Builder b = Filter.builder().must(Condition.matchValue("genre", genre));
      if (!subgenres.isEmpty()) b.must(Condition.matchAny("subgenres", List.copyOf(subgenres)));
      filter = b.build();
    }
    return new Recommendation(liked, disliked, strategy, filter, K);
  }

  private float[] jittered(SplittableRandom r) {
    float[] v = snapshot.vectors[r.nextInt(snapshot.size())].clone();
    for (int i = 0; i < v.length; i++) v[i] += (float) ((r.nextDouble() - 0.5) * 0.02);
    return v;
  }

  private String randomId(SplittableRandom r) {
    return snapshot.ids.get(r.nextInt(snapshot.size()));
  }

  private List<Integer> indexesWhere(java.util.function.IntPredicate p) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < snapshot.size(); i++) if (p.test(i)) out.add(i);
    return out;
  }

  private List<String> pick(SplittableRandom r, List<Integer> from, int n) {
    List<Integer> pool = new ArrayList<>(from);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n && !pool.isEmpty(); i++) out.add(snapshot.ids.get(pool.remove(r.nextInt(pool.size()))));
    return out;
  }

  private List<Integer> queryIndexes() {
    SplittableRandom r = new SplittableRandom(options.seed());
    int n = Math.min(options.recallQueries(), snapshot.size());
    return r.ints(0, snapshot.size()).distinct().limit(n).boxed().toList();
  }

  private static double overlap(List<Hit> hits, List<String> exact) {
    Set<String> truth = new HashSet<>(exact);
    return hits.stream().filter(h -> truth.contains(h.trackId())).count() / (double) exact.size();
  }

  private static double precision(List<Hit> hits, String key, String value) {
    if (hits.isEmpty() || value == null) return 0;
    return hits.stream().filter(h -> value.equals(String.valueOf(h.payload().get(key)))).count() / (double) hits.size();
  }

  /** Expected precision of a random ranking: P(another random track shares the value). */
  private double randomBaseline(String key) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < snapshot.size(); i++) counts.merge(String.valueOf(snapshot.string(i, key)), 1L, Long::sum);
    double n = snapshot.size();
    return counts.values().stream().mapToDouble(c -> c * (c - 1.0)).sum() / (n * (n - 1));
  }
}
