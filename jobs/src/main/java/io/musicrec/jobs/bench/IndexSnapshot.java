package io.musicrec.jobs.bench;

import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Every point of a collection held in memory: the ground truth for recall (exact search by brute
 * force) and for label-based quality, and the pool workloads draw their queries from. Vectors are
 * L2-normalised, so a dot product is a cosine.
 */
final class IndexSnapshot {
  final List<String> ids;
  final float[][] vectors;
  final List<Map<String, Object>> payloads;
  /** Point indexes by genre, so workloads pick same-genre examples without scanning. */
  final Map<String, int[]> byGenre;

  private IndexSnapshot(List<String> ids, float[][] vectors, List<Map<String, Object>> payloads) {
    this.ids = ids;
    this.vectors = vectors;
    this.payloads = payloads;
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) groups.computeIfAbsent(String.valueOf(string(i, "genre")), g -> new ArrayList<>()).add(i);
    Map<String, int[]> index = new LinkedHashMap<>();
    groups.forEach((g, list) -> index.put(g, list.stream().mapToInt(Integer::intValue).toArray()));
    this.byGenre = index;
  }

  static IndexSnapshot load(VectorStore store, String collection) {
    List<String> ids = new ArrayList<>(store.listPayloads(collection, List.of("genre")).keySet());
    ids.sort(Comparator.naturalOrder());
    List<String> kept = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    List<Map<String, Object>> payloads = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += 256) {
      for (Point p : store.retrieve(collection, ids.subList(from, Math.min(ids.size(), from + 256)))) {
        kept.add(p.trackId());
        vectors.add(normalised(p.vector()));
        payloads.add(p.payload());
      }
    }
    return new IndexSnapshot(kept, vectors.toArray(new float[0][]), payloads);
  }

  int size() {
    return ids.size();
  }

  String string(int i, String key) {
    Object v = payloads.get(i).get(key);
    return v == null ? null : v.toString();
  }

  List<String> strings(int i, String key) {
    Object v = payloads.get(i).get(key);
    if (!(v instanceof List<?> list)) return List.of();
    return list.stream().map(String::valueOf).toList();
  }

  /** The exact top-k track ids by cosine to point {@code self}'s vector, itself excluded (brute force). */
  List<String> exactNeighbours(int self, int k) {
    float[] q = vectors[self];
    // min-heap of (score, index): the weakest of the best k on top
    PriorityQueue<double[]> heap = new PriorityQueue<>(Comparator.comparingDouble(e -> e[0]));
    for (int i = 0; i < vectors.length; i++) {
      if (i == self) continue;
      double score = dot(q, vectors[i]);
      if (heap.size() < k) heap.add(new double[] {score, i});
      else if (score > heap.peek()[0]) {
        heap.poll();
        heap.add(new double[] {score, i});
      }
    }
    List<String> top = new ArrayList<>();
    while (!heap.isEmpty()) top.add(0, ids.get((int) heap.poll()[1]));
    return top;
  }

  static float dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return (float) s;
  }

  static float[] normalised(float[] v) {
    double norm = Math.sqrt(dot(v, v));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / Math.max(norm, 1e-12));
    return out;
  }
}
