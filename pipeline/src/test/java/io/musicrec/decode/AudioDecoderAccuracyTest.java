package io.musicrec.decode;

import static io.musicrec.decode.DecodeFixtures.RATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.testing.audio.Signals;
import io.musicrec.testing.audio.TestAudio;
import io.musicrec.testing.audio.TestAudio.Tone;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoded PCM against the analytic signal it was made from: frequency, amplitude, sample-by-sample
 * error and exact length after downmix and resampling, across input rates, channel layouts and
 * formats.
 */
class AudioDecoderAccuracyTest {
  private static final double SECONDS = 3;
  private static final double FREQUENCY = 1000;
  private static final double AMPLITUDE = 0.5;
  /** The whole 3 s tone in one window, so the whole decoded signal can be checked. */
  private static final DecodeOptions OPTIONS = DecodeFixtures.first(SECONDS, 1);

  @TempDir static Path dir;

  static Stream<Arguments> rateAndChannels() {
    return Stream.of(
        Arguments.of(8000, 1), Arguments.of(22050, 1), Arguments.of(44100, 2), Arguments.of(48000, 2),
        Arguments.of(96000, 2), Arguments.of(44100, 6), Arguments.of(96000, 6), Arguments.of(32000, 1));
  }

  @ParameterizedTest(name = "wav {0} Hz, {1} channels")
  @MethodSource("rateAndChannels")
  void resamplesAndDownmixesExactly(int rate, int channels) {
    Tone tone = new Tone(FREQUENCY, AMPLITUDE, rate, channels, SECONDS);
    Path file = TestAudio.tone(tone, dir.resolve("tone-" + rate + "-" + channels + ".wav"), "-c:a", "pcm_f32le");

    DecodedClip clip = DecodeFixtures.clip(OPTIONS, file);

    float[] x = clip.windows()[0];
    int n = (int) Math.round(clip.durationSeconds() * RATE);
    assertEquals(Math.round(SECONDS * RATE), n, "decoded length in samples at " + RATE + " Hz");
    assertEquals(1, clip.windows().length);
    assertEquals(RATE, clip.sampleRate());
    int from = RATE / 10;
    int to = n - RATE / 10;
    assertEquals(FREQUENCY, Signals.frequency(x, RATE, from, to), FREQUENCY * 1e-4);
    // The downmix is a normalised mean: the same tone in every channel comes out unchanged.
    assertEquals(AMPLITUDE, Signals.sineAmplitude(x, from, to), AMPLITUDE * 1e-3);
    assertTrue(Signals.relativeErrorVsSine(x, RATE, FREQUENCY, AMPLITUDE, from, to) < 1e-3,
        "sample-by-sample error vs the reference sine");
  }

  /**
   * @param lengthSlack samples the decoded length may exceed the tone's: ffmpeg 4.4 leaves the
   *     last Vorbis packet's padding on (a file read by path shows the same 270 samples)
   */
  record Format(String name, String extension, boolean lossy, int lengthSlack, BiFunction<Tone, Path, Path> writer) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Format> formats() {
    return Stream.of(
        new Format("mp3 cbr 192k", "mp3", true, 0, (t, f) -> TestAudio.mp3Cbr(t, f, 192)),
        new Format("mp3 cbr 48k mono 22.05k (MPEG-2)", "mp3", true, 0, (t, f) -> TestAudio.mp3Cbr(t.channels(1).rate(22050), f, 48)),
        new Format("mp3 vbr q2", "mp3", true, 0, (t, f) -> TestAudio.mp3Vbr(t, f, 2)),
        new Format("mp3 id3v2 png cover", "mp3", true, 0,
            (t, f) -> TestAudio.mp3WithCoverArt(t, f, TestAudio.picture(f.resolveSibling(f.getFileName() + ".png"), 300))),
        new Format("mp3 id3v2 jpeg cover", "mp3", true, 0,
            (t, f) -> TestAudio.mp3WithCoverArt(t, f, TestAudio.picture(f.resolveSibling(f.getFileName() + ".jpg"), 300))),
        new Format("wav s16", "wav", false, 0, TestAudio::wav),
        new Format("flac", "flac", false, 0, TestAudio::flac),
        new Format("ogg vorbis", "ogg", true, 320, TestAudio::oggVorbis));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void decodesEveryFormatToTheReferenceSignal(Format format) throws Exception {
    Tone tone = new Tone(FREQUENCY, AMPLITUDE, 44100, 2, SECONDS);
    Path file = format.writer().apply(tone, dir.resolve(format.name().replaceAll("\\W+", "-") + "." + format.extension()));

    DecodedClip clip = DecodeFixtures.clip(OPTIONS, file);

    float[] x = clip.windows()[0];
    long n = Math.round(clip.durationSeconds() * RATE);
    long expected = Math.round(SECONDS * RATE);
    assertTrue(n >= expected && n <= expected + format.lengthSlack(), "decoded length " + n + " samples, expected " + expected);
    int from = RATE / 10;
    int to = x.length - RATE / 10;
    assertEquals(FREQUENCY, Signals.frequency(x, RATE, from, to), FREQUENCY * 1e-4);
    // Lossy codecs change a pure tone's level by a few percent (LAME at 48 kb/s: -5%).
    double tolerance = format.lossy() ? 0.06 : 1e-3;
    assertEquals(AMPLITUDE, Signals.sineAmplitude(x, from, to), AMPLITUDE * tolerance);
    assertTrue(Signals.relativeErrorVsSine(x, RATE, FREQUENCY, AMPLITUDE, from, to) < tolerance,
        "sample-by-sample error vs the reference sine (a time shift would show here)");

    // Piping must not change the audio against ffmpeg reading the (seekable) file itself. Only
    // the last few ms may differ slightly: there the resampler saw the MP3 padding that the
    // decoder trims afterwards, while ffmpeg reading the file never decoded it.
    float[] reference = DecodeFixtures.referenceDecode(OPTIONS, file);
    DecodeResult local = new AudioDecoder(OPTIONS).decode(file.toString(), InputStreamOpener.of(file));
    assertArrayEquals(x, ((DecodedClip) local).windows()[0], "a local file given to ffmpeg as stdin decodes the same");
    assertEquals(reference.length, n, "length vs ffmpeg reading the file by path");
    int tail = RATE / 100;
    for (int i = 0; i < x.length; i++) {
      float maxDiff = i < x.length - tail ? 1e-6f : 1e-2f;
      assertEquals(reference[i], x[i], maxDiff, "sample " + i + " vs ffmpeg reading the file by path");
    }
  }
}
