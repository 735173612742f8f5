package io.musicrec.testing.realmusic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Retrieval quality of a set of embeddings by cosine, every item querying all the others (itself
 * excluded), measured against a label: precision@k beside what a random ranking gets, and the rank
 * of the first item sharing the label (reciprocal rank, hit@1).
 */
public final class Ranking<T> {
  private final List<T> items;
  private final List<float[]> vectors;

  public Ranking(List<T> items, List<float[]> vectors) {
    if (items.size() != vectors.size()) throw new IllegalArgumentException(items.size() + " items, " + vectors.size() + " vectors");
    this.items = List.copyOf(items);
    this.vectors = List.copyOf(vectors);
  }

  /** The other items, nearest first. */
  public List<Integer> neighbours(int query) {
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) if (i != query) others.add(i);
    others.sort(Comparator.comparingDouble((Integer i) -> -cosine(vectors.get(query), vectors.get(i))).thenComparing(i -> i));
    return others;
  }

  /** Mean share of the k nearest items with the query's label, over queries that have a label. */
  public double precisionAt(int k, Function<T, String> label) {
    double sum = 0;
    int queries = 0;
    for (int q = 0; q < items.size(); q++) {
      String value = label.apply(items.get(q));
      if (value == null) continue;
      List<Integer> top = neighbours(q).subList(0, Math.min(k, items.size() - 1));
      sum += top.stream().filter(i -> value.equals(label.apply(items.get(i)))).count() / (double) top.size();
      queries++;
    }
    return sum / queries;
  }

  /** What a random ranking gets: the chance that another item shares the query's label. */
  public double randomPrecision(Function<T, String> label) {
    double sum = 0;
    int queries = 0;
    for (int q = 0; q < items.size(); q++) {
      String value = label.apply(items.get(q));
      if (value == null) continue;
      long same = 0;
      for (int i = 0; i < items.size(); i++) if (i != q && value.equals(label.apply(items.get(i)))) same++;
      sum += same / (double) (items.size() - 1);
      queries++;
    }
    return sum / queries;
  }

  /** Per query: the 1-based rank of the first other item with the same label (queries whose label no other item has are left out). */
  public Map<Integer, Integer> firstSameRank(Function<T, String> label) {
    Map<Integer, Integer> ranks = new TreeMap<>();
    for (int q = 0; q < items.size(); q++) {
      String value = label.apply(items.get(q));
      List<Integer> order = neighbours(q);
      for (int r = 0; r < order.size(); r++) {
        if (Objects.equals(value, label.apply(items.get(order.get(r))))) {
          ranks.put(q, r + 1);
          break;
        }
      }
    }
    return ranks;
  }

  public double meanReciprocalRank(Function<T, String> label) {
    return firstSameRank(label).values().stream().mapToDouble(r -> 1.0 / r).average().orElse(0);
  }

  public double hitAt1(Function<T, String> label) {
    return firstSameRank(label).values().stream().mapToDouble(r -> r == 1 ? 1 : 0).average().orElse(0);
  }

  public List<T> items() {
    return items;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
