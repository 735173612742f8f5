package io.musicrec.decode;

import io.musicrec.audio.FfmpegBinary;
import io.musicrec.model.ClipPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shorthands shared by this package's tests. */
final class DecodeFixtures {
  static final int RATE = 32000;

  private DecodeFixtures() {}

  static DecodeOptions first(double seconds, double minSeconds) {
    return new DecodeOptions(RATE, new ClipPolicy(ClipPolicy.Mode.FIRST, seconds, 1, minSeconds), 20, 60);
  }

  static DecodeResult decode(DecodeOptions options, Path file) {
    return new AudioDecoder(options).decode(file.toString(), () -> Files.newInputStream(file));
  }

  static DecodedClip clip(DecodeOptions options, Path file) {
    DecodeResult result = decode(options, file);
    if (result instanceof DecodedClip clip) return clip;
    throw new AssertionError("expected a clip for " + file.getFileName() + ", got " + result);
  }

  static Reject reject(DecodeOptions options, Path file) {
    DecodeResult result = decode(options, file);
    if (result instanceof Reject reject) return reject;
    throw new AssertionError("expected a reject for " + file.getFileName() + ", got " + result);
  }

  /**
   * The same decode done by ffmpeg reading the file by path (seekable, so ffmpeg itself trims MP3
   * padding), stdout read in one go: the reference the piped decoder must reproduce.
   */
  static float[] referenceDecode(DecodeOptions options, Path file) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(FfmpegPcmCommand.of(FfmpegBinary.path(), file.toString(), "pipe:1", options))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] bytes = process.getInputStream().readAllBytes();
    if (process.waitFor() != 0) throw new AssertionError("reference decode failed for " + file);
    float[] samples = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
    return samples;
  }
}
