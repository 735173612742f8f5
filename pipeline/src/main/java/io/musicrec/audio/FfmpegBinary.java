package io.musicrec.audio;

import java.nio.file.Files;
import java.nio.file.Path;
import ws.schild.jave.process.ffmpeg.DefaultFFMPEGLocator;

/**
 * The static ffmpeg that {@code ws.schild:jave-nativebin-linux64} bundles (the binary that
 * jave-all-deps ships for Linux). Cluster nodes need no system ffmpeg: the first call in a JVM
 * extracts it to the temp dir once.
 */
public final class FfmpegBinary {
  private static volatile Path path;

  private FfmpegBinary() {}

  public static Path path() {
    Path p = path;
    if (p == null) {
      synchronized (FfmpegBinary.class) {
        p = path;
        if (p == null) {
          p = Path.of(new DefaultFFMPEGLocator().getExecutablePath());
          if (!Files.isExecutable(p)) {
            throw new IllegalStateException("bundled ffmpeg was not extracted to an executable file: " + p);
          }
          path = p;
        }
      }
    }
    return p;
  }
}
