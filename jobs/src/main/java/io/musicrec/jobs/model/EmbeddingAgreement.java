package io.musicrec.jobs.model;

/**
 * How closely two runtimes' embeddings of the same windows agree: the lowest cosine over the
 * windows and the largest absolute difference, also relative to the largest embedding value (the
 * scale depends on the weights, so a fixed absolute bound would mean different things for the
 * checkpoint and for random weights).
 */
@com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EmbeddingAgreement(int windows, double minCosine, double maxAbs, double scale) {
  /** PANNs parity bounds: see the README ("PANNs CNN14") for why these. */
  public static final double MIN_COSINE = 0.9999;
  public static final double MAX_RELATIVE = 1e-4;

  public static EmbeddingAgreement of(float[][] a, float[][] b) {
    if (a.length != b.length) throw new IllegalArgumentException(a.length + " vs " + b.length + " windows");
    double minCosine = 1;
    double maxAbs = 0;
    double scale = 0;
    for (int w = 0; w < a.length; w++) {
      if (a[w].length != b[w].length) throw new IllegalArgumentException("dimension " + a[w].length + " vs " + b[w].length);
      double dot = 0;
      double na = 0;
      double nb = 0;
      for (int i = 0; i < a[w].length; i++) {
        dot += (double) a[w][i] * b[w][i];
        na += (double) a[w][i] * a[w][i];
        nb += (double) b[w][i] * b[w][i];
        maxAbs = Math.max(maxAbs, Math.abs(a[w][i] - b[w][i]));
        scale = Math.max(scale, Math.abs(a[w][i]));
      }
      minCosine = Math.min(minCosine, dot / Math.sqrt(na * nb));
      if (!Double.isFinite(minCosine) || !Double.isFinite(maxAbs)) minCosine = Double.NaN;
    }
    return new EmbeddingAgreement(a.length, minCosine, maxAbs, scale);
  }

  @com.fasterxml.jackson.annotation.JsonProperty
  public double maxRelative() {
    return scale > 0 ? maxAbs / scale : Double.POSITIVE_INFINITY;
  }

  /** Within the PANNs parity bounds (NaN never is). */
  public boolean withinBounds() {
    return minCosine >= MIN_COSINE && maxRelative() <= MAX_RELATIVE;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%d window(s): min cosine %.8f, max |diff| %.2e (%.1e of the largest value %.3g)",
        windows, minCosine, maxAbs, maxRelative(), scale);
  }
}
