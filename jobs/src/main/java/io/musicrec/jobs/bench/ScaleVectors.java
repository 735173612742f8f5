package io.musicrec.jobs.bench;

import java.util.SplittableRandom;

/**
 * Synthetic embeddings shaped like a ReLU network's: non-negative, sparse-ish, grouped in
 * clusters (tracks of a style sit close together). Point {@code i} depends only on the seed and
 * {@code i}, so any thread can make any point, both sides of the bench load identical vectors,
 * and a run of 100k points holds the first 100k points of a run of 1M.
 */
public final class ScaleVectors {
  /** Genres are drawn independently of clusters, so a genre filter does not follow the graph's structure. */
  public static final int GENRES = 10;
  private static final int CLUSTERS = 512;
  private static final double NOISE = 0.6;

  private final int dimension;
  private final long seed;
  private final float[][] centres;

  public ScaleVectors(int dimension, long seed) {
    this.dimension = dimension;
    this.seed = seed;
    this.centres = new float[CLUSTERS][];
    for (int c = 0; c < CLUSTERS; c++) {
      SplittableRandom r = new SplittableRandom(seed * 31 + c);
      float[] centre = new float[dimension];
      // Half of a centre's dimensions are silent, like a ReLU layer's output.
      for (int d = 0; d < dimension; d++) centre[d] = r.nextBoolean() ? (float) Math.abs(r.nextGaussian()) : 0f;
      centres[c] = centre;
    }
  }

  public int dimension() {
    return dimension;
  }

  public static String trackId(long i) {
    return "t" + i;
  }

  public static long index(String trackId) {
    return Long.parseLong(trackId.substring(1));
  }

  public static String genre(long i) {
    return "g" + Math.floorMod(mix(i ^ 0x5DEECE66DL), GENRES);
  }

  /** Point {@code i}: its cluster's centre plus noise, clipped at zero (raw, not normalised). */
  public float[] vector(long i) {
    SplittableRandom r = new SplittableRandom(mix(seed + i * 0x9E3779B97F4A7C15L));
    float[] centre = centres[r.nextInt(CLUSTERS)];
    float[] v = new float[dimension];
    boolean any = false;
    for (int d = 0; d < dimension; d++) {
      float x = (float) (centre[d] + NOISE * r.nextGaussian());
      v[d] = Math.max(0f, x);
      any |= v[d] > 0;
    }
    if (!any) v[0] = 1f; // an all-zero vector has no cosine
    return v;
  }

  /** The unit-length vector of point {@code i}, as both stores keep it. */
  public float[] unitVector(long i) {
    return unit(vector(i));
  }

  public static float[] unit(float[] v) {
    double sum = 0;
    for (float f : v) sum += (double) f * f;
    float inv = (float) (1 / Math.sqrt(sum));
    float[] out = new float[v.length];
    for (int d = 0; d < v.length; d++) out[d] = v[d] * inv;
    return out;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
