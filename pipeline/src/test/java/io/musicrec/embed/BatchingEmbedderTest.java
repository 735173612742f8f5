package io.musicrec.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigException;
import io.musicrec.config.Settings;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.model.onnx.LogMelGraph;
import io.musicrec.runtime.PerJvm;
import io.musicrec.reject.RejectCode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The embed stage on real ONNX Runtime sessions of builtin:logmel. */
class BatchingEmbedderTest {
  private static final int SR = 32_000;
  private static final ModelSpec LOGMEL = ModelSpecs.resolve("builtin:logmel");

  @AfterAll
  static void closeShared() {
    PerJvm.closeEmbedders();
  }

  private static Settings.Embed settings(int batchSize, int maxWaitMs) {
    return new Settings.Embed(batchSize, maxWaitMs, false, 1);
  }

  @Test
  void embedsATrackAsTheNormalisedMeanOfItsWindows() {
    try (BatchingEmbedder embedder = BatchingEmbedder.open(LOGMEL, settings(4, 5), OptionalInt.empty())) {
      float[] a = Sounds.tone(220, Sounds.DARK, 2, 1);
      float[] b = Sounds.tone(330, Sounds.BRIGHT, 2, 2);
      float[] track = embedder.embed(new float[][] {a, b}).vector();
      float[] onlyA = embedder.embed(new float[][] {a}).vector();
      float[] onlyB = embedder.embed(new float[][] {b}).vector();
      assertEquals(LogMelGraph.DIMENSION, track.length);
      assertEquals(1.0, norm(track), 1e-5);
      // normalize(mean(ea, eb)) from the unit vectors needs the raw ones: compare directions instead.
      double cosToMix = cosine(track, add(scale(onlyA, 1), scale(onlyB, 1)));
      assertTrue(cosToMix > 0.95, "mean of windows points between its windows: " + cosToMix);
      assertEquals("CPU", embedder.provider());
    }
  }

  @Test
  void batchingDoesNotChangeResultsAndNeverMixesLengths() throws Exception {
    List<float[]> clips = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      clips.add(Sounds.tone(200 + 50 * i, Sounds.DARK, 2, i));
      clips.add(Sounds.tone(200 + 50 * i, Sounds.BRIGHT, 3, i));
    }
    List<float[]> alone = new ArrayList<>();
    try (BatchingEmbedder single = BatchingEmbedder.open(LOGMEL, settings(1, 0), OptionalInt.empty())) {
      for (float[] clip : clips) alone.add(single.embed(new float[][] {clip}).vector());
    }
    try (BatchingEmbedder batched = BatchingEmbedder.open(LOGMEL, settings(4, 10_000), OptionalInt.empty())) {
      List<CompletableFuture<TrackEmbedding>> futures = new ArrayList<>();
      for (float[] clip : clips) futures.add(batched.submit(new float[][] {clip}));
      for (int i = 0; i < clips.size(); i++) assertArrayEquals(alone.get(i), futures.get(i).get().vector(), 1e-5f);
      EmbedStats stats = batched.stats();
      assertEquals(2, stats.batches(), "two lengths, four of each: two full batches, no padding");
      assertEquals(2, stats.fullBatches());
      assertEquals(8, stats.rows());
      assertEquals(1.0, stats.meanBatchFill(), 1e-9);
    }
  }

  @Test
  void concurrentCallersShareOneSessionAndFormFullBatches() throws Exception {
    int threads = 16;
    int perThread = 4;
    int batchSize = 8;
    Settings.Embed settings = settings(batchSize, 10_000);
    int sessionsBefore = BatchingEmbedder.sessionsOpened();
    float[] clip = Sounds.tone(440, Sounds.DARK, 2, 7);
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Embedder>> used = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        used.add(pool.submit(() -> {
          start.await();
          Embedder embedder = PerJvm.embedder(LOGMEL, settings, OptionalInt.empty());
          for (int i = 0; i < perThread; i++) assertEquals(LogMelGraph.DIMENSION, embedder.embed(new float[][] {clip}).vector().length);
          return embedder;
        }));
      }
      Embedder first = used.get(0).get();
      for (Future<Embedder> f : used) assertSame(first, f.get(), "one embedder per model and device");
      assertEquals(sessionsBefore + 1, BatchingEmbedder.sessionsOpened(), "one session for all callers");
      EmbedStats stats = first.stats();
      assertEquals(threads * perThread, stats.rows());
      assertEquals(threads * perThread / batchSize, stats.batches());
      assertEquals(stats.batches(), stats.fullBatches(), "every run carried " + batchSize + " rows");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nonFiniteInputOrOutputRejectsTheTrackAndTheStageCarriesOn() {
    try (BatchingEmbedder embedder = BatchingEmbedder.open(LOGMEL, settings(2, 5), OptionalInt.empty())) {
      float[] nan = Sounds.tone(220, Sounds.DARK, 2, 1);
      nan[1000] = Float.NaN;
      EmbedRejection input = assertThrows(EmbedRejection.class, () -> embedder.embed(new float[][] {nan}));
      assertEquals(RejectCode.NON_FINITE_INPUT, input.reason());

      // Finite samples whose power overflows float32: the model itself yields NaN.
      float[] huge = Sounds.tone(220, Sounds.DARK, 2, 1);
      for (int i = 0; i < huge.length; i++) huge[i] *= 3e37f;
      EmbedRejection output = assertThrows(EmbedRejection.class, () -> embedder.embed(new float[][] {huge}));
      assertEquals(RejectCode.NON_FINITE_OUTPUT, output.reason());

      assertEquals(LogMelGraph.DIMENSION, embedder.embed(new float[][] {Sounds.tone(220, Sounds.DARK, 2, 1)}).vector().length);
      assertEquals(2, embedder.stats().rejected());
      assertEquals(1, embedder.stats().tracks());
    }
  }

  @Test
  void requestedGpuFallsBackToCpuOrFailsWhenRequired() {
    try (BatchingEmbedder embedder = BatchingEmbedder.open(LOGMEL, settings(2, 5), OptionalInt.of(0))) {
      assertEquals("CPU", embedder.provider(), "this machine has no CUDA");
      assertEquals(LogMelGraph.DIMENSION, embedder.embed(new float[][] {Sounds.tone(220, Sounds.DARK, 2, 1)}).vector().length);
    }
    Settings.Embed required = new Settings.Embed(2, 5, true, 1);
    EmbedException noCuda =
        assertThrows(EmbedException.class, () -> BatchingEmbedder.open(LOGMEL, required, OptionalInt.of(0)));
    assertTrue(noCuda.getMessage().contains("require_gpu") && noCuda.getMessage().contains("CUDA device 0"),
        noCuda.getMessage());
    EmbedException noGpu =
        assertThrows(EmbedException.class, () -> BatchingEmbedder.open(LOGMEL, required, OptionalInt.empty()));
    assertTrue(noGpu.getMessage().contains("no GPU assigned"), noGpu.getMessage());
  }

  @Test
  void aSpecThatDisagreesWithTheGraphFailsClearly() {
    ModelSpec wrong = new ModelSpec("logmel", "1", "builtin:logmel", "waveform", "embedding", SR, null, 128, null, true);
    ConfigException e = assertThrows(ConfigException.class,
        () -> BatchingEmbedder.open(wrong, settings(2, 5), OptionalInt.empty()));
    assertTrue(e.getMessage().contains("dimension " + LogMelGraph.DIMENSION), e.getMessage());
    ModelSpec badName = new ModelSpec("logmel", "1", "builtin:logmel", "audio", "embedding", SR, null, LogMelGraph.DIMENSION, null, true);
    assertThrows(ConfigException.class, () -> BatchingEmbedder.open(badName, settings(2, 5), OptionalInt.empty()));
  }

  @Test
  void rejectsMalformedRequests() {
    try (BatchingEmbedder embedder = BatchingEmbedder.open(LOGMEL, settings(2, 5), OptionalInt.empty())) {
      assertThrows(IllegalArgumentException.class, () -> embedder.submit(new float[0][]));
      assertThrows(IllegalArgumentException.class,
          () -> embedder.submit(new float[][] {new float[SR], new float[SR + 1]}));
    }
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) dot += (double) a[i] * b[i];
    return dot / (norm(a) * norm(b));
  }

  static double norm(float[] a) {
    double s = 0;
    for (float v : a) s += (double) v * v;
    return Math.sqrt(s);
  }

  private static float[] add(float[] a, float[] b) {
    float[] c = new float[a.length];
    for (int i = 0; i < a.length; i++) c[i] = a[i] + b[i];
    return c;
  }

  private static float[] scale(float[] a, float s) {
    float[] c = new float[a.length];
    for (int i = 0; i < a.length; i++) c[i] = a[i] * s;
    return c;
  }

  /** Synthetic sounds with a controlled spectral envelope, phase, noise and rhythm. */
  static final class Sounds {
    /** Harmonic amplitude falling 12 dB per octave: a mellow, dark timbre. */
    static final java.util.function.DoubleUnaryOperator DARK = f -> 1 / Math.pow(f / 100, 2);
    /** A resonance around 3 kHz over a flat floor: a bright, nasal timbre. */
    static final java.util.function.DoubleUnaryOperator BRIGHT =
        f -> 0.05 + Math.exp(-Math.pow((f - 3000) / 800, 2));

    static float[] tone(double f0, java.util.function.DoubleUnaryOperator envelope, double seconds, long seed) {
      return tone(f0, envelope, seconds, seed, 0);
    }

    /** Harmonics of f0 with random phases, weighted by the envelope, plus a little noise; pulsed at {@code pulseHz} when > 0. */
    static float[] tone(double f0, java.util.function.DoubleUnaryOperator envelope, double seconds, long seed, double pulseHz) {
      Random random = new Random(seed);
      int n = (int) (seconds * SR);
      double[] x = new double[n];
      for (int h = 1; h * f0 < 14_000; h++) {
        double amp = envelope.applyAsDouble(h * f0);
        double phase = 2 * Math.PI * random.nextDouble();
        double w = 2 * Math.PI * h * f0 / SR;
        for (int i = 0; i < n; i++) x[i] += amp * Math.sin(w * i + phase);
      }
      double peak = 0;
      for (double v : x) peak = Math.max(peak, Math.abs(v));
      float[] out = new float[n];
      for (int i = 0; i < n; i++) {
        double gate = pulseHz > 0 ? Math.exp(-10 * ((i * pulseHz / SR) % 1.0)) : 1;
        out[i] = (float) (0.5 * gate * x[i] / peak + 0.002 * random.nextGaussian());
      }
      return out;
    }
  }
}
