package io.musicrec.store;

/** Vector arithmetic shared by the stores. */
public final class Vectors {
  private Vectors() {}

  /**
   * A unit-length copy, as Qdrant stores vectors of a cosine collection. An all-zero vector stays
   * all zeros, as in Qdrant: it is accepted, and every cosine score against it is 0.
   */
  public static float[] normalized(float[] v, String what) {
    double sum = 0;
    for (float f : v) sum += (double) f * f;
    if (!Double.isFinite(sum)) throw new StoreException(what + " holds NaN or infinite values");
    if (sum == 0) return v.clone();
    float inv = (float) (1.0 / Math.sqrt(sum));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = v[i] * inv;
    return out;
  }

  public static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  /** Qdrant's {@code average_vector} query: avg(pos) + (avg(pos) - avg(neg)), or avg(pos) alone. */
  public static float[] averageVectorQuery(java.util.List<float[]> positive, java.util.List<float[]> negative) {
    float[] avgPos = average(positive);
    if (negative.isEmpty()) return avgPos;
    float[] avgNeg = average(negative);
    float[] q = new float[avgPos.length];
    for (int i = 0; i < q.length; i++) q[i] = avgPos[i] + avgPos[i] - avgNeg[i];
    return q;
  }

  private static float[] average(java.util.List<float[]> vectors) {
    float[] avg = new float[vectors.get(0).length];
    for (float[] v : vectors) for (int i = 0; i < avg.length; i++) avg[i] += v[i];
    for (int i = 0; i < avg.length; i++) avg[i] /= vectors.size();
    return avg;
  }

  /** Qdrant's {@code best_score} and {@code sum_scores} scores of a unit candidate against unit examples. */
  public static float recommendScore(
      RecommendStrategy strategy, float[] candidate, java.util.List<float[]> positive, java.util.List<float[]> negative) {
    if (strategy == RecommendStrategy.SUM_SCORES) {
      float score = 0;
      for (float[] p : positive) score += dot(candidate, p);
      float neg = 0;
      for (float[] n : negative) neg += dot(candidate, n);
      return score - neg;
    }
    if (strategy != RecommendStrategy.BEST_SCORE) {
      throw new IllegalArgumentException(strategy + " is not scored per candidate");
    }
    float maxPos = Float.NEGATIVE_INFINITY;
    for (float[] p : positive) maxPos = Math.max(maxPos, dot(candidate, p));
    float maxNeg = Float.NEGATIVE_INFINITY;
    for (float[] n : negative) maxNeg = Math.max(maxNeg, dot(candidate, n));
    return maxPos > maxNeg ? Recommendation.sigmoid(maxPos) : -Recommendation.sigmoid(maxNeg);
  }
}
