package io.musicrec.decode;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a track's bytes. The job passes one that opens a Hadoop FileSystem stream (file:// or
 * s3a://); tests pass {@code () -> Files.newInputStream(path)}. It is called on a decoder thread,
 * inside the per-file time limit, so a stalled open counts as a timeout.
 */
@FunctionalInterface
public interface InputStreamOpener {
  InputStream open() throws IOException;
}
