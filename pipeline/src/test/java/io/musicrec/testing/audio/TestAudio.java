package io.musicrec.testing.audio;

import io.musicrec.audio.FfmpegBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Makes real audio files for tests with the bundled ffmpeg's lavfi sources: exact tones, silence,
 * music-like noise mixes, in any format ffmpeg writes (chosen by the file extension and codec
 * arguments). Every method returns the file it wrote.
 */
public final class TestAudio {
  private TestAudio() {}

  /**
   * A sine tone with the same signal in every channel.
   *
   * @param amplitude peak amplitude, 0..1 of full scale
   * @param channels 1, 2 or 6 (5.1)
   */
  public record Tone(double frequency, double amplitude, int sampleRate, int channels, double seconds) {
    public static Tone of(double frequency, double seconds) {
      return new Tone(frequency, 0.5, 44100, 2, seconds);
    }

    public Tone rate(int newRate) {
      return new Tone(frequency, amplitude, newRate, channels, seconds);
    }

    public Tone channels(int newChannels) {
      return new Tone(frequency, amplitude, sampleRate, newChannels, seconds);
    }

    public Tone amplitude(double newAmplitude) {
      return new Tone(frequency, newAmplitude, sampleRate, channels, seconds);
    }

    public Tone seconds(double newSeconds) {
      return new Tone(frequency, amplitude, sampleRate, channels, newSeconds);
    }

    /** An lavfi source producing this tone. */
    String lavfi() {
      String expr = String.format(Locale.ROOT, "%s*sin(2*PI*%s*t)", amplitude, frequency);
      String exprs = String.join("|", java.util.Collections.nCopies(channels, expr));
      return String.format(Locale.ROOT, "aevalsrc=%s:c=%s:s=%d:d=%s", exprs, layout(channels), sampleRate, seconds);
    }
  }

  /** Writes a tone; the format follows the extension, {@code codecArgs} pick codec and bitrate. */
  public static Path tone(Tone tone, Path file, String... codecArgs) {
    return fromLavfi(tone.lavfi(), file, codecArgs);
  }

  public static Path mp3Cbr(Tone tone, Path file, int kbps) {
    return tone(tone, file, "-c:a", "libmp3lame", "-b:a", kbps + "k");
  }

  public static Path mp3Vbr(Tone tone, Path file, int quality) {
    return tone(tone, file, "-c:a", "libmp3lame", "-q:a", Integer.toString(quality));
  }

  public static Path wav(Tone tone, Path file) {
    return tone(tone, file, "-c:a", "pcm_s16le");
  }

  public static Path flac(Tone tone, Path file) {
    return tone(tone, file, "-c:a", "flac");
  }

  public static Path oggVorbis(Tone tone, Path file) {
    return tone(tone, file, "-c:a", "libvorbis", "-q:a", "4");
  }

  /** An MP3 with an ID3v2.3 tag holding title/artist and a front-cover picture (PNG or JPEG). */
  public static Path mp3WithCoverArt(Tone tone, Path file, Path cover) {
    run(List.of(
        "-f", "lavfi", "-i", tone.lavfi(), "-i", cover.toString(),
        "-map", "0:a", "-map", "1:v", "-c:a", "libmp3lame", "-b:a", "128k", "-c:v", "copy",
        "-id3v2_version", "3", "-metadata", "title=Tone", "-metadata", "artist=TestAudio",
        "-metadata:s:v", "title=Album cover", "-metadata:s:v", "comment=Cover (front)",
        file.toString()));
    return file;
  }

  /** A small picture for cover art; {@code .png} or {@code .jpg}. */
  public static Path picture(Path file, int size) {
    run(List.of("-f", "lavfi", "-i", "testsrc=size=" + size + "x" + size + ":rate=1", "-frames:v", "1", file.toString()));
    return file;
  }

  /**
   * Any signal ffmpeg's {@code aevalsrc} can compute, e.g. {@code "0.09*t"} (a ramp whose value
   * tells the time, for checking where clips were cut), mono.
   */
  public static Path expression(String expr, int sampleRate, double seconds, Path file, String... codecArgs) {
    return fromLavfi(String.format(Locale.ROOT, "aevalsrc=%s:c=mono:s=%d:d=%s", expr, sampleRate, seconds), file, codecArgs);
  }

  /** Digital silence (all zero samples). */
  public static Path silence(Path file, double seconds, int sampleRate, String... codecArgs) {
    return fromLavfi(
        String.format(Locale.ROOT, "anullsrc=r=%d:cl=stereo,atrim=duration=%s", sampleRate, seconds), file, codecArgs);
  }

  /**
   * Something closer to music than a pure tone for throughput benchmarks: two tones with a slow
   * tremolo over pink noise, stereo 44.1 kHz. {@code seed} varies the noise and the pitches.
   */
  public static Path musicLike(Path file, double seconds, long seed, String... codecArgs) {
    double f1 = 110 + (seed * 37 % 400);
    double f2 = f1 * 1.5;
    String graph = String.format(Locale.ROOT,
        "sine=f=%s:r=44100:d=%s[a];sine=f=%s:r=44100:d=%s[b];"
            + "anoisesrc=c=pink:r=44100:a=0.08:d=%s:seed=%d[n];"
            + "[a][b][n]amix=inputs=3,tremolo=f=2:d=0.4,aformat=channel_layouts=stereo",
        f1, seconds, f2, seconds, seconds, seed);
    List<String> args = new ArrayList<>(List.of("-filter_complex", graph));
    args.addAll(List.of(codecArgs));
    args.add(file.toString());
    run(args);
    return file;
  }

  /** The first {@code bytes} bytes of {@code source}: a file cut short, as by a failed upload. */
  public static Path truncated(Path source, Path file, int bytes) {
    try {
      byte[] all = Files.readAllBytes(source);
      Files.write(file, java.util.Arrays.copyOf(all, Math.min(bytes, all.length)));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deterministic pseudo-random bytes (not a media file of any kind). */
  public static Path randomBytes(Path file, int bytes, long seed) {
    byte[] data = new byte[bytes];
    new java.util.Random(seed).nextBytes(data);
    return write(file, data);
  }

  public static Path text(Path file, String content) {
    return write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  private static Path write(Path file, byte[] data) {
    try {
      return Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path fromLavfi(String source, Path file, String... codecArgs) {
    List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", source));
    args.addAll(List.of(codecArgs));
    args.add(file.toString());
    run(args);
    return file;
  }

  /** Runs the bundled ffmpeg with {@code args} (overwriting outputs); fails with its stderr. */
  public static void run(List<String> args) {
    List<String> command = new ArrayList<>(List.of(FfmpegBinary.path().toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error"));
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      byte[] stderr = process.getErrorStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("ffmpeg did not finish: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("ffmpeg failed: " + command + "\n" + new String(stderr, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running ffmpeg", e);
    }
  }

  private static String layout(int channels) {
    return switch (channels) {
      case 1 -> "mono";
      case 2 -> "stereo";
      case 6 -> "5.1";
      default -> throw new IllegalArgumentException("channels must be 1, 2 or 6, got " + channels);
    };
  }
}
