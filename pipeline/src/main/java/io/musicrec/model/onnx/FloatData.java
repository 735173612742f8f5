package io.musicrec.model.onnx;

import java.util.SplittableRandom;

/**
 * The values of a float tensor, produced in order on demand. Large synthetic weights are generated
 * while they are written, so a 300 MB model never sits in the heap as one array.
 */
public interface FloatData {
  long size();

  /** A fresh pass over the values, from the first. */
  Cursor cursor();

  interface Cursor {
    /** Fills {@code into[0..n)} with the next {@code n} values. */
    void next(float[] into, int n);
  }

  static FloatData of(float[] values) {
    float[] copy = values.clone();
    return new FloatData() {
      @Override
      public long size() {
        return copy.length;
      }

      @Override
      public Cursor cursor() {
        int[] position = {0};
        return (into, n) -> {
          System.arraycopy(copy, position[0], into, 0, n);
          position[0] += n;
        };
      }
    };
  }

  /** {@code size} values drawn uniformly from [-limit, limit) by a generator seeded with {@code seed}. */
  static FloatData uniform(long size, double limit, long seed) {
    return new FloatData() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public Cursor cursor() {
        SplittableRandom random = new SplittableRandom(seed);
        return (into, n) -> {
          for (int i = 0; i < n; i++) into[i] = (float) ((2 * random.nextDouble() - 1) * limit);
        };
      }
    };
  }
}
