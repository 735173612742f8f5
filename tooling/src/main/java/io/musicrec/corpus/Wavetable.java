package io.musicrec.corpus;

/**
 * Single-cycle wavetables with linear interpolation: one table read per sample instead of a
 * {@code sin} call per partial keeps synthesis far faster than MP3 encoding. Built from
 * {@link StrictMath} so that the PCM is bit-identical on every JVM.
 */
final class Wavetable {
  static final int SIZE = 4096;
  static final Wavetable SINE = new Wavetable(new double[] {1});

  private final float[] table = new float[SIZE + 1];

  Wavetable(double[] harmonics) {
    double[] sum = new double[SIZE];
    for (int h = 0; h < harmonics.length; h++) {
      if (harmonics[h] == 0) {
        continue;
      }
      for (int i = 0; i < SIZE; i++) {
        sum[i] += harmonics[h] * StrictMath.sin(2 * Math.PI * (h + 1) * i / SIZE);
      }
    }
    double peak = 0;
    for (double v : sum) {
      peak = Math.max(peak, Math.abs(v));
    }
    for (int i = 0; i < SIZE; i++) {
      table[i] = (float) (peak > 0 ? sum[i] / peak : 0);
    }
    table[SIZE] = table[0];
  }

  /** Value at a phase in cycles; any real phase is accepted. */
  double at(double phase) {
    double p = phase - Math.floor(phase);
    double x = p * SIZE;
    int i = (int) x;
    double f = x - i;
    return table[i] + f * (table[i + 1] - table[i]);
  }
}
