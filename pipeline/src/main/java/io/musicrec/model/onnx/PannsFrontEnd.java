package io.musicrec.model.onnx;

/**
 * The log-mel front end of PANNs (torchlibrosa {@code Spectrogram} + {@code LogmelFilterBank} as
 * configured in PANNs' CNN14): 32 kHz audio, 1024-point periodic Hann window, hop 320, centred
 * frames with reflect padding, power spectrum, 64 Slaney-style mel bands from 50 to 14000 Hz
 * (librosa's default mel filters) and {@code 10*log10(max(power, 1e-10))}.
 *
 * <p>The constants and filters here are baked into the ONNX graphs; {@link #logMel} is a plain
 * Java computation of the same thing, used when building the graphs (reference statistics).
 */
public final class PannsFrontEnd {
  public static final int SAMPLE_RATE = 32_000;
  public static final int N_FFT = 1024;
  public static final int HOP = 320;
  public static final int MEL_BANDS = 64;
  public static final double F_MIN = 50;
  public static final double F_MAX = 14_000;
  public static final double AMIN = 1e-10;
  public static final int FREQ_BINS = N_FFT / 2 + 1;

  private PannsFrontEnd() {}

  /** Frames the centred STFT yields for a clip of {@code samples}: {@code 1 + samples / hop}. */
  public static int frames(long samples) {
    return (int) (1 + samples / HOP);
  }

  /** The periodic Hann window (scipy's {@code get_window('hann', n, fftbins=True)}). */
  public static float[] hannWindow() {
    return MelFilterBank.periodicHann(N_FFT);
  }

  /**
   * librosa's {@code filters.mel(sr=32000, n_fft=1024, n_mels=64, fmin=50, fmax=14000)} (Slaney
   * mel scale, Slaney area normalisation), transposed to [freq bins][mel bands] for a MatMul.
   */
  public static float[][] melFilterBank() {
    return MelFilterBank.slaney(SAMPLE_RATE, N_FFT, MEL_BANDS, F_MIN, F_MAX);
  }

  /** The log-mel spectrogram [frames][64] in dB, computed in double precision with an FFT. */
  public static double[][] logMel(float[] waveform) {
    if (waveform.length <= N_FFT / 2) {
      throw new IllegalArgumentException("reflect padding needs more than " + N_FFT / 2 + " samples");
    }
    float[] window = hannWindow();
    float[][] mel = melFilterBank();
    int frames = frames(waveform.length);
    double[][] out = new double[frames][MEL_BANDS];
    double[] re = new double[N_FFT];
    double[] im = new double[N_FFT];
    for (int t = 0; t < frames; t++) {
      for (int n = 0; n < N_FFT; n++) {
        re[n] = waveform[reflect(t * HOP + n - N_FFT / 2, waveform.length)] * (double) window[n];
        im[n] = 0;
      }
      fft(re, im);
      for (int k = 0; k < FREQ_BINS; k++) {
        double power = re[k] * re[k] + im[k] * im[k];
        for (int m = 0; m < MEL_BANDS; m++) out[t][m] += power * mel[k][m];
      }
      for (int m = 0; m < MEL_BANDS; m++) out[t][m] = 10 * Math.log10(Math.max(out[t][m], AMIN));
    }
    return out;
  }

  /** numpy's 'reflect' padding: mirror around the edge sample without repeating it. */
  static int reflect(int index, int length) {
    if (index < 0) return -index;
    if (index >= length) return 2 * (length - 1) - index;
    return index;
  }

  /** In-place iterative radix-2 FFT; the length must be a power of two. */
  static void fft(double[] re, double[] im) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) j ^= bit;
      j ^= bit;
      if (i < j) {
        double tr = re[i]; re[i] = re[j]; re[j] = tr;
        double ti = im[i]; im[i] = im[j]; im[j] = ti;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double angle = -2 * Math.PI / len;
      for (int start = 0; start < n; start += len) {
        for (int k = 0; k < len / 2; k++) {
          double wr = Math.cos(angle * k);
          double wi = Math.sin(angle * k);
          int a = start + k;
          int b = a + len / 2;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}
