package io.musicrec.decode;

import io.musicrec.config.Settings;
import io.musicrec.model.ClipPolicy;
import io.musicrec.model.ModelSpec;
import java.io.Serializable;

/**
 * What the decoder produces and the limits it works under.
 *
 * @param sampleRate the model's sample rate; output is mono float PCM at this rate
 * @param clip which part of each track becomes the clip(s)
 * @param timeoutS wall-clock limit for one file, from opening its stream to the last sample
 * @param maxSeconds decoded audio beyond this is never produced (ffmpeg {@code -t}), which bounds
 *     memory and time for very long files; must cover at least one clip window
 */
public record DecodeOptions(int sampleRate, ClipPolicy clip, int timeoutS, int maxSeconds)
    implements Serializable {

  public DecodeOptions {
    if (sampleRate < 8000 || sampleRate > 96000) {
      throw new IllegalArgumentException("sampleRate must be 8000..96000, got " + sampleRate);
    }
    if (clip == null) throw new IllegalArgumentException("clip policy is required");
    if (timeoutS <= 0) throw new IllegalArgumentException("timeoutS must be positive, got " + timeoutS);
    if (maxSeconds < Math.ceil(clip.seconds())) {
      throw new IllegalArgumentException(
          "decode max_seconds (" + maxSeconds + ") must be at least the clip length (" + clip.seconds() + " s)");
    }
  }

  public static DecodeOptions of(ModelSpec model, Settings.Decode decode) {
    return new DecodeOptions(model.sampleRate(), model.clip(), decode.timeoutS(), decode.maxSeconds());
  }

  /** Samples in one output window. */
  public int windowSamples() {
    return clip.samplesPerWindow(sampleRate);
  }

  /** Decoded tracks shorter than this are rejected (too_short or truncated), never looped. */
  public int minSamples() {
    return (int) Math.ceil(clip.minSeconds() * sampleRate);
  }

  /** The most samples one decode can yield. */
  public long maxSamples() {
    return (long) maxSeconds * sampleRate;
  }
}
