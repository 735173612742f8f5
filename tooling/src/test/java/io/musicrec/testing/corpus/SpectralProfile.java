package io.musicrec.testing.corpus;

/**
 * A simple timbre statistic for tests: the average log power spectrum (Hann-windowed 2048-point
 * FFT frames) in log-spaced bands from 50 Hz to 10 kHz, with the overall level removed so that
 * loudness does not count. Distances between profiles say how alike two recordings sound.
 */
public final class SpectralProfile {
  private static final int FFT = 2048;
  private static final int BANDS = 24;

  private SpectralProfile() {}

  public static double[] of(float[] mono, int sampleRate) {
    double[] power = new double[FFT / 2];
    double[] window = new double[FFT];
    for (int i = 0; i < FFT; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT);
    }
    int frames = 0;
    double[] re = new double[FFT];
    double[] im = new double[FFT];
    for (int start = 0; start + FFT <= mono.length; start += FFT / 2, frames++) {
      for (int i = 0; i < FFT; i++) {
        re[i] = mono[start + i] * window[i];
        im[i] = 0;
      }
      fft(re, im);
      for (int k = 0; k < FFT / 2; k++) {
        power[k] += re[k] * re[k] + im[k] * im[k];
      }
    }
    double[] bands = new double[BANDS];
    double low = 50;
    double ratio = Math.pow(10_000 / low, 1.0 / BANDS);
    double mean = 0;
    for (int b = 0; b < BANDS; b++) {
      int from = (int) Math.floor(low * Math.pow(ratio, b) * FFT / sampleRate);
      int to = Math.max(from + 1, (int) Math.floor(low * Math.pow(ratio, b + 1) * FFT / sampleRate));
      double sum = 0;
      for (int k = from; k < to; k++) {
        sum += power[k];
      }
      bands[b] = 10 * Math.log10(sum / (to - from) / Math.max(1, frames) + 1e-12);
      mean += bands[b] / BANDS;
    }
    for (int b = 0; b < BANDS; b++) {
      bands[b] -= mean;
    }
    return bands;
  }

  public static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(sum / a.length);
  }

  /** In-place iterative radix-2 FFT. */
  private static void fft(double[] re, double[] im) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double angle = -2 * Math.PI / len;
      double wr = Math.cos(angle);
      double wi = Math.sin(angle);
      for (int i = 0; i < n; i += len) {
        double cr = 1;
        double ci = 0;
        for (int k = 0; k < len / 2; k++) {
          int a = i + k;
          int b = a + len / 2;
          double xr = re[b] * cr - im[b] * ci;
          double xi = re[b] * ci + im[b] * cr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
          double nr = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = nr;
        }
      }
    }
  }
}
