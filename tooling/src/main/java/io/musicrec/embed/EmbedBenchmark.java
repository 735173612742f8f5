package io.musicrec.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.musicrec.config.Settings;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.onnx.OnnxModelSource;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the embed stage against ONNX Runtime alone, on identical synthetic clips: the
 * stage (batching queue, several concurrent submitters) versus a bare {@code OrtSession.run} loop
 * on pre-built tensors of the same batch size, plus a batch-size sweep of the bare loop and the
 * compute rate against the machine's estimated peak. Prints nothing and asserts nothing: the
 * caller reports the {@link Result} (report.json {@code embed.*}).
 */
public final class EmbedBenchmark {
  /**
   * @param clips clips timed per measurement (the stage and the bare loop)
   * @param clipSeconds length of each clip
   * @param submitters concurrent threads feeding the stage
   * @param sweepBatchSizes batch sizes for the bare-loop sweep
   * @param sweepClips clips timed per sweep point (at least one batch)
   * @param rounds alternating rounds of stage and bare loop; each side reports its best
   */
  public record Options(
      int clips, double clipSeconds, int submitters, List<Integer> sweepBatchSizes, int sweepClips, int rounds) {
    public Options {
      if (clips <= 0 || clipSeconds <= 0 || submitters <= 0 || sweepClips <= 0 || rounds <= 0) {
        throw new IllegalArgumentException("clips, clip seconds, submitters and sweep clips must be positive");
      }
      sweepBatchSizes = List.copyOf(sweepBatchSizes);
    }
  }

  public record SweepPoint(int batchSize, double clipsPerS, double gflops) {}

  public record Result(
      String model,
      String provider,
      int intraOpThreads,
      double clipSeconds,
      int clips,
      int batchSize,
      int submitters,
      int rounds,
      long macsPerClip,
      double stageClipsPerS,
      double rawOrtClipsPerS,
      double rawOrtCpuSecondsPerClip,
      double ratioVsRawOrt,
      double stageMeanBatchFill,
      double achievedGflops,
      double peakGflops,
      double fractionOfPeak,
      String peakAssumption,
      List<SweepPoint> sweep,
      Reference pytorch,
      Double ratioVsPytorch) {

    /** The same figures with another runtime's rate on the same clips, batch size and threads. */
    public Result withPytorch(Reference reference) {
      return new Result(model, provider, intraOpThreads, clipSeconds, clips, batchSize, submitters, rounds, macsPerClip,
          stageClipsPerS, rawOrtClipsPerS, rawOrtCpuSecondsPerClip, ratioVsRawOrt, stageMeanBatchFill, achievedGflops, peakGflops,
          fractionOfPeak, peakAssumption, sweep, reference,
          reference.clipsPerS() > 0 ? stageClipsPerS / reference.clipsPerS() : null);
    }
  }

  /**
   * The network in another runtime (PyTorch eager for an exported model), measured outside this
   * JVM on the same clip length, batch size and thread count; {@code note} says why it is absent.
   */
  public record Reference(String runtime, String version, int threads, int batchSize, double clipSeconds, int clips,
      double clipsPerS, double cpuSecondsPerClip, String note) {}

  private EmbedBenchmark() {}

  public static Result run(ModelSpec spec, Settings.Embed settings, OptionalInt cudaDevice, Options options)
      throws Exception {
    int samples = (int) Math.round(options.clipSeconds() * spec.sampleRate());
    int batchSize = settings.batchSize();
    int maxBatch = Math.max(batchSize, options.sweepBatchSizes().stream().mapToInt(Integer::intValue).max().orElse(1));
    float[][] clips = syntheticClips(maxBatch, samples);
    long macs = ModelCost.macsPerClip(spec, samples).orElse(0);

    // The stage and the bare loop alternate for several rounds and each keeps its best round, so
    // load from other processes on a shared machine does not land on one side only.
    double raw = 0;
    double rawCpuPerClip = Double.POSITIVE_INFINITY;
    double stage = 0;
    double fill;
    List<SweepPoint> sweep = new ArrayList<>();
    String provider;
    OrtSessions.Opened opened = OrtSessions.open(OnnxModelSource.forSpec(spec), settings, cudaDevice);
    try (OrtSession session = opened.session();
        BatchingEmbedder embedder = BatchingEmbedder.open(spec, settings, cudaDevice)) {
      provider = opened.provider();
      stageClipsPerS(embedder, clips, batchSize, options.submitters()); // warm-up
      long batchesBefore = embedder.stats().batches();
      long rowsBefore = embedder.stats().rows();
      for (int round = 0; round < options.rounds(); round++) {
        double cpuBefore = processCpuSeconds();
        double rate = rawClipsPerS(session, spec, clips, batchSize, options.clips());
        int timed = (options.clips() + batchSize - 1) / batchSize * batchSize;
        rawCpuPerClip = Math.min(rawCpuPerClip, (processCpuSeconds() - cpuBefore) / (timed + batchSize));
        raw = Math.max(raw, rate);
        stage = Math.max(stage, stageClipsPerS(embedder, clips, options.clips(), options.submitters()));
      }
      EmbedStats after = embedder.stats();
      fill = (after.rows() - rowsBefore) / ((after.batches() - batchesBefore) * (double) batchSize);
      for (int b : options.sweepBatchSizes()) {
        double rate = rawClipsPerS(session, spec, clips, b, Math.max(b, options.sweepClips()));
        sweep.add(new SweepPoint(b, rate, gflops(macs, rate)));
      }
    }

    int threads = OrtSessions.intraOpThreads(settings);
    CpuPeak peak = provider.equals("CPU") ? CpuPeak.estimate(threads) : new CpuPeak(0, "GPU: not estimated");
    double achieved = gflops(macs, stage);
    return new Result(spec.fingerprint(), provider, threads, options.clipSeconds(), options.clips(), batchSize,
        options.submitters(), options.rounds(), macs, stage, raw, rawCpuPerClip, stage / raw, fill, achieved, peak.gflops(),
        peak.gflops() > 0 ? achieved / peak.gflops() : 0, peak.assumption(), sweep, null, null);
  }

  /**
   * CPU seconds this process has used, ONNX Runtime's native threads included: on a shared machine
   * the CPU cost of a clip stays meaningful when clips/s does not.
   */
  private static double processCpuSeconds() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
  }

  private static double gflops(long macs, double clipsPerS) {
    return 2.0 * macs * clipsPerS / 1e9;
  }

  /** Bare session runs on one pre-built tensor of {@code batch} clips, after one warm-up run. */
  private static double rawClipsPerS(OrtSession session, ModelSpec spec, float[][] clips, int batch, int minClips)
      throws OrtException {
    int samples = clips[0].length;
    FloatBuffer buffer = FloatBuffer.allocate(batch * samples);
    for (int i = 0; i < batch; i++) buffer.put(clips[i % clips.length]);
    buffer.flip();
    OrtEnvironment env = OrtSessions.environment();
    int runs = (minClips + batch - 1) / batch;
    try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, new long[] {batch, samples})) {
      Map<String, OnnxTensor> inputs = Map.of(spec.input(), input);
      Set<String> outputs = Set.of(spec.output());
      session.run(inputs, outputs).close();
      long start = System.nanoTime();
      for (int r = 0; r < runs; r++) session.run(inputs, outputs).close();
      return (double) runs * batch / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** {@code count} one-window tracks through the stage from concurrent submitters, at most two batches in flight. */
  private static double stageClipsPerS(BatchingEmbedder embedder, float[][] clips, int count, int submitters)
      throws Exception {
    Semaphore inFlight = new Semaphore(2 * embedder.stats().batchSize());
    ExecutorService pool = Executors.newFixedThreadPool(submitters);
    List<CompletableFuture<TrackEmbedding>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    try {
      for (int s = 0; s < submitters; s++) {
        int first = s;
        pool.submit(() -> {
          for (int i = first; i < count; i += submitters) {
            inFlight.acquireUninterruptibly();
            CompletableFuture<TrackEmbedding> f = embedder.submit(new float[][] {clips[i % clips.length]});
            f.whenComplete((v, e) -> inFlight.release());
            futures.add(f);
          }
        });
      }
      pool.shutdown();
      if (!pool.awaitTermination(1, TimeUnit.HOURS)) throw new IllegalStateException("submitters did not finish");
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
      return count / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Distinct clips (noise plus a tone per clip) so no run can reuse another's work. */
  static float[][] syntheticClips(int count, int samples) {
    Random random = new Random(42);
    float[][] clips = new float[count][samples];
    for (int c = 0; c < count; c++) {
      double w = 2 * Math.PI * (110 + 55 * c) / 32_000.0;
      for (int i = 0; i < samples; i++) clips[c][i] = (float) (0.3 * Math.sin(w * i) + 0.05 * random.nextGaussian());
    }
    return clips;
  }
}
