package io.musicrec.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Qdrant's recommendation strategies (see {@link Recommendation} for the scoring rules). */
public enum RecommendStrategy {
  AVERAGE_VECTOR,
  BEST_SCORE,
  SUM_SCORES;

  /** The name used in configs and on the command line, e.g. {@code best_score}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RecommendStrategy parse(String text) {
    for (RecommendStrategy s : values()) {
      if (s.wireName().equalsIgnoreCase(text == null ? "" : text.trim().replace('-', '_'))) return s;
    }
    throw new IllegalArgumentException(
        "unknown recommend strategy '" + text + "'; allowed: "
            + Arrays.stream(values()).map(RecommendStrategy::wireName).collect(Collectors.joining(", ")));
  }
}
