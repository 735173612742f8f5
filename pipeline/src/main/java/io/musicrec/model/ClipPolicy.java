package io.musicrec.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which part of a track the model sees. Every clip a policy produces has the same length, so
 * batches never mix zero-padded short clips with long ones (padding skews pooled statistics).
 *
 * <ul>
 *   <li>{@code whole}: the whole track up to {@code seconds} (a cap, so batch shapes stay fixed);
 *       shorter tracks are looped up to that length.
 *   <li>{@code first}: the first {@code seconds}; shorter tracks are looped.
 *   <li>{@code windows}: {@code windows} evenly spaced windows of {@code seconds}, each embedded,
 *       then averaged.
 * </ul>
 *
 * A track shorter than {@code minSeconds} is rejected as too short rather than looped.
 */
public record ClipPolicy(
    Mode mode,
    double seconds,
    int windows,
    @JsonProperty("min_seconds") double minSeconds)
    implements java.io.Serializable {

  public enum Mode {
    @JsonProperty("whole") WHOLE,
    @JsonProperty("first") FIRST,
    @JsonProperty("windows") WINDOWS
  }

  public ClipPolicy {
    if (mode == null) mode = Mode.FIRST;
    if (seconds <= 0) seconds = 10;
    if (windows <= 0) windows = mode == Mode.WINDOWS ? 3 : 1;
    if (mode != Mode.WINDOWS) windows = 1;
    if (minSeconds <= 0) minSeconds = 1;
    if (minSeconds > seconds) {
      throw new IllegalArgumentException(
          "clip.min_seconds (" + minSeconds + ") must not exceed clip.seconds (" + seconds + ")");
    }
  }

  /** Samples in one clip window at the given rate. */
  public int samplesPerWindow(int sampleRate) {
    return (int) Math.round(seconds * sampleRate);
  }
}
