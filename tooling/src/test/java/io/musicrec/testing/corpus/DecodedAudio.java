package io.musicrec.testing.corpus;

import io.musicrec.audio.FfmpegBinary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bundled ffmpeg makes of a file: mono float PCM at a chosen rate, the exit code and
 * ffmpeg's messages, plus the input stream's own rate and channel layout. Test-side oracle for
 * "this is real, decodable audio"; deliberately independent of the pipeline's decoder.
 */
public record DecodedAudio(int exitCode, float[] samples, int sampleRate, String log, int inputRate, String inputLayout) {
  private static final Pattern STREAM = Pattern.compile("Audio: (\\w+), (\\d+) Hz, (\\w+)");

  public static DecodedAudio decode(Path file, int sampleRate) {
    try {
      Path log = Files.createTempFile("decode-", ".log");
      try {
        Process p = new ProcessBuilder(List.of(FfmpegBinary.path().toString(), "-hide_banner", "-nostdin", "-i", file.toString(),
            "-f", "f32le", "-ac", "1", "-ar", Integer.toString(sampleRate), "pipe:1"))
            .redirectError(log.toFile()).redirectInput(Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] pcm;
        try (InputStream out = p.getInputStream()) {
          pcm = out.readAllBytes();
        }
        int exit = p.waitFor();
        String messages = Files.readString(log, StandardCharsets.UTF_8);
        float[] samples = new float[pcm.length / 4];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
        Matcher m = STREAM.matcher(messages);
        boolean found = m.find();
        return new DecodedAudio(exit, samples, sampleRate, messages,
            found ? Integer.parseInt(m.group(2)) : 0, found ? m.group(3) : "");
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public double seconds() {
    return samples.length / (double) sampleRate;
  }

  public double rms() {
    double sum = 0;
    for (float s : samples) {
      sum += s * s;
    }
    return samples.length == 0 ? 0 : Math.sqrt(sum / samples.length);
  }

  public double peak() {
    double peak = 0;
    for (float s : samples) {
      peak = Math.max(peak, Math.abs(s));
    }
    return peak;
  }
}
