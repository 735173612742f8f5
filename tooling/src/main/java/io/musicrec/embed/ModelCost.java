package io.musicrec.embed;

import io.musicrec.model.ModelSpec;
import io.musicrec.model.PretrainedModel;
import io.musicrec.model.onnx.MusicnnGraph;
import io.musicrec.model.onnx.Cnn14ShapeGraph;
import io.musicrec.model.onnx.LogMelGraph;
import java.util.OptionalLong;

/** Analytic multiply-accumulates per clip for the models whose graphs the project knows. */
public final class ModelCost {
  private ModelCost() {}

  /**
   * MACs for one clip of {@code samples}: the built-ins, and CNN14 exported from PANNs (same
   * network; its STFT differs slightly in cost), the installed musicnn models. Empty for other
   * ONNX files.
   */
  public static OptionalLong macsPerClip(ModelSpec spec, long samples) {
    if (PretrainedModel.named(spec.name()).isPresent()) {
      return OptionalLong.of(MusicnnGraph.macsPerClip(samples, spec.tags().size()));
    }
    return switch (spec.isBuiltin() ? spec.source() : spec.name()) {
      case "builtin:logmel" -> OptionalLong.of(LogMelGraph.macsPerClip(samples));
      case "builtin:cnn14-shape", "panns-cnn14" -> OptionalLong.of(Cnn14ShapeGraph.macsPerClip(samples));
      default -> OptionalLong.empty();
    };
  }
}
