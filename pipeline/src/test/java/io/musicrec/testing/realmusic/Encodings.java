package io.musicrec.testing.realmusic;

import io.musicrec.audio.FfmpegBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The same recording in the encodings real catalogues mix: telephone-band 8 kHz MP3 up to 320 kb/s
 * MP3 and Ogg Vorbis, made with the bundled ffmpeg from one excerpt of a real track.
 */
public final class Encodings {
  /** One encoding: a name, the output extension and ffmpeg's output options. */
  public record Encoding(String name, String extension, List<String> options) {}

  public static final List<Encoding> MIXED = List.of(
      new Encoding("mp3_8k_24k_mono", "mp3", List.of("-ar", "8000", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "24k")),
      new Encoding("mp3_16k_32k", "mp3", List.of("-ar", "16000", "-c:a", "libmp3lame", "-b:a", "32k")),
      new Encoding("mp3_22k_64k", "mp3", List.of("-ar", "22050", "-c:a", "libmp3lame", "-b:a", "64k")),
      new Encoding("mp3_44k_320k", "mp3", List.of("-ar", "44100", "-c:a", "libmp3lame", "-b:a", "320k")),
      new Encoding("ogg_44k_q2", "ogg", List.of("-ar", "44100", "-c:a", "libvorbis", "-q:a", "2")));

  private Encodings() {}

  /**
   * Cuts {@code seconds} from {@code startSeconds} of {@code source} to 16-bit WAV at its own rate,
   * then encodes that excerpt in each encoding; returns the files in the order of {@code encodings}.
   */
  public static List<Path> encode(Path source, double startSeconds, double seconds, List<Encoding> encodings, Path dir) {
    String stem = RealMusic.trackId(source);
    Path excerpt = dir.resolve(stem + "-excerpt.wav");
    ffmpeg(List.of("-ss", Double.toString(startSeconds), "-t", Double.toString(seconds), "-i", source.toString(),
        "-c:a", "pcm_s16le", excerpt.toString()));
    List<Path> files = new ArrayList<>();
    for (Encoding e : encodings) {
      Path out = dir.resolve(stem + "." + e.name() + "." + e.extension());
      List<String> args = new ArrayList<>(List.of("-i", excerpt.toString()));
      args.addAll(e.options());
      args.add(out.toString());
      ffmpeg(args);
      files.add(out);
    }
    return files;
  }

  private static void ffmpeg(List<String> args) {
    List<String> command = new ArrayList<>(List.of(FfmpegBinary.path().toString(), "-hide_banner", "-nostdin", "-v", "error", "-y"));
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(Redirect.from(new java.io.File("/dev/null"))).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0 || !Files.isRegularFile(Path.of(args.get(args.size() - 1)))) {
        throw new IllegalStateException("ffmpeg " + String.join(" ", args) + " failed: " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
