package io.musicrec.decode;

import static io.musicrec.decode.DecodeFixtures.RATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.model.ClipPolicy;
import io.musicrec.reject.RejectCode;
import io.musicrec.testing.audio.TestAudio;
import io.musicrec.testing.audio.TestAudio.Tone;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every reject reason, each produced by a real file or a real failing stream. */
class RejectsTest {
  /** 2 s clips, at least 1 s of audio, 1 s per file. */
  private static final DecodeOptions OPTIONS =
      new DecodeOptions(RATE, new ClipPolicy(ClipPolicy.Mode.FIRST, 2, 1, 1), 1, 60);

  @TempDir static Path dir;
  static Path mp3;
  static byte[] mp3Bytes;

  @BeforeAll
  static void makeValidMp3() throws IOException {
    mp3 = TestAudio.mp3Cbr(Tone.of(440, 3), dir.resolve("valid.mp3"), 128);
    mp3Bytes = Files.readAllBytes(mp3);
  }

  @AfterEach
  void noFfmpegIsLeftRunning() {
    long running =
        ProcessHandle.current().descendants()
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.contains("ffmpeg")).orElse(false))
            .count();
    assertEquals(0, running, "ffmpeg processes still running after decode returned");
  }

  /** Rejects a file read as a stream (as from S3) and as a local file, for the same reason. */
  private static Reject reject(Path file) {
    Reject streamed = DecodeFixtures.reject(OPTIONS, file);
    DecodeResult local = new AudioDecoder(OPTIONS).decode(file.toString(), InputStreamOpener.of(file));
    assertTrue(local instanceof Reject, "read as a local file: " + local);
    assertEquals(streamed.reason(), ((Reject) local).reason(), "read as a local file: " + local);
    return streamed;
  }

  private static Reject reject(InputStreamOpener opener) {
    DecodeResult result = new AudioDecoder(OPTIONS).decode("s3a://bucket/track.mp3", opener);
    assertTrue(result instanceof Reject, "expected a reject, got " + result);
    return (Reject) result;
  }

  @Test
  void validMp3Decodes() {
    assertEquals(3.0, DecodeFixtures.clip(OPTIONS, mp3).durationSeconds(), 1e-4);
  }

  @Test
  void mp3CutBelowTheMinimumIsTruncated() {
    Path cut = TestAudio.truncated(mp3, dir.resolve("cut.mp3"), mp3Bytes.length / 10);

    Reject reject = reject(cut);

    assertEquals(RejectCode.TRUNCATED, reject.reason(), reject.detail());
    assertTrue(reject.detail().contains("3.00 s"), "names the declared length: " + reject.detail());
  }

  @Test
  void mp3CutAfterTheMinimumIsTruncatedByTheSameRule() {
    Path cut = TestAudio.truncated(mp3, dir.resolve("cut-late.mp3"), mp3Bytes.length * 3 / 4);

    Reject reject = reject(cut);

    assertEquals(RejectCode.TRUNCATED, reject.reason(), reject.detail());
    assertTrue(reject.detail().contains("of the 3.00 s its header declares"), reject.detail());
  }

  @Test
  void aLongMp3CutToAThirdIsTruncatedWhileIntactLongFilesDecodeFully() {
    Path cbr = TestAudio.mp3Cbr(Tone.of(440, 12), dir.resolve("long-cbr.mp3"), 128);
    Path vbr = TestAudio.mp3Vbr(Tone.of(330, 12), dir.resolve("long-vbr.mp3"), 4);
    Path cut = TestAudio.truncated(cbr, dir.resolve("long-cut.mp3"), (int) (cbr.toFile().length() * 37 / 100));

    Reject reject = reject(cut);

    assertEquals(RejectCode.TRUNCATED, reject.reason(), reject.detail());
    assertTrue(reject.detail().contains("of the 12.00 s its header declares"), reject.detail());
    assertEquals(12.0, DecodeFixtures.clip(OPTIONS, cbr).durationSeconds(), 0.05);
    assertEquals(12.0, DecodeFixtures.clip(OPTIONS, vbr).durationSeconds(), 0.05);
  }

  @Test
  void aTrackLongerThanTheCapIsDecodedToTheCapAndSaysSo() {
    DecodeOptions fiveSeconds = new DecodeOptions(RATE, new ClipPolicy(ClipPolicy.Mode.FIRST, 2, 1, 1), 10, 5);
    Path longer = TestAudio.mp3Cbr(Tone.of(440, 8), dir.resolve("eight-seconds.mp3"), 128);

    DecodedClip capped = DecodeFixtures.clip(fiveSeconds, longer);
    DecodedClip whole = DecodeFixtures.clip(fiveSeconds, mp3);

    assertEquals(5.0, capped.durationSeconds(), 1e-3);
    assertTrue(capped.capped(), "an 8 s track under a 5 s cap is marked capped, not cut");
    assertEquals(3.0, whole.durationSeconds(), 1e-3);
    assertFalse(whole.capped());
  }

  @Test
  void flacCutMidFrameIsTruncated() {
    Path flac = TestAudio.flac(Tone.of(440, 3), dir.resolve("valid.flac"));
    Path cut = TestAudio.truncated(flac, dir.resolve("cut.flac"), (int) (flac.toFile().length() / 5));

    assertEquals(RejectCode.TRUNCATED, reject(cut).reason());
  }

  @Test
  void wavCutMidSampleIsTruncated() {
    Path wav = TestAudio.wav(Tone.of(440, 3), dir.resolve("valid.wav"));
    Path cut = TestAudio.truncated(wav, dir.resolve("cut.wav"), 44 + 4 * 4410 + 3);

    assertEquals(RejectCode.TRUNCATED, reject(cut).reason());
  }

  @Test
  void zeroBytesIsEmpty() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.mp3"));

    assertEquals(RejectCode.EMPTY, reject(empty).reason());
  }

  @Test
  void aFifoNamedMp3IsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = dir.resolve("fifo.mp3");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());

    // No writer ever appears: opening it would block forever, outside any deadline.
    DecodeResult result = new AudioDecoder(OPTIONS).decode(fifo.toString(), InputStreamOpener.of(fifo));

    assertTrue(result instanceof Reject, "" + result);
    Reject reject = (Reject) result;
    assertEquals(RejectCode.NOT_A_FILE, reject.reason(), reject.detail());
    assertTrue(reject.detail().contains("FIFO"), reject.detail());
  }

  @Test
  void aCharacterDeviceIsNotAFileRatherThanEmpty() {
    Path zero = Path.of("/dev/zero");

    DecodeResult result = new AudioDecoder(OPTIONS).decode(zero.toString(), InputStreamOpener.of(zero));

    assertTrue(result instanceof Reject, "" + result);
    assertEquals(RejectCode.NOT_A_FILE, ((Reject) result).reason(), ((Reject) result).detail());
    assertTrue(((Reject) result).detail().contains("character device"), ((Reject) result).detail());
  }

  @Test
  void aTrackerModuleIsUnsupportedNotCorrupt() throws IOException {
    byte[] xm = new byte[4096];
    byte[] header = "Extended Module: test song           \u001aFastTracker v2.00   ".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(header, 0, xm, 0, header.length);
    new java.util.Random(3).ints(1024, 0, 256).forEach(new java.util.function.IntConsumer() {
      int i = 336;

      @Override
      public void accept(int b) {
        xm[i++] = (byte) b;
      }
    });
    Path module = Files.write(dir.resolve("song.xm.mp3"), xm);

    Reject reject = reject(module);

    assertEquals(RejectCode.UNSUPPORTED, reject.reason(), reject.detail());
    assertTrue(reject.detail().contains("(XM)"), reject.detail());
  }

  @Test
  void anOggStreamWithACodecFfmpegLacksIsUnsupported() throws IOException {
    Path vorbis = TestAudio.oggVorbis(Tone.of(440, 3), dir.resolve("vorbis.ogg"));
    Path unknown = Files.write(dir.resolve("unknown-codec.ogg"), OggPages.renameFirstCodec(Files.readAllBytes(vorbis)));

    Reject reject = reject(unknown);

    assertEquals(RejectCode.UNSUPPORTED, reject.reason(), reject.detail());
    assertTrue(reject.detail().contains("Ogg"), reject.detail());
  }

  @Test
  void textNamedMp3IsNotAudio() {
    Path text = TestAudio.text(dir.resolve("lyrics.mp3"), "Never gonna give you up\nNever gonna let you down\n");

    Reject reject = reject(text);

    assertEquals(RejectCode.NOT_AUDIO, reject.reason(), reject.detail());
  }

  @Test
  void imageNamedMp3IsNotAudio() {
    Path png = TestAudio.picture(dir.resolve("cover.png"), 64);
    Path disguised = TestAudio.truncated(png, dir.resolve("cover.mp3"), Integer.MAX_VALUE);

    Reject reject = reject(disguised);

    assertEquals(RejectCode.NOT_AUDIO, reject.reason(), reject.detail());
    assertTrue(reject.detail().contains("no audio stream"), reject.detail());
  }

  @Test
  void randomBytesAreCorrupt() {
    Path noise = TestAudio.randomBytes(dir.resolve("noise.mp3"), 64 * 1024, 42);

    assertEquals(RejectCode.CORRUPT, reject(noise).reason());
  }

  @Test
  void digitalSilenceIsSilent() {
    Path silence = TestAudio.silence(dir.resolve("silence.mp3"), 3, 44100, "-c:a", "libmp3lame", "-b:a", "128k");

    assertEquals(RejectCode.SILENT, reject(silence).reason());
  }

  @Test
  void nearSilenceBelowMinus60dBIsSilentButQuietMusicIsNot() {
    Path hiss = TestAudio.wav(Tone.of(440, 3).amplitude(0.0005), dir.resolve("minus66db.wav"));
    Path quiet = TestAudio.wav(Tone.of(440, 3).amplitude(0.005), dir.resolve("minus46db.wav"));

    assertEquals(RejectCode.SILENT, reject(hiss).reason());
    assertEquals(3.0, DecodeFixtures.clip(OPTIONS, quiet).durationSeconds(), 1e-4);
  }

  @Test
  void veryShortTrackIsTooShort() {
    Path shortMp3 = TestAudio.mp3Cbr(Tone.of(440, 0.4), dir.resolve("short.mp3"), 128);

    Reject reject = reject(shortMp3);

    assertEquals(RejectCode.TOO_SHORT, reject.reason(), reject.detail());
  }

  @Test
  void aStreamThatNeverOpensTimesOutAndIsAbandoned() {
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    InputStreamOpener hangs =
        () -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            interrupted.set(true);
          }
          throw new IOException("gave up");
        };

    Reject reject = reject(hangs);

    assertEquals(RejectCode.TIMEOUT, reject.reason());
    assertTrue(interrupted.get(), "the blocked opener was interrupted when the decode gave up");
  }

  @Test
  void aStreamTooSlowForTheLimitTimesOutSayingHowMuchWasRead() {
    InputStreamOpener trickle = () -> new SlowStream(mp3Bytes, 500, 100);

    Reject reject = reject(trickle);

    assertEquals(RejectCode.TIMEOUT, reject.reason());
    java.util.regex.Matcher read = java.util.regex.Pattern.compile("\\((\\d+) bytes read\\)").matcher(reject.detail());
    assertTrue(read.find(), reject.detail());
    long bytes = Long.parseLong(read.group(1));
    assertTrue(bytes > 0 && bytes < mp3Bytes.length, "the bytes that arrived, not the file's size: " + reject.detail());
  }

  @Test
  void anOpenerThatFailsIsAnIoErrorWithItsMessage() {
    Reject reject = reject(() -> { throw new IOException("connection reset by peer"); });

    assertEquals(RejectCode.IO_ERROR, reject.reason());
    assertTrue(reject.detail().contains("connection reset by peer"), reject.detail());
  }

  @Test
  void aMissingFileIsAnIoError() {
    Path missing = dir.resolve("missing.mp3");

    Reject reject = reject(missing);

    assertEquals(RejectCode.IO_ERROR, reject.reason());
    assertTrue(reject.detail().contains("missing.mp3"), reject.detail());
  }

  @Test
  void aStreamFailingMidwayIsAnIoError() {
    InputStreamOpener failsAfter10k = () -> new FailingStream(mp3Bytes, 10_000);

    Reject reject = reject(failsAfter10k);

    assertEquals(RejectCode.IO_ERROR, reject.reason());
    assertTrue(reject.detail().contains("premature end"), reject.detail());
  }

  /** Delivers {@code chunk} bytes every {@code delayMs}. */
  private static final class SlowStream extends InputStream {
    private final byte[] data;
    private final int chunk;
    private final long delayMs;
    private int position;

    SlowStream(byte[] data, int chunk, long delayMs) {
      this.data = data;
      this.chunk = chunk;
      this.delayMs = delayMs;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (position == data.length) return -1;
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException("interrupted");
      }
      int n = Math.min(Math.min(len, chunk), data.length - position);
      System.arraycopy(data, position, buf, off, n);
      position += n;
      return n;
    }
  }

  /** Serves the first {@code limit} bytes, then fails like a dropped connection. */
  private static final class FailingStream extends InputStream {
    private final byte[] data;
    private final int limit;
    private int position;

    FailingStream(byte[] data, int limit) {
      this.data = data;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (position >= limit) throw new IOException("premature end of Content-Length delimited message body");
      int n = Math.min(len, limit - position);
      System.arraycopy(data, position, buf, off, n);
      position += n;
      return n;
    }
  }
}
