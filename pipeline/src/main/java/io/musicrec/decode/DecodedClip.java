package io.musicrec.decode;

/**
 * A decoded track, cut by the clip policy.
 *
 * @param path the track's path as given
 * @param windows one row per clip window (1 for whole/first, K for windows); all rows of all
 *     clips from one policy have the same length, {@link DecodeOptions#windowSamples()}
 * @param sampleRate rate of the samples (the model's)
 * @param durationSeconds decoded length of the whole track before clipping, at most {@code
 *     maxSeconds}
 * @param capped whether the track went on past {@code maxSeconds}: {@code durationSeconds} is then
 *     the cap, not the track's length
 */
public record DecodedClip(String path, float[][] windows, int sampleRate, double durationSeconds, boolean capped)
    implements DecodeResult {

  public int windowSamples() {
    return windows[0].length;
  }

  @Override
  public String toString() {
    return "DecodedClip[path=" + path + ", windows=" + windows.length + "x" + windowSamples()
        + ", sampleRate=" + sampleRate + ", durationSeconds=" + durationSeconds + ", capped=" + capped + "]";
  }
}
