package io.musicrec.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.musicrec.config.ConfigException;
import io.musicrec.config.Settings;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.onnx.OnnxModelSource;
import io.musicrec.reject.RejectCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ONNX Runtime session fed by a queue: windows submitted by concurrent callers are coalesced
 * into batches of up to {@code batch_size} rows of equal length, waiting at most {@code
 * max_wait_ms} for a batch to fill, so a GPU sees full batches even when each caller decodes
 * slowly. Windows of different lengths are never padded into one batch. A single daemon worker
 * runs the session: one run at a time is what a GPU wants, and the CPU provider parallelises
 * inside each run (intra-op threads).
 */
public final class BatchingEmbedder implements Embedder, AutoCloseable {
  private static final AtomicInteger SESSIONS_OPENED = new AtomicInteger();
  private static final long IDLE_POLL_MS = 200;

  private final ModelSpec spec;
  private final OrtSession session;
  private final String provider;
  private final int batchSize;
  private final long maxWaitNanos;
  private final LinkedBlockingQueue<Row> incoming = new LinkedBlockingQueue<>();
  private final Thread worker;
  private volatile boolean closed;

  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong fullBatches = new AtomicLong();
  private final AtomicLong tracks = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  private ByteBuffer inputBuffer = ByteBuffer.allocateDirect(0);

  private BatchingEmbedder(ModelSpec spec, OrtSessions.Opened opened, Settings.Embed settings) {
    this.spec = spec;
    this.session = opened.session();
    this.provider = opened.provider();
    this.batchSize = settings.batchSize();
    this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(settings.maxWaitMs());
    this.worker = new Thread(this::runWorker, "musicrec-embed-" + spec.name());
    worker.setDaemon(true);
  }

  /** Opens a session for {@code spec} and starts its worker; the caller owns and closes it. */
  public static BatchingEmbedder open(ModelSpec spec, Settings.Embed settings, OptionalInt cudaDevice) {
    OrtSessions.Opened opened = OrtSessions.open(OnnxModelSource.forSpec(spec), settings, cudaDevice);
    try {
      checkSignature(spec, opened.session());
    } catch (RuntimeException e) {
      closeQuietly(opened.session());
      throw e;
    }
    SESSIONS_OPENED.incrementAndGet();
    BatchingEmbedder embedder = new BatchingEmbedder(spec, opened, settings);
    embedder.worker.start();
    return embedder;
  }

  /** Sessions opened in this JVM so far (tests check that concurrent callers share one). */
  public static int sessionsOpened() {
    return SESSIONS_OPENED.get();
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public String provider() {
    return provider;
  }

  @Override
  public EmbedStats stats() {
    return new EmbedStats(batches.get(), rows.get(), fullBatches.get(), tracks.get(), rejected.get(), batchSize);
  }

  @Override
  public CompletableFuture<TrackEmbedding> submit(float[][] windows) {
    if (windows == null || windows.length == 0) throw new IllegalArgumentException("a track needs at least one window");
    int length = windows[0].length;
    for (float[] w : windows) {
      if (w == null || w.length != length || length == 0) {
        throw new IllegalArgumentException("all windows of a track must be non-empty and of equal length");
      }
    }
    if (closed) throw new IllegalStateException("embedder for " + spec.fingerprint() + " is closed");
    for (float[] w : windows) {
      for (float v : w) {
        if (!Float.isFinite(v)) {
          rejected.incrementAndGet();
          return CompletableFuture.failedFuture(new EmbedRejection(
              RejectCode.NON_FINITE_INPUT, "audio samples contain NaN or infinity"));
        }
      }
    }
    Track track = new Track(windows.length, new CompletableFuture<TrackEmbedding>());
    long now = System.nanoTime();
    for (float[] w : windows) incoming.add(new Row(w, track, now));
    return track.result;
  }

  /** Stops the worker, fails whatever is still queued and releases the session. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    worker.interrupt();
    try {
      worker.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Row> left = new ArrayList<>();
    incoming.drainTo(left);
    IllegalStateException stopped = new IllegalStateException("embedder closed before this track ran");
    for (Row row : left) row.track.result.completeExceptionally(stopped);
    closeQuietly(session);
  }

  private void runWorker() {
    Map<Integer, ArrayDeque<Row>> pending = new LinkedHashMap<>();
    try {
      while (!closed) {
        if (pending.isEmpty()) {
          Row first = incoming.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
          if (first == null) continue;
          add(pending, first);
        }
        List<Row> arrived = new ArrayList<>();
        incoming.drainTo(arrived);
        arrived.forEach(r -> add(pending, r));
        ArrayDeque<Row> group = nextGroup(pending);
        long deadline = group.peekFirst().enqueuedNanos + maxWaitNanos;
        while (group.size() < batchSize) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) break;
          Row row = incoming.poll(remaining, TimeUnit.NANOSECONDS);
          if (row == null) break;
          add(pending, row);
        }
        List<Row> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && !group.isEmpty()) batch.add(group.pollFirst());
        if (group.isEmpty()) pending.values().remove(group);
        runBatch(batch);
      }
    } catch (InterruptedException e) {
      // close() interrupts us; queued rows are failed below.
    } finally {
      IllegalStateException stopped = new IllegalStateException("embedder closed before this track ran");
      pending.values().forEach(g -> g.forEach(r -> r.track.result.completeExceptionally(stopped)));
    }
  }

  private static void add(Map<Integer, ArrayDeque<Row>> pending, Row row) {
    pending.computeIfAbsent(row.samples.length, k -> new ArrayDeque<>()).addLast(row);
  }

  /** A group that can fill a batch now, else the one holding the oldest row. */
  private ArrayDeque<Row> nextGroup(Map<Integer, ArrayDeque<Row>> pending) {
    ArrayDeque<Row> oldest = null;
    for (ArrayDeque<Row> group : pending.values()) {
      if (group.size() >= batchSize) return group;
      if (oldest == null || group.peekFirst().enqueuedNanos < oldest.peekFirst().enqueuedNanos) oldest = group;
    }
    return oldest;
  }

  private void runBatch(List<Row> batch) {
    int n = batch.size();
    int length = batch.get(0).samples.length;
    Outputs output;
    try {
      output = infer(batch, n, length);
    } catch (OrtException | RuntimeException e) {
      EmbedException failure = new EmbedException("inference failed for a batch of " + n + " windows of "
          + length + " samples with " + spec.fingerprint() + ": " + e.getMessage(), e);
      batch.forEach(r -> r.track.result.completeExceptionally(failure));
      return;
    }
    batches.incrementAndGet();
    rows.addAndGet(n);
    if (n == batchSize) fullBatches.incrementAndGet();
    for (int i = 0; i < n; i++) {
      Row row = batch.get(i);
      if (row.track.accumulate(output, i, spec.dimension(), spec.tags().size())) finish(row.track);
    }
  }

  /** One batch's outputs, row-major: embeddings [n, dimension] and tag probabilities [n, tags] (or none). */
  private record Outputs(float[] embeddings, float[] tags) {}

  private Outputs infer(List<Row> batch, int n, int length) throws OrtException {
    long bytes = 4L * n * length;
    if (inputBuffer.capacity() < bytes) inputBuffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    inputBuffer.clear();
    FloatBuffer floats = inputBuffer.asFloatBuffer();
    for (Row row : batch) floats.put(row.samples);
    floats.flip();
    OrtEnvironment env = OrtSessions.environment();
    Set<String> wanted = spec.hasTags() ? Set.of(spec.output(), spec.tagsOutput()) : Set.of(spec.output());
    try (OnnxTensor input = OnnxTensor.createTensor(env, floats, new long[] {n, length});
        OrtSession.Result result = session.run(Map.of(spec.input(), input), wanted)) {
      float[] embeddings = rows(result, spec.output(), n, spec.dimension(), "dimension");
      float[] tags = spec.hasTags() ? rows(result, spec.tagsOutput(), n, spec.tags().size(), "tags") : null;
      return new Outputs(embeddings, tags);
    }
  }

  private static float[] rows(OrtSession.Result result, String name, int n, int width, String key) throws OrtException {
    OnnxValue value = result.get(name).orElseThrow(() -> new EmbedException("the model gave no output '" + name + "'"));
    long[] shape = ((TensorInfo) value.getInfo()).getShape();
    if (shape.length != 2 || shape[0] != n || shape[1] != width) {
      throw new EmbedException("output '" + name + "' has shape " + java.util.Arrays.toString(shape)
          + ", expected [" + n + ", " + width + "] (check '" + key + "' in the model spec)");
    }
    FloatBuffer out = ((OnnxTensor) value).getFloatBuffer();
    float[] values = new float[out.remaining()];
    out.get(values);
    return values;
  }

  private void finish(Track track) {
    double[] sum = track.sum;
    boolean finite = true;
    double norm = 0;
    for (double v : sum) {
      finite &= Double.isFinite(v);
      norm += v * v;
    }
    if (!finite) {
      rejected.incrementAndGet();
      track.result.completeExceptionally(new EmbedRejection(
          RejectCode.NON_FINITE_OUTPUT, "the model produced NaN or infinity for this track"));
      return;
    }
    norm = Math.sqrt(norm);
    double scale = spec.normalize() ? (norm > 0 ? 1 / norm : 0) : 1.0 / track.windows;
    float[] embedding = new float[sum.length];
    for (int i = 0; i < sum.length; i++) embedding[i] = (float) (sum[i] * scale);
    float[] tags = null;
    if (track.tagSum != null) {
      tags = new float[track.tagSum.length];
      for (int i = 0; i < tags.length; i++) tags[i] = (float) (track.tagSum[i] / track.windows);
    }
    tracks.incrementAndGet();
    track.result.complete(new TrackEmbedding(embedding, tags));
  }

  private static void checkSignature(ModelSpec spec, OrtSession session) {
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      boolean tagsMissing = spec.hasTags() && !outputs.containsKey(spec.tagsOutput());
      if (!inputs.containsKey(spec.input()) || !outputs.containsKey(spec.output()) || tagsMissing) {
        throw new ConfigException("model " + spec.name() + ": spec names input '" + spec.input() + "' and output '"
            + spec.output() + "'" + (spec.hasTags() ? " and tags_output '" + spec.tagsOutput() + "'" : "")
            + ", but the graph has inputs " + inputs.keySet() + " and outputs " + outputs.keySet());
      }
      if (spec.hasTags()) {
        long[] tagShape = ((TensorInfo) outputs.get(spec.tagsOutput()).getInfo()).getShape();
        if (tagShape.length == 2 && tagShape[1] > 0 && tagShape[1] != spec.tags().size()) {
          throw new ConfigException("model " + spec.name() + ": output '" + spec.tagsOutput() + "' has "
              + tagShape[1] + " tags but the spec lists " + spec.tags().size());
        }
      }
      long[] shape = ((TensorInfo) outputs.get(spec.output()).getInfo()).getShape();
      if (shape.length == 2 && shape[1] > 0 && shape[1] != spec.dimension()) {
        throw new ConfigException("model " + spec.name() + ": output '" + spec.output() + "' has dimension "
            + shape[1] + " but the spec says dimension " + spec.dimension());
      }
      long[] inputShape = ((TensorInfo) inputs.get(spec.input()).getInfo()).getShape();
      if (inputShape.length != 2) {
        throw new ConfigException("model " + spec.name() + ": input '" + spec.input() + "' has shape "
            + java.util.Arrays.toString(inputShape) + ", but the pipeline feeds [batch, samples] (mono waveforms)");
      }
      GraphMetadata.check(spec, session.getMetadata().getCustomMetadata());
    } catch (OrtException e) {
      throw new EmbedException("cannot read the signature of model " + spec.name(), e);
    }
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException ignored) {
      // Closing releases native memory; nothing useful to do if it reports an error.
    }
  }

  /** One submitted track: the running sum of its window embeddings. Touched only by the worker. */
  private static final class Track {
    final int windows;
    final CompletableFuture<TrackEmbedding> result;
    double[] sum;
    double[] tagSum;
    int received;

    Track(int windows, CompletableFuture<TrackEmbedding> result) {
      this.windows = windows;
      this.result = result;
    }

    /** Adds row {@code row} of the batch's outputs; true when it was the track's last window. */
    boolean accumulate(Outputs output, int row, int dim, int tags) {
      if (sum == null) sum = new double[dim];
      for (int i = 0; i < dim; i++) sum[i] += output.embeddings()[row * dim + i];
      if (output.tags() != null) {
        if (tagSum == null) tagSum = new double[tags];
        for (int i = 0; i < tags; i++) tagSum[i] += output.tags()[row * tags + i];
      }
      return ++received == windows;
    }
  }

  private record Row(float[] samples, Track track, long enqueuedNanos) {}
}
