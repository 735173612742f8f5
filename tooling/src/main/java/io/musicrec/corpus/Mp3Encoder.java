package io.musicrec.corpus;

import io.musicrec.audio.FfmpegBinary;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Encodes interleaved stereo float PCM to MP3 with the bundled ffmpeg (libmp3lame), reading the
 * PCM from a pipe. ffmpeg writes the MP3 and its messages to files, never to pipes, so the only
 * pipe is the one we write: it cannot deadlock, and one thread per encode is enough.
 */
final class Mp3Encoder {
  private static final int CHUNK_FLOATS = 16 * 1024;

  private Mp3Encoder() {}

  /** Writes {@code out} atomically: a failed or interrupted encode leaves no partial MP3 behind. */
  static void encode(float[] interleavedStereo, int bitrateKbps, Path out) throws IOException {
    Path partial = out.resolveSibling(out.getFileName() + ".part");
    Path log = Files.createTempFile("musicrec-ffmpeg-", ".log");
    List<String> command = List.of(
        FfmpegBinary.path().toString(), "-hide_banner", "-nostats", "-loglevel", "error",
        "-f", "f32le", "-ar", Integer.toString(Stereo.RATE), "-ac", "2", "-i", "pipe:0",
        "-c:a", "libmp3lame", "-b:a", bitrateKbps + "k",
        // LAME's fast mode (-q 7): about twice the speed of its default at the same bitrate.
        "-compression_level", "7",
        // Bit-exact output (no encoder version tag, no metadata) keeps a seed's corpus byte-identical.
        "-fflags", "+bitexact", "-flags", "+bitexact", "-map_metadata", "-1",
        "-f", "mp3", "-y", partial.toString());
    Process process = new ProcessBuilder(command).redirectOutput(Redirect.DISCARD).redirectError(log.toFile()).start();
    try {
      IOException writeFailure = null;
      try (OutputStream stdin = process.getOutputStream()) {
        writePcm(interleavedStereo, stdin);
      } catch (IOException e) {
        writeFailure = e; // ffmpeg exited early; its log below says why
      }
      int exit = process.waitFor();
      if (exit != 0 || writeFailure != null) {
        String message = Files.readString(log, StandardCharsets.UTF_8).strip();
        throw new IOException("ffmpeg could not encode " + out + " (exit " + exit + "): " + message, writeFailure);
      }
      Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while encoding " + out);
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(partial);
      Files.deleteIfExists(log);
    }
  }

  private static void writePcm(float[] samples, OutputStream out) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < samples.length; from += CHUNK_FLOATS) {
      int to = Math.min(samples.length, from + CHUNK_FLOATS);
      buffer.clear();
      buffer.asFloatBuffer().put(samples, from, to - from);
      out.write(buffer.array(), 0, (to - from) * Float.BYTES);
    }
  }
}
