package io.musicrec.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counts and caching of cnn14-shape; running it is covered by io.musicrec.embed.Cnn14ShapeStageTest. */
class Cnn14ShapeGraphTest {
  @Test
  void parametersAndMultiplyAddsMatchPublishedCnn14Figures() {
    assertEquals(80.8e6, Cnn14ShapeGraph.parameters(), 0.2e6, "PANNs: 80.8 M parameters");
    long macs = Cnn14ShapeGraph.macsPerClip(10 * PannsFrontEnd.SAMPLE_RATE);
    assertEquals(20.1e9, macs, 0.2e9);
    // PANNs' 42.2 G counts 2 per multiply-add and an STFT done as a DFT convolution (1024 x 513 x 2 per frame).
    long frames = PannsFrontEnd.frames(10 * PannsFrontEnd.SAMPLE_RATE);
    long fft = frames * 4L * 512 * 10;
    long dftConvolution = frames * 1024L * 513 * 2;
    assertEquals(42.2e9, 2.0 * (macs - fft + dftConvolution), 0.2e9);
  }

  @Test
  void theToolingModuleContributesItAsABuiltin() {
    assertEquals(List.of("builtin:logmel", "builtin:cnn14-shape"), BuiltinModels.names());
    ModelSpec spec = ModelSpecs.resolve("builtin:cnn14-shape");
    assertEquals(Cnn14ShapeGraph.DIMENSION, spec.dimension());
    assertEquals(Cnn14ShapeBuiltin.file(), BuiltinModels.resolve(spec.source()).file());
  }

  @Test
  void writesTheModelOnceIntoTheCache() throws Exception {
    Path file = Cnn14ShapeBuiltin.file();
    long size = Files.size(file);
    assertEquals(Cnn14ShapeGraph.serializedSize(), size);
    assertTrue(size > 4 * 80_000_000L, "about 80 M float32 weights");
    long modified = Files.getLastModifiedTime(file).toMillis();
    assertEquals(file, Cnn14ShapeBuiltin.file());
    assertEquals(modified, Files.getLastModifiedTime(file).toMillis(), "second call reuses the file");
  }
}
