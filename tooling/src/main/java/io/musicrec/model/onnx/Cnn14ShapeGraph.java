package io.musicrec.model.onnx;

import static io.musicrec.model.onnx.PannsFrontEnd.FREQ_BINS;
import static io.musicrec.model.onnx.PannsFrontEnd.MEL_BANDS;
import static io.musicrec.model.onnx.PannsFrontEnd.N_FFT;

import io.musicrec.model.onnx.OnnxProto.Attribute;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code builtin:cnn14-shape}: the topology of PANNs CNN14 (Kong et al. 2020) with deterministic
 * synthetic weights, so throughput benchmarks pay what the real model costs. The embedding means
 * nothing.
 *
 * <p>Log-mel front end (as {@link LogMelGraph}), BatchNorm over the 64 mel bins, six blocks of two
 * 3x3 conv + BatchNorm + ReLU (64, 128, 256, 512, 1024, 2048 channels) with 2x2 average pooling
 * after the first five, mean over frequency, max + mean over time, fc 2048 + ReLU as {@code
 * embedding} [batch, 2048] and fc 527 + sigmoid as {@code clipwise_output}, the outputs the real
 * export has. Weights are He-uniform (variance 2 / fan-in) from a fixed seed so activations keep
 * their scale through the ReLUs; BatchNorms are identity except bn0, which maps typical log-mel
 * levels to unit scale.
 */
public final class Cnn14ShapeGraph {
  /** Changes whenever the written bytes would change: it keys the on-disk cache. */
  public static final String CONTENT_VERSION = "cnn14-shape-v1";
  public static final int DIMENSION = 2048;
  public static final int CLASSES = 527;
  public static final String EMBEDDING = "embedding";
  public static final String CLIPWISE = "clipwise_output";
  static final int[] CHANNELS = {64, 128, 256, 512, 1024, 2048};
  private static final long SEED = 14;
  private static final float BN0_MEAN_DB = -40;
  private static final float BN0_STD_DB = 20;

  private Cnn14ShapeGraph() {}

  public static void write(OutputStream out) {
    GraphBuilder.write(model(), out);
  }

  /** Size of the written model in bytes, computed without generating any weight. */
  public static long serializedSize() {
    return ProtoWriter.sizeOf(model());
  }

  static OnnxProto.Model model() {
    GraphBuilder g = new GraphBuilder("musicrec_cnn14_shape");
    String waveform = g.input(LogMelGraph.INPUT, "batch", "samples");
    String x = g.op("Unsqueeze", LogMelGraph.frontEnd(g, waveform), g.longs("channel_axis", 1));
    // PANNs normalises each mel bin: transpose bins onto the channel axis, BatchNorm, transpose back.
    long[] swapChannelAndMel = {0, 3, 2, 1};
    x = g.op("Transpose", List.of(x), Attribute.ints("perm", swapChannelAndMel));
    x = batchNorm(g, x, MEL_BANDS, BN0_MEAN_DB, BN0_STD_DB * BN0_STD_DB);
    x = g.op("Transpose", List.of(x), Attribute.ints("perm", swapChannelAndMel));

    long seed = SEED;
    int in = 1;
    for (int block = 0; block < CHANNELS.length; block++) {
      int out = CHANNELS[block];
      x = convBnRelu(g, x, in, out, seed++);
      x = convBnRelu(g, x, out, out, seed++);
      if (block < CHANNELS.length - 1) {
        x = g.op("AveragePool", List.of(x), Attribute.ints("kernel_shape", 2, 2), Attribute.ints("strides", 2, 2));
      }
      in = out;
    }
    x = g.op("ReduceMean", List.of(x), Attribute.ints("axes", 3), Attribute.of("keepdims", 0L));
    String maxOverTime = g.op("ReduceMax", List.of(x), Attribute.ints("axes", 2), Attribute.of("keepdims", 0L));
    String meanOverTime = g.op("ReduceMean", List.of(x), Attribute.ints("axes", 2), Attribute.of("keepdims", 0L));
    x = g.op("Add", maxOverTime, meanOverTime);
    String embedding = g.op("Relu", dense(g, x, DIMENSION, DIMENSION, seed++));
    String clipwise = g.op("Sigmoid", dense(g, embedding, DIMENSION, CLASSES, seed));
    g.output(clipwise, CLIPWISE, "batch", (long) CLASSES);
    g.output(embedding, EMBEDDING, "batch", (long) DIMENSION);
    return g.build("CNN14 topology with synthetic weights (musicrec builtin:cnn14-shape, " + CONTENT_VERSION + ")");
  }

  private static String convBnRelu(GraphBuilder g, String x, int in, int out, long seed) {
    String weight = g.floats("conv_w", FloatData.uniform(9L * in * out, heLimit(9L * in), seed), out, in, 3, 3);
    String conv = g.op("Conv", List.of(x, weight),
        Attribute.ints("kernel_shape", 3, 3), Attribute.ints("pads", 1, 1, 1, 1));
    return g.op("Relu", batchNorm(g, conv, out, 0, 1));
  }

  private static String batchNorm(GraphBuilder g, String x, int channels, float mean, float variance) {
    return g.op("BatchNormalization",
        List.of(x, g.floats("bn_scale", filled(channels, 1), channels), g.floats("bn_bias", filled(channels, 0), channels),
            g.floats("bn_mean", filled(channels, mean), channels), g.floats("bn_var", filled(channels, variance), channels)),
        Attribute.of("epsilon", 1e-5f));
  }

  private static String dense(GraphBuilder g, String x, int in, int out, long seed) {
    String weight = g.floats("fc_w", FloatData.uniform((long) in * out, heLimit(in), seed), out, in);
    String bias = g.floats("fc_b", filled(out, 0), out);
    return g.op("Gemm", List.of(x, weight, bias), Attribute.of("transB", 1L));
  }

  /** Uniform(-a, a) has variance a^2 / 3; He initialisation wants 2 / fan-in. */
  private static double heLimit(long fanIn) {
    return Math.sqrt(6.0 / fanIn);
  }

  private static float[] filled(int n, float value) {
    float[] a = new float[n];
    Arrays.fill(a, value);
    return a;
  }

  /**
   * Multiply-accumulates for one clip of {@code samples}: the 3x3 convolutions and the two fully
   * connected layers, plus the front end's mel projection and a radix-2 FFT per frame (N/2 log2 N
   * complex products, four real MACs each). PANNs' published "42.2 G multi-adds" for a 10 s clip
   * counts two operations per multiply-add and computes its STFT as a DFT convolution (about 1 G
   * MACs more); the same network counted this way is about 20 G MACs, 40 G FLOPs.
   */
  public static long macsPerClip(long samples) {
    long frames = PannsFrontEnd.frames(samples);
    long macs = frames * (4L * (N_FFT / 2) * Integer.numberOfTrailingZeros(N_FFT) + (long) FREQ_BINS * MEL_BANDS);
    long time = frames;
    long freq = MEL_BANDS;
    int in = 1;
    for (int block = 0; block < CHANNELS.length; block++) {
      int out = CHANNELS[block];
      macs += time * freq * 9L * out * (in + out);
      if (block < CHANNELS.length - 1) {
        time /= 2;
        freq /= 2;
      }
      in = out;
    }
    return macs + (long) DIMENSION * DIMENSION + (long) DIMENSION * CLASSES;
  }

  /** Trainable parameters (conv and fc weights and biases, BatchNorm scales and shifts). */
  public static long parameters() {
    long params = 2L * MEL_BANDS;
    int in = 1;
    for (int out : CHANNELS) {
      params += 9L * out * (in + out) + 4L * out;
      in = out;
    }
    return params + (long) DIMENSION * DIMENSION + DIMENSION + (long) DIMENSION * CLASSES + CLASSES;
  }

  /** Shortest clip the five 2x2 poolings accept: 32 frames. */
  public static int minimumSamples() {
    return 31 * PannsFrontEnd.HOP;
  }
}
