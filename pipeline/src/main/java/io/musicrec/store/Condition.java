package io.musicrec.store;

import java.util.List;

/**
 * A keyword condition on a payload field. A list-valued field (subgenres) satisfies a condition
 * when any of its elements does, as in Qdrant.
 */
public sealed interface Condition {
  String key();

  /** The field equals {@code value} (or, for a list field, contains it). */
  record MatchValue(String key, String value) implements Condition {
    public MatchValue {
      requireKey(key);
      if (value == null) throw new IllegalArgumentException("match value for '" + key + "' is null");
    }
  }

  /** The field equals one of {@code values} (or, for a list field, shares an element with them). */
  record MatchAny(String key, List<String> values) implements Condition {
    public MatchAny {
      requireKey(key);
      values = List.copyOf(values);
      if (values.isEmpty()) throw new IllegalArgumentException("match-any for '" + key + "' has no values");
    }
  }

  static Condition matchValue(String key, String value) {
    return new MatchValue(key, value);
  }

  static Condition matchAny(String key, List<String> values) {
    return new MatchAny(key, values);
  }

  static Condition matchAny(String key, String... values) {
    return new MatchAny(key, List.of(values));
  }

  /** Whether a stored payload value satisfies this condition (the shared definition). */
  default boolean test(Object payloadValue) {
    if (payloadValue instanceof List<?> list) {
      for (Object element : list) if (testOne(element)) return true;
      return false;
    }
    return testOne(payloadValue);
  }

  private boolean testOne(Object value) {
    if (!(value instanceof String s)) return false;
    if (this instanceof MatchValue mv) return mv.value().equals(s);
    return ((MatchAny) this).values().contains(s);
  }

  private static void requireKey(String key) {
    if (key == null || key.isBlank()) throw new IllegalArgumentException("condition key is blank");
  }
}
