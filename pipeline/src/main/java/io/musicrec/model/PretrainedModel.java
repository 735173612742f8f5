package io.musicrec.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pretrained network that {@code musicrec model install NAME} can put in place: where its
 * published weights live and what the converted model's spec says. Weights are never shipped with
 * the project; they come from the public package (or a file the user gives) at install time.
 *
 * @param name the model name users type ({@code --model musicnn-msd})
 * @param description one line for listings
 * @param pipRequirement what {@code pip download} fetches: the public package holding the weights
 * @param packageFile the file pip downloads, and its sha256 (the published artifact, pinned)
 * @param checkpointDir the checkpoint's folder inside the package
 * @param kerasRenames layer names of the Keras HDF5 port that differ from the checkpoint's
 * @param tags the tag names, in the order of the network's outputs
 * @param licence licence and copyright of the weights, recorded next to the installed model
 */
public record PretrainedModel(
    String name,
    String description,
    String pipRequirement,
    String packageFile,
    String packageSha256,
    String checkpointDir,
    Map<String, String> kerasRenames,
    List<String> tags,
    String licence) {

  private static final String MUSICNN_WHEEL = "musicnn-0.1.0-py3-none-any.whl";
  private static final String MUSICNN_WHEEL_SHA256 = "f38a4890c648c1ddbb141c5d96d2b0a8cfcd36746002d896989f7b88beb65cfa";
  private static final String MUSICNN_LICENCE =
      "ISC licence. musicnn weights and code: Copyright (c) 2019 Jordi Pons (PyPI package musicnn 0.1.0,"
          + " https://github.com/jordipons/musicnn). Keras HDF5 port: Copyright (c) 2020 Elio Quinton.";
  /** The Keras port named the layers it built itself; the checkpoint kept TensorFlow 1's automatic names. */
  private static final Map<String, String> MUSICNN_KERAS_RENAMES = Map.of(
      "midend_conv1", "conv2d_5", "midend_conv2", "conv2d_6", "midend_conv3", "conv2d_7",
      "bn_midend_conv1", "batch_normalization_6", "bn_midend_conv2", "batch_normalization_7",
      "bn_midend_conv3", "batch_normalization_8", "bn_flatpool", "batch_normalization_9",
      "bn_dense", "batch_normalization_10");

  public static final PretrainedModel MUSICNN_MSD = new PretrainedModel(
      "musicnn-msd",
      "musicnn trained on the Million Song Dataset: 50 last.fm tags (genres, moods, eras); 200-d embedding",
      "musicnn==0.1.0", MUSICNN_WHEEL, MUSICNN_WHEEL_SHA256, "musicnn/MSD_musicnn/", MUSICNN_KERAS_RENAMES,
      List.of("rock", "pop", "alternative", "indie", "electronic", "female vocalists", "dance", "00s",
          "alternative rock", "jazz", "beautiful", "metal", "chillout", "male vocalists", "classic rock", "soul",
          "indie rock", "Mellow", "electronica", "80s", "folk", "90s", "chill", "instrumental", "punk", "oldies",
          "blues", "hard rock", "ambient", "acoustic", "experimental", "female vocalist", "guitar", "Hip-Hop",
          "70s", "party", "country", "easy listening", "sexy", "catchy", "funk", "electro", "heavy metal",
          "Progressive rock", "60s", "rnb", "indie pop", "sad", "House", "happy"),
      MUSICNN_LICENCE);

  public static final PretrainedModel MUSICNN_MTT = new PretrainedModel(
      "musicnn-mtt",
      "musicnn trained on MagnaTagATune: 50 tags (instruments, genres, moods); 200-d embedding",
      "musicnn==0.1.0", MUSICNN_WHEEL, MUSICNN_WHEEL_SHA256, "musicnn/MTT_musicnn/", MUSICNN_KERAS_RENAMES,
      List.of("guitar", "classical", "slow", "techno", "strings", "drums", "electronic", "rock", "fast", "piano",
          "ambient", "beat", "violin", "vocal", "synth", "female", "indian", "opera", "male", "singing", "vocals",
          "no vocals", "harpsichord", "loud", "quiet", "flute", "woman", "male vocal", "no vocal", "pop", "soft",
          "sitar", "solo", "man", "classic", "choir", "voice", "new age", "dance", "male voice", "female vocal",
          "beats", "harp", "cello", "no voice", "weird", "country", "metal", "female voice", "choral"),
      MUSICNN_LICENCE);

  public static final List<PretrainedModel> ALL = List.of(MUSICNN_MSD, MUSICNN_MTT);

  public static Optional<PretrainedModel> named(String name) {
    return ALL.stream().filter(m -> m.name.equals(name)).findFirst();
  }

  public static List<String> names() {
    return ALL.stream().map(PretrainedModel::name).toList();
  }
}
