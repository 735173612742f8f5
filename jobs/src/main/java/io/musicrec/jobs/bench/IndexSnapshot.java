package io.musicrec.jobs.bench;

import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Every point of a collection held in memory: the ground truth for recall (exact search by brute
 * force) and for label-based quality. Vectors are L2-normalised, so a dot product is a cosine.
 */
final class IndexSnapshot {
  final List<String> ids;
  final float[][] vectors;
  final List<Map<String, Object>> payloads;

  private IndexSnapshot(List<String> ids, float[][] vectors, List<Map<String, Object>> payloads) {
    this.ids = ids;
    this.vectors = vectors;
    this.payloads = payloads;
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

  @SuppressWarnings("unchecked")
  List<String> strings(int i, String key) {
    Object v = payloads.get(i).get(key);
    return v instanceof List<?> l ? (List<String>) l : List.of();
  }

  /** The exact top-k track ids by cosine, brute force. */
  List<String> exactTopK(float[] query, int k) {
    float[] q = normalised(query);
    PriorityQueue<int[]> heap = new PriorityQueue<>(Comparator.comparingDouble(e -> Float.intBitsToFloat(e[1])));
    for (int i = 0; i < vectors.length; i++) {
      float score = dot(q, vectors[i]);
      if (heap.size() < k) heap.add(new int[] {i, Float.floatToIntBits(score)});
      else if (score > Float.intBitsToFloat(heap.peek()[1])) {
        heap.poll();
        heap.add(new int[] {i, Float.floatToIntBits(score)});
      }
    }
    List<String> top = new ArrayList<>();
    while (!heap.isEmpty()) top.add(0, ids.get(heap.poll()[0]));
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
