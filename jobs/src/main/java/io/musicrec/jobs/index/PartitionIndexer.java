package io.musicrec.jobs.index;

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
import io.musicrec.embed.TrackEmbedding;
import io.musicrec.reject.RejectCode;
import io.musicrec.runtime.PerJvm;
import io.musicrec.source.Columns;
import io.musicrec.source.HadoopFiles;
import io.musicrec.store.BulkWriter;
import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
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
 * <p>With an embeddings table, a track to decode whose file has the content hash of its table row
 * is written from the table's vector instead (no decode, no inference), and every point written
 * comes back with its table row ({@link TaskResult}). Unchanged tracks the table lacks (or holds
 * with other labels) are read back from the store, so the table catches up with the store.
 *
 * <p>Retries are safe: point ids derive from track ids, so a re-run task overwrites what a failed
 * attempt wrote. A track counts as upserted only after the writer's final flush succeeds.
 */
final class PartitionIndexer implements FlatMapFunction<Iterator<Row>, TaskResult> {
  static final int MAX_EMBEDDING_IN_FLIGHT = 64;
  /** Tracks whose labels changed (or whose table row is missing) are read back from the store this many at a time. */
  static final int READ_BACK_BATCH = 100;

  private final TaskSettings settings;
  private final Broadcast<IncrementalPlan> plan;
  private final LongAccumulator tracksDone;

  /**
   * @param settings the part of the run's config a task uses
   * @param plan the driver's incremental decisions, broadcast once per executor
   * @param tracksDone counts every listed track this task settles (the progress bar reads it)
   */
  PartitionIndexer(TaskSettings settings, Broadcast<IncrementalPlan> plan, LongAccumulator tracksDone) {
    this.settings = settings;
    this.plan = plan;
    this.tracksDone = tracksDone;
  }

  @Override
  public Iterator<TaskResult> call(Iterator<Row> rows) throws Exception {
    Configuration hadoop = HadoopFiles.taskConfiguration();
    AudioDecoder decoder = new AudioDecoder(DecodeOptions.of(settings.spec(), settings.decode()));
    Embedder embedder = PerJvm.embedder(settings.spec(), settings.embed(), GpuAssignment.current());
    VectorStore store = settings.openStore();
    try (BulkWriter writer = store.bulkWriter(settings.collection())) {
      Run run = new Run(hadoop, embedder, store, writer, plan.value());
      try (ParallelDecoder decoded = new ParallelDecoder(decoder, run.inputs(rows), decodeThreads())) {
        while (decoded.hasNext()) {
          run.accept(decoded.next());
          run.writeFinished(MAX_EMBEDDING_IN_FLIGHT);
        }
      }
      run.writeFinished(0);
      writer.flush();
      run.results.addAll(run.pendingUpserts);
      return run.results.iterator();
    }
  }

  private int decodeThreads() {
    if (settings.decode().threads() > 0) return settings.decode().threads();
    TaskContext task = TaskContext.get();
    return task == null ? 1 : Math.max(1, task.cpus());
  }

  /** One task attempt's state. */
  private final class Run {
    final Configuration hadoop;
    final Embedder embedder;
    final VectorStore store;
    final BulkWriter writer;
    final IncrementalPlan plan;
    final Map<String, ListedTrack> byPath = new HashMap<>();
    /** Unchanged audio, changed labels: waiting to be read back from the store and rewritten. */
    final Map<String, ListedTrack> relabels = new LinkedHashMap<>();
    /** Unchanged tracks the embeddings table lacks: their stored points are read back for it. */
    final Map<String, ListedTrack> catchUps = new LinkedHashMap<>();
    /** Tracks to decode after all, because the store no longer had their point. */
    final Deque<ListedTrack> decodeAfterAll = new ArrayDeque<>();
    final Deque<Embedding> inFlight = new ArrayDeque<>();
    final List<TaskResult> results = new ArrayList<>();
    final List<TaskResult> pendingUpserts = new ArrayList<>();

    Run(Configuration hadoop, Embedder embedder, VectorStore store, BulkWriter writer, IncrementalPlan plan) {
      this.hadoop = hadoop;
      this.embedder = embedder;
      this.store = store;
      this.writer = writer;
      this.plan = plan;
    }

    /**
     * The tracks to decode. In incremental runs, unchanged tracks are recorded and skipped here,
     * and relabelled ones are rewritten from their stored vectors (on this, the task's thread).
     */
    Iterator<DecodeInput> inputs(Iterator<Row> rows) {
      return new Iterator<>() {
        private DecodeInput next;

        @Override
        public boolean hasNext() {
          while (next == null) {
            if (!decodeAfterAll.isEmpty()) next = decodeInput(decodeAfterAll.poll());
            else if (rows.hasNext()) next = toInput(rows.next());
            else if (!relabels.isEmpty()) relabelPending();
            else if (!catchUps.isEmpty()) catchUpPending();
            else break;
          }
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
      ListedTrack track = new ListedTrack(row, new HashingOpener(hadoop, row.getAs(Columns.PATH)));
      String listingReject = row.getAs(Columns.REJECT_REASON);
      if (listingReject != null) { // a broken link, a FIFO, a duplicate id: nothing to read
        done(TrackOutcome.rejected(track.id(), track.path(), RejectCode.fromCode(listingReject),
            row.getAs(Columns.REJECT_DETAIL), track.labelled()));
        return null;
      }
      String labelsHash = TrackPayload.labelsHash(row);
      switch (plan.actionFor(track.id(), track.opener()::sha256, labelsHash)) {
        case DECODE -> {
          if (settings.table() && writeFromTable(track)) return null;
          return decodeInput(track);
        }
        case UNCHANGED -> {
          if (settings.table() && !track.tableHolds(labelsHash)) {
            catchUps.put(track.id(), track);
            if (catchUps.size() >= READ_BACK_BATCH) catchUpPending();
          } else {
            done(TrackOutcome.unchanged(track.id(), track.path(), track.labelled()));
          }
        }
        case RELABEL -> {
          relabels.put(track.id(), track);
          if (relabels.size() >= READ_BACK_BATCH) relabelPending();
        }
      }
      return null;
    }

    private DecodeInput decodeInput(ListedTrack track) {
      settings.hooks().beforeDecode(track.path());
      byPath.put(track.path(), track);
      return new DecodeInput(track.path(), track.opener());
    }

    /** Gives the stored vectors of relabelled tracks their new payload: no decoding, no inference. */
    private void relabelPending() {
      readBack(relabels, (track, point) -> {
        Point relabelled = new Point(track.id(), point.vector(), TrackPayload.relabelled(point.payload(), track.row()));
        writer.add(relabelled);
        pendingUpserts.add(result(TrackOutcome.relabelled(track.id(), track.path(), track.labelled()), relabelled, track));
      });
    }

    /**
     * Reads the stored points of {@code pending} back in one request and hands each to {@code use};
     * a track whose point is gone (deleted since the run began) is indexed like a new track.
     */
    private void readBack(Map<String, ListedTrack> pending, BiConsumer<ListedTrack, Point> use) {
      Map<String, Point> points = new HashMap<>();
      store.retrieve(settings.collection(), pending.keySet()).forEach(p -> points.put(p.trackId(), p));
      for (ListedTrack track : pending.values()) {
        Point point = points.get(track.id());
        if (point == null) {
          decodeAfterAll.add(track);
          continue;
        }
        use.accept(track, point);
        tracksDone.add(1);
      }
      pending.clear();
    }

    /**
     * Writes a track to decode from its table row when the row was made from the same bytes (same
     * content hash, and the table's folder is this model's): the point a decode would give, at the
     * cost of hashing the file. False when the row is missing or stale, or the file cannot be read
     * (the decoder then meets the same error and records the reject).
     */
    private boolean writeFromTable(ListedTrack track) {
      ListedTrack.TableAudio audio = track.tableAudio(settings.spec());
      if (audio == null) return false;
      String contentHash;
      try {
        contentHash = track.opener().sha256();
      } catch (IOException | RuntimeException unreadable) {
        return false;
      }
      if (!contentHash.equals(track.tableContentHash())) return false;
      Point point = new Point(track.id(), audio.vector(),
          TrackPayload.of(track.row(), settings.spec(), contentHash, audio.durationSeconds(), audio.capped(), audio.tags()));
      writer.add(point);
      TrackOutcome outcome = TrackOutcome.fromTable(track.id(), track.path(), track.labelled(), audio.capped());
      boolean sameLabels = point.payload().get(TrackPayload.LABELS_HASH).equals(track.row().getAs(TableStep.TABLE_LABELS_HASH));
      // A row that already says all this stays as it is: a repeated load rewrites nothing.
      pendingUpserts.add(sameLabels ? new TaskResult(outcome, null, true) : result(outcome, point, track));
      tracksDone.add(1);
      settings.hooks().afterWrite(TaskContext.get(), pendingUpserts.size(), writer);
      return true;
    }

    /** Unchanged tracks the table lacks: their stored points become their table rows (nothing is written to the store). */
    private void catchUpPending() {
      readBack(catchUps, (track, point) ->
          results.add(result(TrackOutcome.unchanged(track.id(), track.path(), track.labelled()), point, track)));
    }

    /** The outcome, with the point's table row when the run keeps a table. */
    private TaskResult result(TrackOutcome outcome, Point point, ListedTrack track) {
      return TaskResult.of(outcome, settings.table() ? TaskResult.Entry.of(point, track.listedFile()) : null);
    }

    void accept(DecodeResult result) {
      ListedTrack track = byPath.remove(result.path());
      if (result instanceof Reject reject) {
        done(TrackOutcome.rejected(track.id(), track.path(), reject.reason(), reject.detail(), track.labelled()));
      } else {
        DecodedClip clip = (DecodedClip) result;
        inFlight.add(new Embedding(track, clip.durationSeconds(), clip.capped(), embedder.submit(clip.windows())));
      }
    }

    /** Hands finished embeddings to the writer in order, waiting while more than {@code limit} are in flight. */
    void writeFinished(int limit) {
      while (!inFlight.isEmpty() && (inFlight.size() > limit || inFlight.peek().future().isDone())) {
        Embedding e = inFlight.poll();
        try {
          TrackEmbedding embedding = e.future().join();
          String contentHash;
          try {
            contentHash = e.track().opener().sha256();
          } catch (IOException | RuntimeException gone) { // one file's problem, never the run's
            done(TrackOutcome.rejected(e.track().id(), e.track().path(), RejectCode.IO_ERROR, gone.toString(), e.track().labelled()));
            continue;
          }
          Point point = new Point(e.track().id(), embedding.vector(),
              TrackPayload.of(e.track().row(), settings.spec(), contentHash, e.durationSeconds(), e.capped(), embedding));
          writer.add(point);
          pendingUpserts.add(result(TrackOutcome.upserted(e.track().id(), e.track().path(), e.track().labelled(),
              e.durationSeconds(), e.capped()), point, e.track()));
          tracksDone.add(1);
          settings.hooks().afterWrite(TaskContext.get(), pendingUpserts.size(), writer);
        } catch (CompletionException failure) {
          if (!(failure.getCause() instanceof EmbedRejection rejection)) throw failure;
          done(TrackOutcome.rejected(e.track().id(), e.track().path(), rejection.reason(), rejection.getMessage(), e.track().labelled()));
        }
      }
    }

    private void done(TrackOutcome outcome) {
      results.add(TaskResult.of(outcome));
      tracksDone.add(1);
    }
  }

  private record Embedding(ListedTrack track, double durationSeconds, boolean capped, CompletableFuture<TrackEmbedding> future) {}
}
