package io.musicrec.model;

/**
 * PANNs CNN14 (Kong et al. 2020, AudioSet, 32 kHz): what {@code musicrec model install panns-cnn14}
 * needs to know about the published checkpoint and the spec it installs. The weights are never
 * shipped: the user gives the checkpoint ({@code --from}), or asks for seeded random weights
 * ({@code --random-weights}), whose version names them so no index built from them can pass for
 * the real model. The network is exported by {@code notebooks/export_panns_onnx.ipynb}.
 */
public final class PannsCnn14 {
  public static final String NAME = "panns-cnn14";
  public static final String DESCRIPTION =
      "PANNs CNN14 trained on AudioSet (needs Cnn14_mAP=0.431.pth and PyTorch at install time); 2048-d embedding";
  public static final String CHECKPOINT_FILE = "Cnn14_mAP=0.431.pth";
  /** As Zenodo publishes the file (record 3987831): its size and md5. No sha256 is published. */
  public static final long CHECKPOINT_BYTES = 327_428_481L;
  public static final String CHECKPOINT_MD5 = "541141fa2ee191a88f24a3219fff024e";
  public static final String CHECKPOINT_SOURCE = "https://zenodo.org/record/3987831 (" + CHECKPOINT_FILE + ")";
  public static final String CHECKPOINT_VERSION = "Cnn14_mAP=0.431";

  public static final String INPUT = "waveform";
  public static final String EMBEDDING = "embedding";
  public static final int SAMPLE_RATE = 32_000;
  public static final int DIMENSION = 2048;
  /** Three evenly spread 10 s windows (CNN14 was trained on 10 s AudioSet clips), averaged. */
  public static final ClipPolicy CLIP = new ClipPolicy(ClipPolicy.Mode.WINDOWS, 10, 3, 2);

  public static final String CHECKPOINT_LICENCE =
      "Weights: Cnn14_mAP=0.431.pth, Zenodo record 3987831, CC BY 4.0 (Qiuqiang Kong, Yin Cao, Turab Iqbal,"
          + " Yuxuan Wang, Wenwu Wang, Mark D. Plumbley: PANNs, 2020). Model code: MIT, qiuqiangkong/audioset_tagging_cnn"
          + " via panns-inference 0.1.1 and torchlibrosa 0.1.0.";
  public static final String RANDOM_LICENCE =
      "No pretrained weights: CNN14's own initialisation under a fixed seed (meaningless embeddings, for tests)."
          + " Model code: MIT, qiuqiangkong/audioset_tagging_cnn via panns-inference 0.1.1 and torchlibrosa 0.1.0.";

  private PannsCnn14() {}

  /** The version of a random-weights export: never equal to the checkpoint's. */
  public static String randomWeightsVersion(long seed) {
    return "random-weights-seed-" + seed;
  }

  public static ModelSpec spec(String version, String onnx) {
    return new ModelSpec(NAME, version, onnx, INPUT, EMBEDDING, SAMPLE_RATE, CLIP, DIMENSION, "cosine", true);
  }
}
