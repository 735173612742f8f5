package io.musicrec.model.onnx;

import io.musicrec.model.onnx.MusicnnWeights.BatchNorm;
import io.musicrec.model.onnx.MusicnnWeights.ConvBlock;
import io.musicrec.model.onnx.MusicnnWeights.Dense;
import io.musicrec.model.onnx.OnnxProto.Attribute;
import io.musicrec.model.weights.WeightTensor;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A musicnn network as an ONNX graph that takes raw waveform, so the pipeline feeds it like any
 * other model. Front end exactly as the reference package computes it ({@code musicnn.extractor}):
 * 16 kHz mono, centred STFT (n_fft 512, periodic Hann, hop 256), power, 96 Slaney mel bands from 0
 * to 8 kHz, rounded to float16 (the reference casts its spectrogram), then {@code log10(10000 x + 1)}.
 * The spectrogram is cut into non-overlapping patches of 187 frames (3 s; a trailing partial patch
 * is dropped, as the reference does), each patch goes through the network, and the outputs are
 * averaged over the clip's patches.
 *
 * <p>Input {@code waveform} [batch, samples] (at least {@link #MIN_SAMPLES}); outputs, each
 * averaged over patches: {@code embedding} [batch, 200] (the penultimate layer after its batch
 * norm), {@code tags} [batch, tags] (sigmoid probabilities), {@code mean_pool} and {@code max_pool}
 * [batch, 753] (the back end's temporal pooling of the front- and mid-end features).
 */
public final class MusicnnGraph {
  public static final int SAMPLE_RATE = 16_000;
  public static final int N_FFT = 512;
  public static final int HOP = 256;
  public static final int MEL_BANDS = MusicnnWeights.MEL_BANDS;
  public static final int PATCH_FRAMES = MusicnnWeights.PATCH_FRAMES;
  /** The shortest clip that yields one patch: {@code 1 + samples / hop >= 187}. */
  public static final int MIN_SAMPLES = (PATCH_FRAMES - 1) * HOP;

  public static final String INPUT = "waveform";
  public static final String EMBEDDING = "embedding";
  public static final String TAGS = "tags";
  public static final String MEAN_POOL = "mean_pool";
  public static final String MAX_POOL = "max_pool";

  /** How the centred STFT pads the clip's ends: librosa before 0.10 reflected, 0.10 on pads zeros. */
  public enum EdgePadding { REFLECT, ZEROS }

  private MusicnnGraph() {}

  public static void write(MusicnnWeights weights, EdgePadding padding, String description, OutputStream out) {
    GraphBuilder.write(model(weights, padding, description), out);
  }

  static OnnxProto.Model model(MusicnnWeights w, EdgePadding padding, String description) {
    GraphBuilder g = new GraphBuilder("musicrec_musicnn");
    String waveform = g.input(INPUT, "batch", "samples");
    String batch = g.op("Gather", List.of(g.op("Shape", waveform), g.longs("batch_axis", 0)), Attribute.of("axis", 0L));
    String patches = patches(g, logMel(g, waveform, padding));

    String[] features = network(g, w, patches);
    int tags = w.logits().bias().length;
    g.output(meanOverPatches(g, features[0], batch, MusicnnWeights.PENULTIMATE_UNITS), EMBEDDING, "batch", (long) MusicnnWeights.PENULTIMATE_UNITS);
    g.output(meanOverPatches(g, features[1], batch, tags), TAGS, "batch", (long) tags);
    g.output(meanOverPatches(g, features[2], batch, MusicnnWeights.POOLED_FEATURES), MEAN_POOL, "batch", (long) MusicnnWeights.POOLED_FEATURES);
    g.output(meanOverPatches(g, features[3], batch, MusicnnWeights.POOLED_FEATURES), MAX_POOL, "batch", (long) MusicnnWeights.POOLED_FEATURES);
    return g.build(description);
  }

  /** Waveform [B, T] to the reference's log-compressed mel spectrogram [B, 1 + T/256, 96]. */
  static String logMel(GraphBuilder g, String waveform, EdgePadding padding) {
    String padded = g.op("Pad", List.of(waveform, g.longs("centre_pads", 0, N_FFT / 2, 0, N_FFT / 2)),
        Attribute.of("mode", padding == EdgePadding.REFLECT ? "reflect" : "constant"));
    String signal = g.op("Unsqueeze", padded, g.longs("channel_axis", 2));
    String spectrum = g.op("STFT",
        List.of(signal, g.longScalar("hop", HOP), g.floats("hann", MelFilterBank.periodicHann(N_FFT), N_FFT),
            g.longScalar("n_fft", N_FFT)),
        Attribute.of("onesided", 1L));
    String power = g.op("ReduceSum", List.of(g.op("Mul", spectrum, spectrum), g.longs("complex_axis", -1)),
        Attribute.of("keepdims", 0L));
    float[][] filters = MelFilterBank.slaney(SAMPLE_RATE, N_FFT, MEL_BANDS, 0, SAMPLE_RATE / 2.0);
    String mel = g.op("MatMul", power, g.floats("mel_filters", LogMelGraph.flatten(filters), N_FFT / 2 + 1, MEL_BANDS));
    // The reference stores its spectrogram as float16 before the log: round the same way.
    String half = g.op("Cast", List.of(mel), Attribute.of("to", (long) OnnxProto.FLOAT16));
    String rounded = g.op("Cast", List.of(half), Attribute.of("to", (long) OnnxProto.FLOAT));
    String compressed = g.op("Log", g.op("Add", g.op("Mul", rounded, g.scalar("ten_thousand", 10_000f)), g.scalar("one", 1f)));
    return g.op("Mul", compressed, g.scalar("one_over_ln10", (float) (1 / Math.log(10))));
  }

  /** [B, F, 96] to [B * P, 1, 187, 96], P = F / 187 whole patches per clip, in clip order. */
  private static String patches(GraphBuilder g, String logMel) {
    String frames = g.op("Gather", List.of(g.op("Shape", logMel), g.longs("time_axis", 1)), Attribute.of("axis", 0L));
    String patchFrames = g.longs("patch_frames", PATCH_FRAMES);
    String used = g.op("Mul", g.op("Div", frames, patchFrames), patchFrames);
    String whole = g.op("Slice", logMel, g.longs("from", 0), used, g.longs("time", 1));
    String reshaped = g.op("Reshape", whole, g.longs("patch_shape", -1, PATCH_FRAMES, MEL_BANDS));
    return g.op("Unsqueeze", reshaped, g.longs("image_channel", 1));
  }

  /** The network on [N, 1, 187, 96]: returns penultimate [N, 200], tag probabilities, mean and max pool [N, 753]. */
  private static String[] network(GraphBuilder g, MusicnnWeights w, String input) {
    String x = affine(g, input, w.input(), 4);
    List<String> frontEnd = new ArrayList<>();
    for (ConvBlock block : w.frontEnd()) {
      int kh = block.kernel().dim(0);
      int kw = block.kernel().dim(1);
      // Timbral blocks pad time by 3 and convolve 'valid'; temporal ones use TensorFlow's 'same'
      // (for an even kernel, one frame more after than before).
      long[] pads = kw > 1 ? new long[] {3, 0, 3, 0} : new long[] {(kh - 1) / 2, 0, kh / 2, 0};
      String conv = g.op("Conv", List.of(x, g.floats("kernel", toOnnx2d(block.kernel()), block.kernel().dim(3), 1, kh, kw),
          g.floats("bias", block.bias(), block.bias().length)), Attribute.ints("pads", pads));
      String normed = affine(g, g.op("Relu", conv), block.norm(), 4);
      frontEnd.add(g.op("ReduceMax", List.of(normed), Attribute.ints("axes", 3L), Attribute.of("keepdims", 0L)));
    }
    String front = g.op("Concat", frontEnd, Attribute.of("axis", 1L)); // [N, 561, 187]

    List<String> dense = new ArrayList<>(List.of(front));
    String previous = null;
    for (ConvBlock block : w.midEnd()) {
      String in = previous == null ? front : previous;
      String conv = g.op("Conv", List.of(in, g.floats("kernel", toOnnx1d(block.kernel()), block.kernel().dim(3), block.kernel().dim(1), 7),
          g.floats("bias", block.bias(), block.bias().length)), Attribute.ints("pads", 3, 3));
      String normed = affine(g, g.op("Relu", conv), block.norm(), 3);
      previous = previous == null ? normed : g.op("Add", normed, previous);
      dense.add(previous);
    }
    String midEnd = g.op("Concat", dense, Attribute.of("axis", 1L)); // [N, 753, 187]

    String maxPool = g.op("ReduceMax", List.of(midEnd), Attribute.ints("axes", 2L), Attribute.of("keepdims", 1L));
    String meanPool = g.op("ReduceMean", List.of(midEnd), Attribute.ints("axes", 2L), Attribute.of("keepdims", 1L));
    // TensorFlow concatenates [max, mean] on a last axis and flattens: features interleave.
    String pooled = g.op("Flatten", List.of(g.op("Concat", List.of(maxPool, meanPool), Attribute.of("axis", 2L))),
        Attribute.of("axis", 1L));
    String hidden = g.op("Relu", dense(g, affine(g, pooled, w.pooledNorm(), 2), w.penultimate()));
    String penultimate = affine(g, hidden, w.penultimateNorm(), 2);
    String tags = g.op("Sigmoid", dense(g, penultimate, w.logits()));
    String squeeze = g.longs("squeeze_time", 2);
    return new String[] {penultimate, tags, g.op("Squeeze", meanPool, squeeze), g.op("Squeeze", maxPool, squeeze)};
  }

  /** [N * P, width] to [B, width], the mean over each clip's P patches. */
  private static String meanOverPatches(GraphBuilder g, String perPatch, String batch, int width) {
    String shape = g.op("Concat", List.of(batch, g.longs("patches_and_width", -1, width)), Attribute.of("axis", 0L));
    return g.op("ReduceMean", List.of(g.op("Reshape", perPatch, shape)), Attribute.ints("axes", 1L), Attribute.of("keepdims", 0L));
  }

  /** Folded batch norm on channel axis 1 of a tensor of {@code rank}. */
  private static String affine(GraphBuilder g, String x, BatchNorm norm, int rank) {
    long[] dims = new long[rank - 1];
    java.util.Arrays.fill(dims, 1);
    dims[0] = norm.scale().length;
    return g.op("Add", g.op("Mul", x, g.floats("bn_scale", norm.scale(), dims)), g.floats("bn_shift", norm.shift(), dims));
  }

  private static String dense(GraphBuilder g, String x, Dense layer) {
    WeightTensor k = layer.kernel();
    return g.op("Add", g.op("MatMul", x, g.floats("dense", k.values(), k.dim(0), k.dim(1))),
        g.floats("dense_bias", layer.bias(), layer.bias().length));
  }

  /** TensorFlow [kh, kw, in, out] to ONNX [out, in, kh, kw]. */
  static float[] toOnnx2d(WeightTensor k) {
    int kh = k.dim(0), kw = k.dim(1), in = k.dim(2), out = k.dim(3);
    float[] v = k.values();
    float[] r = new float[v.length];
    for (int h = 0; h < kh; h++)
      for (int x = 0; x < kw; x++)
        for (int i = 0; i < in; i++)
          for (int o = 0; o < out; o++) r[((o * in + i) * kh + h) * kw + x] = v[((h * kw + x) * in + i) * out + o];
    return r;
  }

  /**
   * The mid-end's TensorFlow kernel [7, features, 1, out] (a 2-d convolution spanning the whole
   * feature axis) as the equivalent 1-d convolution over time: ONNX [out, features, 7].
   */
  static float[] toOnnx1d(WeightTensor k) {
    int kt = k.dim(0), features = k.dim(1), out = k.dim(3);
    float[] v = k.values();
    float[] r = new float[v.length];
    for (int t = 0; t < kt; t++)
      for (int f = 0; f < features; f++)
        for (int o = 0; o < out; o++) r[(o * features + f) * kt + t] = v[(t * features + f) * out + o];
    return r;
  }

  /** Multiply-accumulates of the network per 3 s patch (front end excluded), for cost reports. */
  public static long macsPerPatch(MusicnnWeights w) {
    long macs = 0;
    for (ConvBlock b : w.frontEnd()) {
      long outWidth = b.kernel().dim(1) > 1 ? MEL_BANDS - b.kernel().dim(1) + 1 : MEL_BANDS;
      macs += (long) PATCH_FRAMES * outWidth * b.kernel().values().length;
    }
    for (ConvBlock b : w.midEnd()) macs += (long) PATCH_FRAMES * b.kernel().values().length;
    return macs + w.penultimate().kernel().values().length + w.logits().kernel().values().length;
  }

  /**
   * Multiply-accumulates for one clip of {@code samples} with {@code tags} outputs: per frame a
   * radix-2 FFT and the mel projection, per whole patch the network (its shapes are fixed by the
   * architecture, so no weights are needed).
   */
  public static long macsPerClip(long samples, int tags) {
    long frames = 1 + samples / HOP;
    long frontEnd = frames * (4L * (N_FFT / 2) * Integer.numberOfTrailingZeros(N_FFT) + (long) (N_FFT / 2 + 1) * MEL_BANDS);
    long perPatch = 0;
    int[][] frontEndKernels = {{7, 38, MusicnnWeights.TIMBRAL_FILTERS}, {7, 67, MusicnnWeights.TIMBRAL_FILTERS},
        {128, 1, MusicnnWeights.TEMPORAL_FILTERS}, {64, 1, MusicnnWeights.TEMPORAL_FILTERS}, {32, 1, MusicnnWeights.TEMPORAL_FILTERS}};
    for (int[] k : frontEndKernels) {
      long outWidth = k[1] > 1 ? MEL_BANDS - k[1] + 1 : MEL_BANDS;
      perPatch += (long) PATCH_FRAMES * outWidth * k[0] * k[1] * k[2];
    }
    int f = MusicnnWeights.MIDEND_FILTERS;
    perPatch += (long) PATCH_FRAMES * 7 * f * (MusicnnWeights.FRONT_END_FEATURES + 2L * f);
    perPatch += 2L * MusicnnWeights.POOLED_FEATURES * MusicnnWeights.PENULTIMATE_UNITS
        + (long) MusicnnWeights.PENULTIMATE_UNITS * tags;
    return frontEnd + frames / PATCH_FRAMES * perPatch;
  }
}
