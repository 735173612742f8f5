package io.musicrec.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Little-endian float32 samples read from ffmpeg's stdout. Keeps at most {@code keepLimit}
 * samples (the clip policy says how many it needs) but counts all of them and tracks the peak
 * over all of them, so length and silence checks see the whole track.
 */
final class PcmBuffer {
  private static final int INITIAL_CAPACITY = 1 << 18;

  private final int keepLimit;
  private final long countLimit;
  private float[] samples;
  private int kept;
  private long count;
  private float peak;

  PcmBuffer(int keepLimit, long countLimit) {
    this.keepLimit = keepLimit;
    this.countLimit = countLimit;
    this.samples = new float[Math.min(keepLimit, INITIAL_CAPACITY)];
  }

  /** Reads the stream to its end; runs on its own thread. */
  void consume(InputStream pcm) throws IOException {
    byte[] bytes = new byte[1 << 16];
    float[] scratch = new float[bytes.length / Float.BYTES];
    int carry = 0; // bytes of an incomplete sample left from the previous read
    int n;
    while ((n = pcm.read(bytes, carry, bytes.length - carry)) >= 0) {
      int available = carry + n;
      int whole = available / Float.BYTES;
      ByteBuffer.wrap(bytes, 0, whole * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(scratch, 0, whole);
      add(scratch, whole);
      carry = available - whole * Float.BYTES;
      System.arraycopy(bytes, whole * Float.BYTES, bytes, 0, carry);
    }
  }

  private void add(float[] chunk, int length) {
    // ffmpeg's -t already caps the output; this guards memory anyway
    int accepted = (int) Math.min(length, countLimit - count);
    if (accepted <= 0) return;
    float max = peak;
    for (int i = 0; i < accepted; i++) max = Math.max(max, Math.abs(chunk[i]));
    peak = max;
    int keep = Math.min(accepted, keepLimit - kept);
    if (keep > 0) {
      if (kept + keep > samples.length) {
        samples = Arrays.copyOf(samples, (int) Math.min(keepLimit, Math.max(2L * samples.length, kept + keep)));
      }
      System.arraycopy(chunk, 0, samples, kept, keep);
      kept += keep;
    }
    count += accepted;
  }

  /** Drops samples beyond {@code length} (e.g. MP3 end padding ffmpeg left on when piping). */
  void truncate(long length) {
    if (length < count) {
      count = length;
      kept = (int) Math.min(kept, length);
    }
  }

  long count() {
    return count;
  }

  float peak() {
    return peak;
  }

  /**
   * The kept samples: the first {@code min(count, keepLimit)} of the track, at the start of the
   * returned array (which may be longer; not copied).
   */
  float[] samples() {
    return samples;
  }
}
