package io.musicrec.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ONNX front end against an independent double-precision DFT of the same definition. */
class LogMelGraphTest {
  private static final int SR = 32_000;
  private static OrtEnvironment env;
  private static OrtSession session;

  @BeforeAll
  static void open() throws Exception {
    env = OrtEnvironment.getEnvironment();
    session = env.createSession(LogMelGraph.bytes(), new OrtSession.SessionOptions());
  }

  @AfterAll
  static void close() throws Exception {
    session.close();
  }

  @Test
  void declaresPannsShapedInputsAndOutputs() throws Exception {
    assertEquals(java.util.Set.of("waveform"), session.getInputNames());
    assertEquals(java.util.Set.of("embedding", "logmel"), session.getOutputNames());
  }

  @Test
  void logMelMatchesAnIndependentDftWithinAThousandthOfADecibel() throws Exception {
    float[][] batch = {richSignal(SR * 3 / 2, 1), richSignal(SR * 3 / 2, 2)};
    float[][][] onnx = run(batch);
    for (int b = 0; b < batch.length; b++) {
      double[][] expected = independentLogMel(batch[b]);
      assertEquals(1 + batch[b].length / 320, onnx[b].length, "frames = 1 + samples / hop");
      assertEquals(expected.length, onnx[b].length);
      double worst = 0;
      for (int t = 0; t < expected.length; t++) {
        for (int m = 0; m < 64; m++) worst = Math.max(worst, Math.abs(expected[t][m] - onnx[b][t][m]));
      }
      System.out.println("logmel ONNX vs independent DFT: max abs dB difference " + worst);
      assertTrue(worst < 1e-3, "max |dB difference| " + worst);
    }
  }

  @Test
  void silenceIsClampedAtMinus100Db() throws Exception {
    float[][][] onnx = run(new float[][] {new float[SR]});
    for (float[] frame : onnx[0]) {
      for (float v : frame) assertEquals(-100f, v, 1e-4f);
    }
  }

  @Test
  void javaFrontEndAgreesWithTheIndependentDft() {
    float[] signal = richSignal(SR, 3);
    double[][] expected = independentLogMel(signal);
    double[][] fft = PannsFrontEnd.logMel(signal);
    for (int t = 0; t < expected.length; t++) assertArrayEquals(expected[t], fft[t], 1e-5);
  }

  private static float[][][] run(float[][] batch) throws Exception {
    int n = batch[0].length;
    FloatBuffer buffer = FloatBuffer.allocate(batch.length * n);
    for (float[] clip : batch) buffer.put(clip);
    buffer.flip();
    try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, new long[] {batch.length, n});
        OrtSession.Result result = session.run(Map.of("waveform", input), java.util.Set.of("logmel"))) {
      return (float[][][]) result.get(0).getValue();
    }
  }

  /** Noise, two tones and a chirp: every mel band well above the float32 rounding floor. */
  static float[] richSignal(int samples, long seed) {
    Random random = new Random(seed);
    float[] x = new float[samples];
    for (int i = 0; i < samples; i++) {
      double t = (double) i / SR;
      x[i] = (float) (0.05 * random.nextGaussian() + 0.3 * Math.sin(2 * Math.PI * 440 * t)
          + 0.2 * Math.sin(2 * Math.PI * 3150 * t + seed) + 0.1 * Math.sin(2 * Math.PI * (200 + 4000 * t) * t));
    }
    return x;
  }

  /**
   * The PANNs definition written out directly: centred frames with reflect padding, periodic
   * Hann window, a naive DFT in double precision, power, librosa mel filters, 10*log10 clamped.
   */
  static double[][] independentLogMel(float[] x) {
    int nFft = 1024;
    int hop = 320;
    int bins = nFft / 2 + 1;
    double[] cos = new double[nFft];
    double[] sin = new double[nFft];
    double[] window = new double[nFft];
    for (int n = 0; n < nFft; n++) {
      cos[n] = Math.cos(2 * Math.PI * n / nFft);
      sin[n] = Math.sin(2 * Math.PI * n / nFft);
      window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / nFft);
    }
    float[][] mel = PannsFrontEnd.melFilterBank();
    int frames = 1 + x.length / hop;
    double[][] out = new double[frames][64];
    double[] frame = new double[nFft];
    for (int t = 0; t < frames; t++) {
      for (int n = 0; n < nFft; n++) {
        int i = t * hop + n - nFft / 2;
        if (i < 0) i = -i;
        if (i >= x.length) i = 2 * (x.length - 1) - i;
        frame[n] = x[i] * window[n];
      }
      for (int k = 0; k < bins; k++) {
        double re = 0;
        double im = 0;
        for (int n = 0; n < nFft; n++) {
          int phase = (n * k) % nFft;
          re += frame[n] * cos[phase];
          im -= frame[n] * sin[phase];
        }
        double power = re * re + im * im;
        for (int m = 0; m < 64; m++) out[t][m] += power * mel[k][m];
      }
      for (int m = 0; m < 64; m++) out[t][m] = 10 * Math.log10(Math.max(out[t][m], 1e-10));
    }
    return out;
  }
}
