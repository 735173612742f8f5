package io.musicrec.jobs.bench;

import io.musicrec.store.Filter;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Recommendation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The queries a scale run asks both sides: search vectors (points drawn from the same clusters but
 * not in the index), a genre per filtered search, and recommend requests (two liked tracks, one
 * disliked, picked at random from the index).
 */
public record ScaleQueries(List<float[]> vectors, List<String> genres, List<Request> recommends) {
  /** Query points are drawn far beyond any index size, so they are never indexed points. */
  private static final long QUERY_BASE = 1L << 40;

  public record Request(List<Long> positive, List<Long> negative) {
    List<Long> examples() {
      List<Long> all = new ArrayList<>(positive);
      all.addAll(negative);
      return all;
    }

    /** This request as a store asks it: the top 10 by {@code strategy}, unfiltered. */
    Recommendation recommendation(RecommendStrategy strategy) {
      return new Recommendation(positive.stream().map(ScaleVectors::trackId).toList(),
          negative.stream().map(ScaleVectors::trackId).toList(), strategy, Filter.NONE, ExactAnswers.K);
    }
  }

  public static ScaleQueries make(ScaleVectors vectors, long points, int searches, int recommends, long seed) {
    List<float[]> vs = new ArrayList<>();
    List<String> genres = new ArrayList<>();
    for (int j = 0; j < searches; j++) {
      vs.add(vectors.unitVector(QUERY_BASE + j));
      genres.add("g" + (j % ScaleVectors.GENRES));
    }
    SplittableRandom r = new SplittableRandom(seed);
    List<Request> requests = new ArrayList<>();
    for (int j = 0; j < recommends; j++) {
      long a = r.nextLong(points);
      long b = r.nextLong(points);
      long c = r.nextLong(points);
      if (a == b || a == c || b == c) {
        j--;
        continue;
      }
      requests.add(new Request(List.of(a, b), List.of(c)));
    }
    return new ScaleQueries(vs, genres, requests);
  }
}
