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
    int carry = 0; // bytes of an incomplete sample left from the previous read
    int n;
    while ((n = pcm.read(bytes, carry, bytes.length - carry)) >= 0) {
      int available = carry + n;
      int whole = available / Float.BYTES;
      ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, whole * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < whole; i++) add(buffer.getFloat());
      carry = available - whole * Float.BYTES;
      System.arraycopy(bytes, whole * Float.BYTES, bytes, 0, carry);
    }
  }

  private void add(float sample) {
    if (count >= countLimit) return; // ffmpeg's -t already caps output; this guards memory anyway
    count++;
    float magnitude = Math.abs(sample);
    if (magnitude > peak) peak = magnitude;
    if (kept < keepLimit) {
      if (kept == samples.length) samples = Arrays.copyOf(samples, (int) Math.min(keepLimit, 2L * kept));
      samples[kept++] = sample;
    }
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

  /** The kept samples: the first {@code min(count, keepLimit)} of the track. */
  float[] kept() {
    return samples.length == kept ? samples : Arrays.copyOf(samples, kept);
  }
}
