package io.musicrec.decode;

import io.musicrec.model.ClipPolicy;
import java.util.Arrays;

/**
 * Cuts a decoded track into the clip policy's windows. Every window has exactly {@code
 * windowSamples} samples: longer tracks are cut, shorter ones looped (never zero-padded, which
 * would skew pooled statistics).
 */
final class ClipCutter {
  private ClipCutter() {}

  /** How many leading samples of the track the policy reads; the rest need not be kept. */
  static int samplesNeeded(ClipPolicy policy, int windowSamples, long maxSamples) {
    return policy.mode() == ClipPolicy.Mode.WINDOWS ? (int) Math.min(Integer.MAX_VALUE - 8, maxSamples) : windowSamples;
  }

  /**
   * @param track the track's samples (at least the first {@link #samplesNeeded} of them)
   * @param length the track's full length in samples, at least 1
   */
  static float[][] cut(float[] track, long length, ClipPolicy policy, int windowSamples) {
    int windows = policy.mode() == ClipPolicy.Mode.WINDOWS ? policy.windows() : 1;
    float[][] out = new float[windows][];
    if (length < windowSamples) {
      float[] looped = loop(track, (int) length, windowSamples);
      for (int w = 0; w < windows; w++) out[w] = w == 0 ? looped : looped.clone();
      return out;
    }
    boolean spread = policy.mode() == ClipPolicy.Mode.WINDOWS;
    for (int w = 0; w < windows; w++) {
      int start = spread ? (int) windowStart(w, windows, length, windowSamples) : 0;
      out[w] = Arrays.copyOfRange(track, start, start + windowSamples);
    }
    return out;
  }

  /**
   * Evenly spaced windows: the first starts at the beginning, the last ends at the end, and the
   * ones between are spread at equal steps. A single window sits in the middle of the track.
   */
  static long windowStart(int window, int windows, long length, int windowSamples) {
    long slack = length - windowSamples;
    if (windows == 1) return slack / 2;
    return Math.round((double) slack * window / (windows - 1));
  }

  private static float[] loop(float[] track, int length, int windowSamples) {
    float[] out = new float[windowSamples];
    for (int filled = 0; filled < windowSamples; filled += length) {
      System.arraycopy(track, 0, out, filled, Math.min(length, windowSamples - filled));
    }
    return out;
  }
}
