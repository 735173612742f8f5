package io.musicrec.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Qdrant's filter clauses over keyword payload fields: every {@code must} condition holds, at
 * least one {@code should} condition holds (when there are any), and no {@code mustNot} condition
 * holds. A point without the field fails match conditions, so it passes {@code mustNot}.
 */
public record Filter(List<Condition> must, List<Condition> should, List<Condition> mustNot) {
  public static final Filter NONE = new Filter(List.of(), List.of(), List.of());

  public Filter {
    must = must == null ? List.of() : List.copyOf(must);
    should = should == null ? List.of() : List.copyOf(should);
    mustNot = mustNot == null ? List.of() : List.copyOf(mustNot);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A filter of must conditions only. */
  public static Filter must(Condition... conditions) {
    return new Filter(List.of(conditions), List.of(), List.of());
  }

  public boolean isEmpty() {
    return must.isEmpty() && should.isEmpty() && mustNot.isEmpty();
  }

  /** Evaluates the filter against a payload (the reference semantics both stores implement). */
  public boolean test(Map<String, Object> payload) {
    for (Condition c : must) if (!c.test(payload.get(c.key()))) return false;
    for (Condition c : mustNot) if (c.test(payload.get(c.key()))) return false;
    if (should.isEmpty()) return true;
    for (Condition c : should) if (c.test(payload.get(c.key()))) return true;
    return false;
  }

  /** Collects conditions fluently. */
  public static final class Builder {
    private final List<Condition> must = new ArrayList<>();
    private final List<Condition> should = new ArrayList<>();
    private final List<Condition> mustNot = new ArrayList<>();

    public Builder must(Condition c) {
      must.add(c);
      return this;
    }

    public Builder should(Condition c) {
      should.add(c);
      return this;
    }

    public Builder mustNot(Condition c) {
      mustNot.add(c);
      return this;
    }

    public Filter build() {
      return new Filter(must, should, mustNot);
    }
  }
}
