package io.musicrec.model.onnx;

/**
 * librosa's {@code filters.mel(sr, n_fft, n_mels, fmin, fmax)} with its defaults (Slaney mel scale,
 * Slaney area normalisation), transposed to [freq bins][mel bands] so a MatMul applies it to a
 * power spectrum. Both front ends the project builds (PANNs' and musicnn's) use it.
 */
public final class MelFilterBank {
  private static final double F_SP = 200.0 / 3;
  private static final double MIN_LOG_HZ = 1000;
  private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
  private static final double LOG_STEP = Math.log(6.4) / 27;

  private MelFilterBank() {}

  public static float[][] slaney(int sampleRate, int nFft, int bands, double fMin, double fMax) {
    int freqBins = nFft / 2 + 1;
    double[] melPoints = new double[bands + 2];
    double minMel = hzToMel(fMin);
    double maxMel = hzToMel(fMax);
    for (int i = 0; i < melPoints.length; i++) {
      melPoints[i] = melToHz(minMel + (maxMel - minMel) * i / (melPoints.length - 1));
    }
    float[][] weights = new float[freqBins][bands];
    for (int m = 0; m < bands; m++) {
      double lowerWidth = melPoints[m + 1] - melPoints[m];
      double upperWidth = melPoints[m + 2] - melPoints[m + 1];
      double areaNorm = 2.0 / (melPoints[m + 2] - melPoints[m]);
      for (int k = 0; k < freqBins; k++) {
        double f = (double) k * sampleRate / nFft;
        double rising = (f - melPoints[m]) / lowerWidth;
        double falling = (melPoints[m + 2] - f) / upperWidth;
        weights[k][m] = (float) (Math.max(0, Math.min(rising, falling)) * areaNorm);
      }
    }
    return weights;
  }

  /** Slaney's mel scale: linear below 1 kHz, logarithmic above (librosa {@code htk=False}). */
  public static double hzToMel(double hz) {
    return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
  }

  public static double melToHz(double mel) {
    return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : mel * F_SP;
  }

  /** The periodic Hann window of length {@code n} (scipy's {@code get_window('hann', n, fftbins=True)}). */
  public static float[] periodicHann(int n) {
    float[] w = new float[n];
    for (int i = 0; i < n; i++) w[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
    return w;
  }
}
