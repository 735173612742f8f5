package io.musicrec.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a track's bytes. The job passes one that opens a Hadoop FileSystem stream (file:// or
 * s3a://); tests pass {@code () -> Files.newInputStream(path)}. It is called on a decoder thread,
 * inside the per-file time limit, so a stalled open counts as a timeout.
 */
@FunctionalInterface
public interface InputStreamOpener {
  InputStream open() throws IOException;

  /**
   * A local file holding the same bytes, if there is one. The decoder then gives it to ffmpeg as
   * its stdin directly, so the bytes never pass through the JVM (no pump thread, no hand-offs);
   * ffmpeg still reads {@code pipe:0}, so the decoding is the same.
   */
  default Optional<Path> localFile() {
    return Optional.empty();
  }

  /** An opener for a local file that lets the decoder use {@link #localFile()}. */
  static InputStreamOpener of(Path file) {
    return new InputStreamOpener() {
      @Override
      public InputStream open() throws IOException {
        return Files.newInputStream(file);
      }

      @Override
      public Optional<Path> localFile() {
        return Optional.of(file);
      }
    };
  }
}
