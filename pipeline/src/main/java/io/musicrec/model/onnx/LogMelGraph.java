package io.musicrec.model.onnx;

import static io.musicrec.model.onnx.PannsFrontEnd.FREQ_BINS;
import static io.musicrec.model.onnx.PannsFrontEnd.HOP;
import static io.musicrec.model.onnx.PannsFrontEnd.MEL_BANDS;
import static io.musicrec.model.onnx.PannsFrontEnd.N_FFT;

import io.musicrec.model.onnx.OnnxProto.Attribute;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * {@code builtin:logmel}: PANNs' log-mel front end followed by statistics pooling over time, a
 * deterministic 160-d embedding of timbre (spectral envelope) and rhythm (band dynamics and flux).
 *
 * <p>Input {@code waveform} [batch, samples] at 32 kHz; outputs {@code embedding} [batch, 160] and
 * {@code logmel} [batch, frames, 64] (the full front end, exposed so it can be checked). The
 * embedding pools only the lowest {@value #BANDS} of the 64 mel bands, 50 Hz to about 3.7 kHz: a
 * band that every real encoding carries. An 8 kHz file holds nothing above 4 kHz (the resampler's
 * passband ends near 3.65 kHz) while a 320 kb/s copy reaches 16-20 kHz; pooled over all 64 bands,
 * that difference outweighed the music (on real recordings in five encodings, a song's own other
 * encodings came first for 40% of queries and for none of the 8 kHz ones; with the band limit, for
 * all: {@code CodecRobustnessTest}). It is four groups of {@value #BANDS} per-band features, each
 * centred so that cosine similarity compares sounds rather than a shared offset:
 *
 * <ol>
 *   <li>spectral envelope: the band's mean level minus the clip's mean over the pooled bands
 *       (gain-invariant), in units of {@value #ENVELOPE_UNIT_DB} dB;
 *   <li>dynamics: the band's standard deviation over time,
 *   <li>flux: the mean absolute frame-to-frame change,
 *   <li>flux spread: the standard deviation of that change,
 * </ol>
 *
 * groups 2-4 minus what stationary white noise gives in the same band (so 0 means "as steady as
 * noise"), in units of {@value #DYNAMICS_UNIT_DB} dB. All four are independent of gain. The units
 * weigh the groups against each other in the cosine; they were chosen by measurement on the real and
 * generated corpora (5 dB for the envelope beat 2.5, 10 and 20).
 */
public final class LogMelGraph {
  /** Pooled mel bands: PANNs' bands 1-40 of 64, up to about 3.7 kHz (see the class comment). */
  public static final int BANDS = 40;
  public static final int DIMENSION = 4 * BANDS;
  public static final String INPUT = "waveform";
  public static final String EMBEDDING = "embedding";
  public static final String LOGMEL = "logmel";

  static final double ENVELOPE_UNIT_DB = 5;
  static final double DYNAMICS_UNIT_DB = 3;
  private static final long NOISE_SEED = 20_240_601L;
  private static final double NOISE_SECONDS = 20;

  private LogMelGraph() {}

  /**
   * Multiply-accumulates for one clip: per frame a radix-2 FFT (N/2 log2 N complex products, four
   * real MACs each), the power spectrum and the mel projection; pooling adds a few per value.
   */
  public static long macsPerClip(long samples) {
    long frames = PannsFrontEnd.frames(samples);
    long fft = 4L * (N_FFT / 2) * Integer.numberOfTrailingZeros(N_FFT);
    long pooling = 8L * BANDS;
    return frames * (fft + 2L * FREQ_BINS + (long) FREQ_BINS * MEL_BANDS + pooling);
  }

  public static byte[] bytes() {
    return GraphBuilder.toBytes(model());
  }

  static OnnxProto.Model model() {
    return model(BANDS, ENVELOPE_UNIT_DB);
  }

  /**
   * The graph pooling the lowest {@code bands} mel bands with the envelope in {@code envelopeUnitDb}
   * units; other values than the defaults are for measurements ({@code LogMelVariantsRunner}).
   */
  static OnnxProto.Model model(int bands, double envelopeUnitDb) {
    GraphBuilder g = new GraphBuilder("musicrec_logmel");
    String waveform = g.input(INPUT, "batch", "samples");
    String logmel = frontEnd(g, waveform);
    g.output(logmel, LOGMEL, "batch", "frames", (long) MEL_BANDS);
    String limited = bands == MEL_BANDS ? logmel
        : g.op("Slice", logmel, g.longs("band_from", 0), g.longs("band_to", bands), g.longs("band_axis", 2));
    g.output(pooledStatistics(g, limited, bands, envelopeUnitDb), EMBEDDING, "batch", 4L * bands);
    return g.build("PANNs log-mel front end + per-band statistics pooling (musicrec builtin:logmel)");
  }

  /** Waveform [B, T] to log-mel [B, 1 + T/320, 64] in dB, exactly as PANNs computes it. */
  static String frontEnd(GraphBuilder g, String waveform) {
    String padded = g.op("Pad", List.of(waveform, g.longs("centre_pads", 0, N_FFT / 2, 0, N_FFT / 2)),
        Attribute.of("mode", "reflect"));
    String signal = g.op("Unsqueeze", padded, g.longs("channel_axis", 2));
    String spectrum = g.op("STFT",
        List.of(signal, g.longScalar("hop", HOP), g.floats("hann", PannsFrontEnd.hannWindow(), N_FFT),
            g.longScalar("n_fft", N_FFT)),
        Attribute.of("onesided", 1L));
    String squared = g.op("Mul", spectrum, spectrum);
    String power = g.op("ReduceSum", List.of(squared, g.longs("complex_axis", -1)), Attribute.of("keepdims", 0L));
    String mel = g.op("MatMul", power, g.floats("mel_filters", flatten(PannsFrontEnd.melFilterBank()), FREQ_BINS, MEL_BANDS));
    String clamped = g.op("Max", mel, g.scalar("amin", (float) PannsFrontEnd.AMIN));
    return g.op("Mul", g.op("Log", clamped), g.scalar("ten_over_ln10", (float) (10 / Math.log(10))));
  }

  private static String pooledStatistics(GraphBuilder g, String logmel, int bands, double envelopeUnitDb) {
    String frameDeltas = g.op("Sub",
        g.op("Slice", logmel, g.longs("from1", 1), g.longs("to_end", Long.MAX_VALUE), g.longs("time", 1)),
        g.op("Slice", logmel, g.longs("from0", 0), g.longs("to_last", -1), g.longs("time", 1)));
    String envelope = meanOverTime(g, logmel, false);
    String centredEnvelope = g.op("Sub", envelope, g.op("ReduceMean", List.of(envelope),
        Attribute.ints("axes", 1L), Attribute.of("keepdims", 1L)));

    NoiseReference noise = NoiseReference.measure().lowest(bands);
    List<String> groups = List.of(
        scaled(g, centredEnvelope, null, envelopeUnitDb),
        scaled(g, stdOverTime(g, logmel), noise.dynamics, DYNAMICS_UNIT_DB),
        scaled(g, meanOverTime(g, g.op("Abs", frameDeltas), false), noise.flux, DYNAMICS_UNIT_DB),
        scaled(g, stdOverTime(g, frameDeltas), noise.fluxSpread, DYNAMICS_UNIT_DB));
    return g.op("Concat", groups, Attribute.of("axis", 1L));
  }

  private static String scaled(GraphBuilder g, String features, float[] reference, double unitDb) {
    String centred = reference == null ? features : g.op("Sub", features, g.floats("noise_reference", reference, reference.length));
    return g.op("Mul", centred, g.scalar("per_unit", (float) (1 / unitDb)));
  }

  private static String meanOverTime(GraphBuilder g, String x, boolean keep) {
    return g.op("ReduceMean", List.of(x), Attribute.ints("axes", 1L), Attribute.of("keepdims", keep ? 1L : 0L));
  }

  private static String stdOverTime(GraphBuilder g, String x) {
    String centred = g.op("Sub", x, meanOverTime(g, x, true));
    return g.op("Sqrt", meanOverTime(g, g.op("Mul", centred, centred), false));
  }

  static float[] flatten(float[][] matrix) {
    float[] flat = new float[matrix.length * matrix[0].length];
    for (int i = 0; i < matrix.length; i++) System.arraycopy(matrix[i], 0, flat, i * matrix[0].length, matrix[0].length);
    return flat;
  }

  /**
   * Per-band statistics of stationary white noise through the front end: the origin of the
   * dynamics groups. Narrow low bands (one or two FFT bins) fluctuate far more than wide high
   * bands, so the reference is per band rather than one constant.
   */
  record NoiseReference(float[] dynamics, float[] flux, float[] fluxSpread) {
    static NoiseReference measure() {
      Random random = new Random(NOISE_SEED);
      float[] noise = new float[(int) (NOISE_SECONDS * PannsFrontEnd.SAMPLE_RATE)];
      for (int i = 0; i < noise.length; i++) noise[i] = (float) (0.1 * random.nextGaussian());
      double[][] logmel = PannsFrontEnd.logMel(noise);
      float[] dynamics = new float[MEL_BANDS];
      float[] flux = new float[MEL_BANDS];
      float[] fluxSpread = new float[MEL_BANDS];
      for (int m = 0; m < MEL_BANDS; m++) {
        double[] band = new double[logmel.length];
        double[] delta = new double[logmel.length - 1];
        double absSum = 0;
        for (int t = 0; t < logmel.length; t++) band[t] = logmel[t][m];
        for (int t = 0; t < delta.length; t++) {
          delta[t] = band[t + 1] - band[t];
          absSum += Math.abs(delta[t]);
        }
        dynamics[m] = (float) std(band);
        flux[m] = (float) (absSum / delta.length);
        fluxSpread[m] = (float) std(delta);
      }
      return new NoiseReference(dynamics, flux, fluxSpread);
    }

    NoiseReference lowest(int bands) {
      return new NoiseReference(Arrays.copyOf(dynamics, bands), Arrays.copyOf(flux, bands), Arrays.copyOf(fluxSpread, bands));
    }

    private static double std(double[] x) {
      double mean = 0;
      for (double v : x) mean += v;
      mean /= x.length;
      double var = 0;
      for (double v : x) var += (v - mean) * (v - mean);
      return Math.sqrt(var / x.length);
    }
  }
}
