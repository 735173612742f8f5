package io.musicrec.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Cnn14ShapeGraphTest {
  @Test
  void countsMatchPublishedCnn14Figures() {
    // PANNs: 80.8 M parameters (with its STFT/mel buffers excluded), 42.2 G "multi-adds" counted x2.
    assertEquals(80.8e6, Cnn14ShapeGraph.parameters(), 0.2e6);
    long macs = Cnn14ShapeGraph.macsPerClip(320_000);
    assertEquals(42.2e9, 2.0 * macs + 2.0 * 1001 * 1024 * 513 * 2 - 2.0 * 1001 * 4 * 512 * 10, 0.3e9);
  }

  @Test
  void cachedModelRunsWithTheFullTopologyOnAShortClip() throws Exception {
    long t0 = System.nanoTime();
    Path file = BuiltinModels.cnn14ShapeFile();
    long t1 = System.nanoTime();
    assertEquals(Cnn14ShapeGraph.serializedSize(), Files.size(file));
    assertTrue(Files.size(file) > 300_000_000L, "about 80 M float weights");
    assertEquals(file, BuiltinModels.cnn14ShapeFile(), "second call reuses the cache");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int samples = 32_000;
    float[] clips = new float[2 * samples];
    for (int i = 0; i < clips.length; i++) clips[i] = (float) (0.1 * Math.sin(i * 0.05 * (1 + i / samples)));
    try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(clips), new long[] {2, samples});
        OrtSession.Result result = session.run(Map.of("waveform", input), Set.of("embedding", "clipwise_output"))) {
      float[][] embedding = (float[][]) result.get("embedding").get().getValue();
      float[][] clipwise = (float[][]) result.get("clipwise_output").get().getValue();
      assertEquals(2, embedding.length);
      assertEquals(2048, embedding[0].length);
      assertEquals(527, clipwise[0].length);
      double sumSq = 0;
      int positive = 0;
      for (float v : embedding[0]) {
        assertTrue(Float.isFinite(v) && v >= 0, "ReLU output");
        sumSq += v * v;
        if (v > 0) positive++;
      }
      double rms = Math.sqrt(sumSq / 2048);
      System.out.printf("cnn14-shape: build/cache %.1f s, embedding rms %.3g, %d/2048 active%n",
          (t1 - t0) / 1e9, rms, positive);
      assertTrue(rms > 1e-3 && rms < 1e3, "activations neither vanish nor explode: rms " + rms);
      assertTrue(positive > 100, "a ReLU layer that is mostly alive");
    }
  }
}
