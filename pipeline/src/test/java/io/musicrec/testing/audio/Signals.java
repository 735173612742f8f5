package io.musicrec.testing.audio;

/** Measurements of decoded PCM for tests: frequency, amplitude, error against a reference. */
public final class Signals {
  private Signals() {}

  /**
   * Frequency of a tone from its rising zero crossings (linearly interpolated), over {@code
   * [from, to)}: precise to a small fraction of a percent for a clean sine.
   */
  public static double frequency(float[] x, int sampleRate, int from, int to) {
    double first = Double.NaN;
    double last = Double.NaN;
    int crossings = 0;
    for (int i = Math.max(from, 1); i < to; i++) {
      if (x[i - 1] < 0 && x[i] >= 0) {
        double t = (i - 1) + x[i - 1] / (x[i - 1] - x[i]);
        if (crossings == 0) first = t;
        last = t;
        crossings++;
      }
    }
    if (crossings < 2) return 0;
    return (crossings - 1) * sampleRate / (last - first);
  }

  /** Peak amplitude of a sine estimated from its RMS over {@code [from, to)}. */
  public static double sineAmplitude(float[] x, int from, int to) {
    return rms(x, from, to) * Math.sqrt(2);
  }

  public static double rms(float[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) sum += (double) x[i] * x[i];
    return Math.sqrt(sum / (to - from));
  }

  public static double peak(float[] x) {
    double peak = 0;
    for (float v : x) peak = Math.max(peak, Math.abs(v));
    return peak;
  }

  /**
   * RMS difference between {@code x} and {@code amplitude * sin(2 pi f n / rate)} over {@code
   * [from, to)}, relative to the reference's RMS: 0 is identical, 0.01 is a 1% error.
   */
  public static double relativeErrorVsSine(float[] x, int sampleRate, double frequency, double amplitude, int from, int to) {
    double error = 0;
    double reference = 0;
    for (int i = from; i < to; i++) {
      double expected = amplitude * Math.sin(2 * Math.PI * frequency * i / sampleRate);
      error += (x[i] - expected) * (x[i] - expected);
      reference += expected * expected;
    }
    return Math.sqrt(error / reference);
  }
}
