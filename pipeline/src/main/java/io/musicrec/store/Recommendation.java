package io.musicrec.store;

import java.util.List;
import java.util.Objects;

/**
 * "More like these, less like those". Scoring follows Qdrant exactly, on L2-normalised vectors
 * (so every similarity is a cosine):
 *
 * <ul>
 *   <li>{@code average_vector}: search with {@code avg(pos) + (avg(pos) - avg(neg))}, or just
 *       {@code avg(pos)} with no negatives; the score is the cosine to that query.
 *   <li>{@code best_score}: per candidate, {@code sigmoid(maxPos)} if {@code maxPos > maxNeg}, else
 *       {@code -sigmoid(maxNeg)}, where {@code sigmoid(x) = 0.5 * (x / (1 + |x|) + 1)}; with no
 *       negatives {@code maxNeg = -inf}, so the score is {@code sigmoid(maxPos)}.
 *   <li>{@code sum_scores}: {@code sum(sim(pos)) - sum(sim(neg))}.
 * </ul>
 *
 * The example tracks never appear in the results. Unknown example track ids are an error.
 */
public record Recommendation(
    List<String> positive, List<String> negative, RecommendStrategy strategy, Filter filter, int limit) {
  public Recommendation {
    positive = List.copyOf(positive);
    negative = negative == null ? List.of() : List.copyOf(negative);
    strategy = Objects.requireNonNullElse(strategy, RecommendStrategy.AVERAGE_VECTOR);
    filter = Objects.requireNonNullElse(filter, Filter.NONE);
    if (limit <= 0) throw new IllegalArgumentException("limit must be > 0");
    if (positive.isEmpty() && (strategy == RecommendStrategy.AVERAGE_VECTOR || negative.isEmpty())) {
      throw new IllegalArgumentException(
          strategy == RecommendStrategy.AVERAGE_VECTOR
              ? "average_vector needs at least one positive track"
              : "recommend needs at least one positive or negative track");
    }
  }

  public static Recommendation like(List<String> positive, int limit) {
    return new Recommendation(positive, List.of(), RecommendStrategy.AVERAGE_VECTOR, Filter.NONE, limit);
  }

  /** Qdrant's {@code scaled_fast_sigmoid}. */
  public static float sigmoid(float x) {
    return 0.5f * (x / (1.0f + Math.abs(x)) + 1.0f);
  }
}
