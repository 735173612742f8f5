package io.musicrec.jobs.index;

import java.io.Serializable;

/**
 * What happened to one listed track in one successful task attempt. Small, so the driver can
 * collect one per track even for the full dataset.
 *
 * @param status upserted, rejected, unchanged or relabelled
 * @param reason the reject reason (decode or embed), null otherwise
 * @param labelled whether labels.json had an entry for the track
 */
public record TrackOutcome(
    String trackId, String path, Status status, String reason, String detail, boolean labelled, double audioSeconds)
    implements Serializable {

  public enum Status { UPSERTED, REJECTED, UNCHANGED, RELABELLED }

  public static TrackOutcome upserted(String trackId, String path, boolean labelled, double audioSeconds) {
    return new TrackOutcome(trackId, path, Status.UPSERTED, null, null, labelled, audioSeconds);
  }

  public static TrackOutcome rejected(String trackId, String path, String reason, String detail, boolean labelled) {
    return new TrackOutcome(trackId, path, Status.REJECTED, reason, detail, labelled, 0);
  }

  public static TrackOutcome unchanged(String trackId, String path, boolean labelled) {
    return new TrackOutcome(trackId, path, Status.UNCHANGED, null, null, labelled, 0);
  }

  public static TrackOutcome relabelled(String trackId, String path, boolean labelled) {
    return new TrackOutcome(trackId, path, Status.RELABELLED, null, null, labelled, 0);
  }
}
