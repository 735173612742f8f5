package io.musicrec.jobs.index;

import io.musicrec.decode.InputStreamOpener;
import io.musicrec.source.HadoopFiles;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;

/**
 * Opens a track for the decoder and fingerprints its bytes on the way through, so a remote file
 * is read once. The decoder may stop reading early (clip policy, length cap): closing drains the
 * rest so the hash always covers the whole file. Local files go to the decoder directly (it hands
 * them to ffmpeg without a pump) and are hashed by a separate read of the (page-cached) file.
 */
final class HashingOpener implements InputStreamOpener {
  private final Configuration conf;
  private final String uri;
  private volatile String sha256;

  HashingOpener(Configuration conf, String uri) {
    this.conf = conf;
    this.uri = uri;
  }

  @Override
  public InputStream open() throws IOException {
    MessageDigest digest = HadoopFiles.sha256Digest();
    AtomicBoolean closed = new AtomicBoolean();
    return new FilterInputStream(new DigestInputStream(HadoopFiles.open(conf, uri), digest)) {
      /** The decoder may close from two threads; only the first close drains and digests. */
      @Override
      public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) return;
        try {
          if (!Thread.currentThread().isInterrupted()) {
            in.transferTo(OutputStream.nullOutputStream());
            sha256 = HexFormat.of().formatHex(digest.digest());
          }
        } finally {
          super.close();
        }
      }
    };
  }

  @Override
  public Optional<java.nio.file.Path> localFile() {
    return HadoopFiles.localFile(uri);
  }

  /**
   * The SHA-256 of the file: from the decoder's read when it streamed, else read now (once: the
   * plan, the embeddings table and the payload may each ask).
   */
  String sha256() throws IOException {
    if (sha256 == null) sha256 = HadoopFiles.sha256(conf, uri);
    return sha256;
  }
}
