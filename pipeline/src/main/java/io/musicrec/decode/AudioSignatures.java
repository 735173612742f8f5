package io.musicrec.decode;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Recognises, from a file's first bytes, audio formats the bundled ffmpeg has no demuxer for, so
 * that such a file is reported as {@code unsupported} rather than as {@code corrupt}: tracker
 * modules (ffmpeg reads them only when built with libopenmpt, which the bundled one is not) and
 * MIDI (notes, not sound).
 */
final class AudioSignatures {
  /** ProTracker-style MOD files carry a four-character tag after 31 sample headers. */
  private static final int MOD_TAG_OFFSET = 1080;
  private static final String[] MOD_TAGS = {"M.K.", "M!K!", "FLT4", "FLT8", "4CHN", "6CHN", "8CHN", "CD81", "OKTA"};
  private static final int S3M_TAG_OFFSET = 44;

  private AudioSignatures() {}

  /** The name of the format, if the bytes start like one ffmpeg cannot decode. */
  static Optional<String> undecodable(byte[] head) {
    if (startsWith(head, 0, "Extended Module: ")) return Optional.of("a FastTracker 2 module (XM)");
    if (startsWith(head, 0, "IMPM")) return Optional.of("an Impulse Tracker module (IT)");
    if (startsWith(head, S3M_TAG_OFFSET, "SCRM")) return Optional.of("a Scream Tracker 3 module (S3M)");
    if (startsWith(head, 0, "MThd")) return Optional.of("a MIDI file (notes, not sound)");
    for (String tag : MOD_TAGS) {
      if (startsWith(head, MOD_TAG_OFFSET, tag)) return Optional.of("a tracker module (MOD)");
    }
    return Optional.empty();
  }

  /** Whether the bytes are an Ogg container, whose codec ffmpeg may still lack. */
  static boolean ogg(byte[] head) {
    return startsWith(head, 0, "OggS");
  }

  private static boolean startsWith(byte[] data, int at, String tag) {
    byte[] bytes = tag.getBytes(StandardCharsets.ISO_8859_1);
    if (data.length < at + bytes.length) return false;
    for (int i = 0; i < bytes.length; i++) {
      if (data[at + i] != bytes[i]) return false;
    }
    return true;
  }
}
