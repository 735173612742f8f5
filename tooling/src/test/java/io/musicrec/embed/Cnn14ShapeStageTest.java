package io.musicrec.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.Settings;
import io.musicrec.embed.BatchingEmbedderTest.Sounds;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.model.onnx.Cnn14ShapeGraph;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The full CNN14 topology runs through the stage (on short clips: the network is the same). */
class Cnn14ShapeStageTest {
  @Test
  void cnn14ShapeEmbedsThroughTheStageWithLiveActivations() {
    ModelSpec builtin = ModelSpecs.resolve("builtin:cnn14-shape");
    assertEquals(2048, builtin.dimension());
    // The built-in spec, unnormalised, so the test sees the raw activation scale.
    ModelSpec raw = new ModelSpec(builtin.name(), builtin.version(), builtin.source(), builtin.input(),
        builtin.output(), builtin.sampleRate(), builtin.clip(), builtin.dimension(), builtin.distance(), false);
    try (BatchingEmbedder embedder = BatchingEmbedder.open(raw, new Settings.Embed(2, 10_000, false, 0), OptionalInt.empty())) {
      CompletableFuture<TrackEmbedding> a = embedder.submit(new float[][] {Sounds.tone(220, Sounds.DARK, 1, 1)});
      CompletableFuture<TrackEmbedding> b = embedder.submit(new float[][] {Sounds.tone(330, Sounds.BRIGHT, 1, 2)});
      for (float[] embedding : List.of(a.join().vector(), b.join().vector())) {
        assertEquals(Cnn14ShapeGraph.DIMENSION, embedding.length);
        double sumSq = 0;
        int active = 0;
        for (float v : embedding) {
          assertTrue(Float.isFinite(v) && v >= 0, "ReLU output");
          sumSq += v * v;
          if (v > 0) active++;
        }
        double rms = Math.sqrt(sumSq / embedding.length);
        System.out.printf("cnn14-shape embedding rms %.3g, %d/2048 active%n", rms, active);
        assertTrue(rms > 1e-2 && rms < 1e2, "activations neither vanish nor explode: rms " + rms);
        assertTrue(active > 200, "the last ReLU is mostly alive: " + active);
      }
      assertEquals(1, embedder.stats().batches(), "both clips in one batch");
    }
  }
}
