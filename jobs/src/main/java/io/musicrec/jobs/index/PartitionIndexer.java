package io.musicrec.jobs.index;

import io.musicrec.config.IndexMode;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.decode.AudioDecoder;
import io.musicrec.decode.DecodeInput;
import io.musicrec.decode.DecodeOptions;
import io.musicrec.decode.DecodeResult;
import io.musicrec.decode.DecodedClip;
import io.musicrec.decode.ParallelDecoder;
import io.musicrec.decode.Reject;
import io.musicrec.embed.EmbedRejection;
import io.musicrec.embed.Embedder;
import io.musicrec.embed.GpuAssignment;
import io.musicrec.embed.SharedEmbedder;
import io.musicrec.model.ModelSpec;
import io.musicrec.source.HadoopFiles;
import io.musicrec.store.BulkWriter;
import io.musicrec.store.Point;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Indexes one partition: decode (worker threads, bounded read-ahead) overlaps inference (the
 * executor's shared batching session), which overlaps upserts (the store's bulk writer). Memory
 * stays bounded: a few decoded clips and at most {@link #MAX_EMBEDDING_IN_FLIGHT} embeddings.
 *
 * <p>Retries are safe: point ids derive from track ids, so a re-run task overwrites what a failed
 * attempt wrote. A track counts as upserted only after the writer's final flush succeeds.
 */
final class PartitionIndexer implements FlatMapFunction<Iterator<Row>, TrackOutcome> {
  static final int MAX_EMBEDDING_IN_FLIGHT = 64;

  private final MusicrecConfig config;
  private final ModelSpec spec;
  private final String collection;
  private final Broadcast<Map<String, String>> existing;
  private final LongAccumulator tracksDone;

  PartitionIndexer(MusicrecConfig config, ModelSpec spec, String collection,
      Broadcast<Map<String, String>> existing, LongAccumulator tracksDone) {
    this.config = config;
    this.spec = spec;
    this.collection = collection;
    this.existing = existing;
    this.tracksDone = tracksDone;
  }

  @Override
  public Iterator<TrackOutcome> call(Iterator<Row> rows) throws Exception {
    Configuration hadoop = HadoopFiles.taskConfiguration();
    AudioDecoder decoder = new AudioDecoder(DecodeOptions.of(spec, config.decode()));
    Embedder embedder = SharedEmbedder.get(spec, config.embed(), GpuAssignment.current());
    FaultInjection fault = FaultInjection.forTask(config.faults(), TaskContext.get());
    Run run = new Run(hadoop, embedder, fault);
    try (ParallelDecoder decoded = new ParallelDecoder(decoder, run.inputs(rows), decodeThreads());
        BulkWriter writer = SharedStores.get(config).bulkWriter(collection)) {
      while (decoded.hasNext()) {
        run.accept(decoded.next());
        run.writeFinished(writer, MAX_EMBEDDING_IN_FLIGHT);
      }
      run.writeFinished(writer, 0);
      writer.flush();
    }
    run.pendingUpserts.forEach(run.outcomes::add);
    return run.outcomes.iterator();
  }

  private int decodeThreads() {
    if (config.decode().threads() > 0) return config.decode().threads();
    TaskContext task = TaskContext.get();
    return task == null ? 1 : Math.max(1, task.cpus());
  }

  /** One task attempt's state. */
  private final class Run {
    final Configuration hadoop;
    final Embedder embedder;
    final FaultInjection fault;
    final Map<String, Track> byPath = new HashMap<>();
    final Deque<Embedding> inFlight = new ArrayDeque<>();
    final List<TrackOutcome> outcomes = new ArrayList<>();
    final List<TrackOutcome> pendingUpserts = new ArrayList<>();

    Run(Configuration hadoop, Embedder embedder, FaultInjection fault) {
      this.hadoop = hadoop;
      this.embedder = embedder;
      this.fault = fault;
    }

    /** The tracks to decode; in incremental runs, unchanged ones are recorded and skipped here. */
    Iterator<DecodeInput> inputs(Iterator<Row> rows) {
      return new Iterator<>() {
        private DecodeInput next;

        @Override
        public boolean hasNext() {
          while (next == null && rows.hasNext()) next = toInput(rows.next());
          return next != null;
        }

        @Override
        public DecodeInput next() {
          if (!hasNext()) throw new NoSuchElementException();
          DecodeInput input = next;
          next = null;
          return input;
        }
      };
    }

    private DecodeInput toInput(Row row) {
      Track track = new Track(row, new HashingOpener(hadoop, row.getAs("path")));
      if (config.mode() == IndexMode.INCREMENTAL && unchanged(track)) {
        done(TrackOutcome.unchanged(track.id(), track.path(), track.labelled()));
        return null;
      }
      byPath.put(track.path(), track);
      return new DecodeInput(track.path(), track.opener());
    }

    private boolean unchanged(Track track) {
      String stored = existing.value().get(track.id());
      if (stored == null) return false;
      try {
        return stored.equals(TrackPayload.fingerprint(track.opener().sha256(), spec));
      } catch (IOException e) {
        return false; // let the decoder meet the same error and record it as a reject
      }
    }

    void accept(DecodeResult result) {
      Track track = byPath.remove(result.path());
      if (result instanceof Reject reject) {
        done(TrackOutcome.rejected(track.id(), track.path(), reject.reason().toString(), reject.detail(), track.labelled()));
      } else {
        DecodedClip clip = (DecodedClip) result;
        inFlight.add(new Embedding(track, clip.durationSeconds(), embedder.submit(clip.windows())));
      }
    }

    /** Hands finished embeddings to the writer in order, waiting while more than {@code limit} are in flight. */
    void writeFinished(BulkWriter writer, int limit) {
      while (!inFlight.isEmpty() && (inFlight.size() > limit || inFlight.peek().future().isDone())) {
        Embedding e = inFlight.poll();
        try {
          float[] vector = e.future().join();
          String contentHash;
          try {
            contentHash = e.track().opener().sha256();
          } catch (IOException gone) {
            done(TrackOutcome.rejected(e.track().id(), e.track().path(), "io_error", gone.getMessage(), e.track().labelled()));
            continue;
          }
          writer.add(new Point(e.track().id(), vector,
              TrackPayload.of(e.track().row(), spec, contentHash, e.durationSeconds())));
          pendingUpserts.add(TrackOutcome.upserted(e.track().id(), e.track().path(), e.track().labelled(), e.durationSeconds()));
          tracksDone.add(1);
          fault.afterWrite(pendingUpserts.size(), writer);
        } catch (CompletionException failure) {
          if (!(failure.getCause() instanceof EmbedRejection rejection)) throw failure;
          done(TrackOutcome.rejected(e.track().id(), e.track().path(), rejection.reason().code(), rejection.getMessage(), e.track().labelled()));
        }
      }
    }

    private void done(TrackOutcome outcome) {
      outcomes.add(outcome);
      tracksDone.add(1);
    }
  }

  private record Track(Row row, HashingOpener opener) {
    String id() {
      return row.getAs("track_id");
    }

    String path() {
      return row.getAs("path");
    }

    boolean labelled() {
      return !row.isNullAt(row.fieldIndex("labelled"));
    }
  }

  private record Embedding(Track track, double durationSeconds, CompletableFuture<float[]> future) {}
}
