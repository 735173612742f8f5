package io.musicrec.model.onnx;

import io.musicrec.model.weights.WeightFile;
import io.musicrec.model.weights.WeightTensor;

/**
 * The trained parameters of a musicnn network (Pons and Serra, "musicnn: pre-trained convolutional
 * neural networks for music audio tagging", 2019), by role. The variable names are those
 * TensorFlow 1's layer API gave when the package's {@code models.build_musicnn} created the layers,
 * in creation order: {@code conv2d} .. {@code conv2d_7}, {@code batch_normalization} .. {@code _10},
 * {@code dense}, {@code dense_1}. Shapes are checked, so another network fails here, not at run time.
 *
 * @param input batch norm of the log-mel input (one channel)
 * @param frontEnd the five front-end blocks: timbral 7x38 and 7x67, temporal 128x1, 64x1, 32x1
 * @param midEnd the three mid-end 1-d convolutions (7 frames), residual from the second on
 * @param pooledNorm batch norm of the pooled [max, mean] features (753 x 2 = 1506)
 * @param penultimate the 200-unit dense layer (ReLU)
 * @param penultimateNorm batch norm after it: its output is the "penultimate" feature
 * @param logits the tag layer (sigmoid outside)
 */
public record MusicnnWeights(
    BatchNorm input,
    ConvBlock[] frontEnd,
    ConvBlock[] midEnd,
    BatchNorm pooledNorm,
    Dense penultimate,
    BatchNorm penultimateNorm,
    Dense logits) {

  public static final int MEL_BANDS = 96;
  public static final int PATCH_FRAMES = 187;
  public static final int TIMBRAL_FILTERS = 204;
  public static final int TEMPORAL_FILTERS = 51;
  public static final int MIDEND_FILTERS = 64;
  public static final int FRONT_END_FEATURES = 2 * TIMBRAL_FILTERS + 3 * TEMPORAL_FILTERS; // 561
  public static final int POOLED_FEATURES = FRONT_END_FEATURES + 3 * MIDEND_FILTERS; // 753
  public static final int PENULTIMATE_UNITS = 200;
  /** TensorFlow 1's {@code layers.batch_normalization} default. */
  static final double BATCH_NORM_EPSILON = 1e-3;

  /** A convolution (TensorFlow layout [height, width, in, out]) followed by ReLU and batch norm. */
  public record ConvBlock(WeightTensor kernel, float[] bias, BatchNorm norm) {}

  /** A dense layer: kernel [in, out] and bias [out]. */
  public record Dense(WeightTensor kernel, float[] bias) {}

  /** Inference-time batch norm folded into {@code x * scale + shift} per channel. */
  public record BatchNorm(float[] scale, float[] shift) {
    static BatchNorm read(WeightFile file, String name, int channels) {
      float[] gamma = file.get(name + "/gamma").requireShape(channels).values();
      float[] beta = file.get(name + "/beta").requireShape(channels).values();
      float[] mean = file.get(name + "/moving_mean").requireShape(channels).values();
      float[] variance = file.get(name + "/moving_variance").requireShape(channels).values();
      float[] scale = new float[channels];
      float[] shift = new float[channels];
      for (int c = 0; c < channels; c++) {
        double s = gamma[c] / Math.sqrt(variance[c] + BATCH_NORM_EPSILON);
        scale[c] = (float) s;
        shift[c] = (float) (beta[c] - mean[c] * s);
      }
      return new BatchNorm(scale, shift);
    }
  }

  public static MusicnnWeights read(WeightFile file, int tags) {
    int timbral74 = (int) (0.4 * MEL_BANDS);
    int timbral77 = (int) (0.7 * MEL_BANDS);
    ConvBlock[] frontEnd = {
      conv(file, 0, 1, new long[] {7, timbral74, 1, TIMBRAL_FILTERS}),
      conv(file, 1, 2, new long[] {7, timbral77, 1, TIMBRAL_FILTERS}),
      conv(file, 2, 3, new long[] {128, 1, 1, TEMPORAL_FILTERS}),
      conv(file, 3, 4, new long[] {64, 1, 1, TEMPORAL_FILTERS}),
      conv(file, 4, 5, new long[] {32, 1, 1, TEMPORAL_FILTERS}),
    };
    ConvBlock[] midEnd = {
      conv(file, 5, 6, new long[] {7, FRONT_END_FEATURES, 1, MIDEND_FILTERS}),
      conv(file, 6, 7, new long[] {7, MIDEND_FILTERS, 1, MIDEND_FILTERS}),
      conv(file, 7, 8, new long[] {7, MIDEND_FILTERS, 1, MIDEND_FILTERS}),
    };
    return new MusicnnWeights(
        BatchNorm.read(file, "batch_normalization", 1),
        frontEnd,
        midEnd,
        BatchNorm.read(file, "batch_normalization_9", 2 * POOLED_FEATURES),
        dense(file, "dense", 2 * POOLED_FEATURES, PENULTIMATE_UNITS),
        BatchNorm.read(file, "batch_normalization_10", PENULTIMATE_UNITS),
        dense(file, "dense_1", PENULTIMATE_UNITS, tags));
  }

  private static ConvBlock conv(WeightFile file, int conv, int norm, long[] shape) {
    String name = conv == 0 ? "conv2d" : "conv2d_" + conv;
    int out = (int) shape[3];
    return new ConvBlock(
        file.get(name + "/kernel").requireShape(shape),
        file.get(name + "/bias").requireShape(out).values(),
        BatchNorm.read(file, "batch_normalization_" + norm, out));
  }

  private static Dense dense(WeightFile file, String name, int in, int out) {
    return new Dense(file.get(name + "/kernel").requireShape(in, out), file.get(name + "/bias").requireShape(out).values());
  }

  /** Trained parameters (batch norms counted before folding), for reports. */
  public long parameters() {
    long n = 4L * (input.scale.length + pooledNorm.scale.length + penultimateNorm.scale.length);
    for (ConvBlock[] blocks : new ConvBlock[][] {frontEnd, midEnd}) {
      for (ConvBlock b : blocks) n += b.kernel.values().length + b.bias.length + 4L * b.norm.scale.length;
    }
    return n + penultimate.kernel.values().length + penultimate.bias.length + logits.kernel.values().length + logits.bias.length;
  }
}
