package io.musicrec.decode;

import static io.musicrec.decode.DecodeFixtures.RATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.musicrec.model.ClipPolicy;
import io.musicrec.model.ClipPolicy.Mode;
import io.musicrec.reject.RejectCode;
import io.musicrec.testing.audio.TestAudio;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where clips are cut and how short tracks are filled, read off a "time code" track: a ramp whose
 * sample value is {@code SLOPE * t}, so a window's samples say which seconds of the track it holds.
 */
class ClipPolicyDecodeTest {
  private static final double SLOPE = 0.05; // per second: 0.5 at 10 s
  @TempDir static Path dir;
  static Path tenSeconds;
  static Path oneAndAHalfSeconds;
  static Path halfSecond;

  @BeforeAll
  static void makeTracks() {
    // float WAV at the model's rate, so the ramp survives exactly (no quantisation, no resampling)
    tenSeconds = TestAudio.expression(SLOPE + "*t", RATE, 10, dir.resolve("ramp-10s.wav"), "-c:a", "pcm_f32le");
    oneAndAHalfSeconds = TestAudio.expression(SLOPE + "*t", RATE, 1.5, dir.resolve("ramp-1.5s.wav"), "-c:a", "pcm_f32le");
    halfSecond = TestAudio.expression(SLOPE + "*t", RATE, 0.5, dir.resolve("ramp-0.5s.wav"), "-c:a", "pcm_f32le");
  }

  private static DecodeOptions options(Mode mode, double seconds, int windows, double minSeconds) {
    return new DecodeOptions(RATE, new ClipPolicy(mode, seconds, windows, minSeconds), 20, 60);
  }

  /** The track time (s) the sample at {@code index} of a window came from. */
  private static double timeAt(float[] window, int index) {
    return window[index] / SLOPE;
  }

  @Test
  void firstTakesTheOpeningSeconds() {
    DecodedClip clip = DecodeFixtures.clip(options(Mode.FIRST, 3, 1, 1), tenSeconds);

    assertEquals(1, clip.windows().length);
    assertEquals(3 * RATE, clip.windowSamples());
    assertEquals(0.0, timeAt(clip.windows()[0], 0), 1e-4);
    assertEquals(3.0, timeAt(clip.windows()[0], 3 * RATE - 1), 1e-3);
    assertEquals(10.0, clip.durationSeconds(), 1e-9, "duration is the whole track's, not the clip's");
  }

  @Test
  void wholeIsCappedAtItsSeconds() {
    DecodedClip clip = DecodeFixtures.clip(options(Mode.WHOLE, 4, 1, 1), tenSeconds);

    assertEquals(1, clip.windows().length);
    assertEquals(4 * RATE, clip.windowSamples());
    assertEquals(0.0, timeAt(clip.windows()[0], 0), 1e-4);
    assertEquals(10.0, clip.durationSeconds(), 1e-9);
  }

  @Test
  void windowsAreEvenlySpacedFromStartToEnd() {
    DecodedClip clip = DecodeFixtures.clip(options(Mode.WINDOWS, 2, 3, 1), tenSeconds);

    assertEquals(3, clip.windows().length);
    // 10 s track, 2 s windows: the slack of 8 s is split into equal steps -> starts 0, 4, 8 s.
    double[] starts = {0, 4, 8};
    for (int w = 0; w < 3; w++) {
      float[] window = clip.windows()[w];
      assertEquals(2 * RATE, window.length);
      assertEquals(starts[w], timeAt(window, 0), 1e-3, "start of window " + w);
      assertEquals(starts[w] + 2, timeAt(window, window.length - 1), 1e-3, "end of window " + w);
    }
  }

  @Test
  void oneWindowSitsInTheMiddle() {
    DecodedClip clip = DecodeFixtures.clip(options(Mode.WINDOWS, 2, 1, 1), tenSeconds);

    assertEquals(1, clip.windows().length);
    assertEquals(4.0, timeAt(clip.windows()[0], 0), 1e-3);
  }

  @Test
  void shortTracksAreLoopedNotPadded() {
    DecodedClip clip = DecodeFixtures.clip(options(Mode.FIRST, 4, 1, 1), oneAndAHalfSeconds);

    float[] window = clip.windows()[0];
    int period = (int) Math.round(1.5 * RATE);
    assertEquals(4 * RATE, window.length, "same length as any other track's clip");
    assertEquals(1.5, clip.durationSeconds(), 1e-9);
    for (int i = 0; i < window.length; i++) {
      // A ramp that restarts every 1.5 s: the track repeated, never a run of zeros.
      assertEquals((i % period) / (double) RATE, timeAt(window, i), 1e-3, "sample " + i);
    }
  }

  @Test
  void shortTracksGiveWindowsOfTheSameLengthToo() {
    DecodedClip clip = DecodeFixtures.clip(options(Mode.WINDOWS, 2, 3, 1), oneAndAHalfSeconds);

    assertEquals(3, clip.windows().length);
    for (float[] window : clip.windows()) {
      assertEquals(2 * RATE, window.length);
      assertArrayEquals(clip.windows()[0], window);
    }
    assertEquals(1.4, timeAt(clip.windows()[0], (int) (1.4 * RATE)), 1e-3);
    assertEquals(0.1, timeAt(clip.windows()[0], (int) (1.6 * RATE)), 1e-3, "looped after 1.5 s");
  }

  @Test
  void tracksBelowTheMinimumAreRejectedNotLooped() {
    Reject reject = DecodeFixtures.reject(options(Mode.FIRST, 4, 1, 1), halfSecond);

    assertEquals(RejectCode.TOO_SHORT, reject.reason());
    assertEquals(halfSecond.toString(), reject.path());
  }

  @Test
  void maxSecondsCapsTheDecodedLength() {
    DecodeOptions capped = new DecodeOptions(RATE, new ClipPolicy(Mode.WINDOWS, 2, 2, 1), 20, 6);

    DecodedClip clip = DecodeFixtures.clip(capped, tenSeconds);

    assertEquals(6.0, clip.durationSeconds(), 1e-9);
    assertEquals(4.0, timeAt(clip.windows()[1], 0), 1e-3, "the last window ends at the cap");
  }

  @Test
  void maxSecondsMustCoverAClip() {
    assertThrows(IllegalArgumentException.class,
        () -> new DecodeOptions(RATE, new ClipPolicy(Mode.FIRST, 10, 1, 1), 20, 5));
  }
}
