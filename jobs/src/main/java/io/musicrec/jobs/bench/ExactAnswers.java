package io.musicrec.jobs.bench;

import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The exact top 10 of each query, by a scan of every point (regenerated, not read from either
 * index, so neither side grades itself): plain search, genre-filtered search, and each recommend
 * strategy with Qdrant's formulas ({@link Vectors#recommendScore}, {@link
 * Vectors#averageVectorQuery}), example tracks excluded.
 */
public record ExactAnswers(
    List<List<Long>> search, List<List<Long>> filtered, Map<RecommendStrategy, List<List<Long>>> recommend) {
  static final int K = 10;

  private record Scored(long index, float score) {}

  private static final Comparator<Scored> WORST_FIRST =
      Comparator.comparingDouble(Scored::score).thenComparing(Scored::index, Comparator.reverseOrder());

  /** Per-query top-k heaps of one slice of the points. */
  private static final class Tops {
    final List<PriorityQueue<Scored>> heaps = new ArrayList<>();

    Tops(int queries) {
      for (int q = 0; q < queries; q++) heaps.add(new PriorityQueue<>(WORST_FIRST));
    }

    void offer(int q, long index, float score) {
      PriorityQueue<Scored> h = heaps.get(q);
      if (h.size() < K) {
        h.add(new Scored(index, score));
      } else if (WORST_FIRST.compare(new Scored(index, score), h.peek()) > 0) {
        h.poll();
        h.add(new Scored(index, score));
      }
    }

    void merge(Tops other) {
      for (int q = 0; q < heaps.size(); q++) for (Scored s : other.heaps.get(q)) offer(q, s.index(), s.score());
    }

    List<List<Long>> ranked() {
      List<List<Long>> out = new ArrayList<>();
      for (PriorityQueue<Scored> h : heaps) {
        List<Scored> all = new ArrayList<>(h);
        all.sort(WORST_FIRST.reversed());
        out.add(all.stream().map(Scored::index).toList());
      }
      return out;
    }
  }

  public static ExactAnswers compute(ScaleVectors vectors, long points, ScaleQueries queries, int threads)
      throws Exception {
    int searches = queries.vectors().size();
    List<ScaleQueries.Request> requests = queries.recommends();
    List<List<float[]>> positives = new ArrayList<>();
    List<List<float[]>> negatives = new ArrayList<>();
    List<float[]> averageQueries = new ArrayList<>();
    List<Set<Long>> examples = new ArrayList<>();
    for (ScaleQueries.Request r : requests) {
      List<float[]> pos = r.positive().stream().map(vectors::unitVector).toList();
      List<float[]> neg = r.negative().stream().map(vectors::unitVector).toList();
      positives.add(pos);
      negatives.add(neg);
      averageQueries.add(ScaleVectors.unit(Vectors.averageVectorQuery(pos, neg)));
      examples.add(new HashSet<>(r.examples()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Tops[]>> slices = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long from = points * t / threads;
        long to = points * (t + 1) / threads;
        slices.add(pool.submit(() -> {
          Tops search = new Tops(searches);
          Tops filtered = new Tops(searches);
          Tops best = new Tops(requests.size());
          Tops sum = new Tops(requests.size());
          Tops average = new Tops(requests.size());
          for (long i = from; i < to; i++) {
            float[] u = vectors.unitVector(i);
            String genre = ScaleVectors.genre(i);
            for (int q = 0; q < searches; q++) {
              float s = Vectors.dot(u, queries.vectors().get(q));
              search.offer(q, i, s);
              if (genre.equals(queries.genres().get(q))) filtered.offer(q, i, s);
            }
            for (int q = 0; q < requests.size(); q++) {
              if (examples.get(q).contains(i)) continue;
              best.offer(q, i, Vectors.recommendScore(RecommendStrategy.BEST_SCORE, u, positives.get(q), negatives.get(q)));
              sum.offer(q, i, Vectors.recommendScore(RecommendStrategy.SUM_SCORES, u, positives.get(q), negatives.get(q)));
              average.offer(q, i, Vectors.dot(u, averageQueries.get(q)));
            }
          }
          return new Tops[] {search, filtered, best, sum, average};
        }));
      }
      Tops[] all = slices.get(0).get();
      for (int t = 1; t < threads; t++) {
        Tops[] more = slices.get(t).get();
        for (int k = 0; k < all.length; k++) all[k].merge(more[k]);
      }
      Map<RecommendStrategy, List<List<Long>>> recommend = new EnumMap<>(RecommendStrategy.class);
      recommend.put(RecommendStrategy.BEST_SCORE, all[2].ranked());
      recommend.put(RecommendStrategy.SUM_SCORES, all[3].ranked());
      recommend.put(RecommendStrategy.AVERAGE_VECTOR, all[4].ranked());
      return new ExactAnswers(all[0].ranked(), all[1].ranked(), recommend);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Mean share of the exact top 10 found in each answer. */
  static double recall(List<List<Long>> exact, List<List<Long>> found) {
    double sum = 0;
    for (int q = 0; q < exact.size(); q++) {
      Set<Long> truth = new HashSet<>(exact.get(q));
      long hit = found.get(q).stream().filter(truth::contains).count();
      sum += truth.isEmpty() ? 1 : (double) hit / truth.size();
    }
    return exact.isEmpty() ? 1 : sum / exact.size();
  }
}
