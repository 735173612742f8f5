package io.musicrec.jobs.index;

import java.util.List;
import java.util.Map;

/**
 * The run report (DESIGN.md "Reports"); field names are read by other tools, so they are stable:
 * counts.listed, counts.decoded, counts.rejected, counts.embedded, counts.upserted,
 * counts.missing_labels, rejects[] {path, reason}, timings, throughput.tracks_per_s.
 *
 * <p>Every listed file is counted once: {@code listed = decoded + from_table + rejected - embed
 * rejects + unchanged + relabelled}, and {@code rejected} is the sum of {@code rejected_by_reason}. Labels
 * entries that were left out are {@code label_rejects[] {track_id, reason, detail}}, outside those
 * file counts (their tracks are indexed without labels and counted in {@code missing_labels}).
 * {@code duplicates} is the near-duplicates section ({@link DuplicatesSection}), absent with
 * {@code --duplicates off}. {@code warnings} lists what went wrong without failing the run (e.g.
 * an embeddings table that could not be written: the index is complete, the next run re-embeds).
 */
public record IndexReport(
    String startedAt,
    String mode,
    String input,
    String labels,
    String store,
    String collection,
    Model model,
    Counts counts,
    List<Reject> rejects,
    List<LabelReject> labelRejects,
    Map<String, Double> timings,
    Throughput throughput,
    Map<String, Object> environment,
    DuplicatesSection duplicates,
    List<String> warnings) {

  public record Model(String name, String version, int dimension, String source) {}

  /**
   * @param decoded tracks whose audio decoded into a clip
   * @param embedded decoded tracks with a finite embedding
   * @param upserted points written and acknowledged by the store in this run, from_table included
   * @param fromTable upserted tracks whose vector came from the embeddings table (same file content
   *     and model): neither decoded nor embedded in this run
   * @param unchanged tracks an incremental run skipped (same content hash, model and labels)
   * @param relabelled tracks whose stored vector got new labels (incremental: audio unchanged,
   *     labels.json entry or file location changed), without decoding
   * @param deleted points removed because their file is gone (incremental)
   * @param durationCapped upserted tracks longer than {@code decode.max_seconds}: only their
   *     start was decoded, and their payload says {@code duration_capped: true}
   * @param missingLabels listed audio files without a usable labels.json entry (kept, payload
   *     partial), including those whose entry was rejected
   * @param labelsRejected labels.json entries left out: bad ones and second entries of an id
   * @param labelsWithoutAudio labels.json entries with no audio file
   * @param storeCount points the collection holds after the run
   */
  public record Counts(
      long listed,
      long decoded,
      long rejected,
      Map<String, Long> rejectedByReason,
      long embedded,
      long upserted,
      long fromTable,
      long unchanged,
      long relabelled,
      long deleted,
      long durationCapped,
      long missingLabels,
      long labelsRejected,
      long labelsWithoutAudio,
      long storeCount) {}

  public record Reject(String path, String reason, String detail) {}

  public record LabelReject(String trackId, String reason, String detail) {}

  public record Throughput(double tracksPerS, double audioSecondsPerS) {}
}
