package io.musicrec.store;

import java.util.Map;

/**
 * One query result.
 *
 * @param score cosine similarity for searches and {@code average_vector}; the strategy's own score
 *     for {@code best_score} (in (-1, 1)) and {@code sum_scores}
 */
public record Hit(String trackId, float score, Map<String, Object> payload) {
  public Hit {
    payload = payload == null ? Map.of() : payload;
  }
}
