package io.musicrec.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests of files (SHA-256, or what a publisher quotes): how installs pin and check files. */
public final class Digests {
  private Digests() {}

  public static String sha256(Path file) throws IOException {
    return of(file, "SHA-256");
  }

  /** The hex digest of {@code file} with a JDK algorithm such as {@code MD5} or {@code SHA-256}. */
  public static String of(Path file, String algorithm) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
