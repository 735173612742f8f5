package io.musicrec.jobs.index;

import io.musicrec.reject.RejectCode;
import java.io.Serializable;

/**
 * What happened to one listed track in one successful task attempt. Small, so the driver can
 * collect one per track even for the full dataset.
 *
 * @param status upserted, rejected, unchanged or relabelled
 * @param reason why the track was rejected (listing, decode, embed or the job), null otherwise
 * @param labelled whether labels.json had a usable entry for the track
 * @param capped whether the track is longer than {@code decode.max_seconds} (only its start was decoded)
 * @param fromTable an upserted track whose vector came from the embeddings table (same file
 *     content and model), so nothing was decoded or embedded for it
 */
public record TrackOutcome(
    String trackId, String path, Status status, RejectCode reason, String detail, boolean labelled, double audioSeconds,
    boolean capped, boolean fromTable) implements Serializable {

  public enum Status { UPSERTED, REJECTED, UNCHANGED, RELABELLED }

  public static TrackOutcome upserted(String trackId, String path, boolean labelled, double audioSeconds, boolean capped) {
    return new TrackOutcome(trackId, path, Status.UPSERTED, null, null, labelled, audioSeconds, capped, false);
  }

  /** Upserted with the embeddings table's vector: no audio was decoded for it. */
  public static TrackOutcome fromTable(String trackId, String path, boolean labelled, boolean capped) {
    return new TrackOutcome(trackId, path, Status.UPSERTED, null, null, labelled, 0, capped, true);
  }

  public static TrackOutcome rejected(String trackId, String path, RejectCode reason, String detail, boolean labelled) {
    return new TrackOutcome(trackId, path, Status.REJECTED, reason, detail, labelled, 0, false, false);
  }

  public static TrackOutcome unchanged(String trackId, String path, boolean labelled) {
    return new TrackOutcome(trackId, path, Status.UNCHANGED, null, null, labelled, 0, false, false);
  }

  public static TrackOutcome relabelled(String trackId, String path, boolean labelled) {
    return new TrackOutcome(trackId, path, Status.RELABELLED, null, null, labelled, 0, false, false);
  }
}
