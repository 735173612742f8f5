package io.musicrec.jobs.serve;

/**
 * The media type of an audio file from its first bytes (its container's signature), not its name:
 * a file named {@code .mp3} that holds Ogg is {@code audio/ogg}. Unknown content is {@code
 * application/octet-stream}; with {@code nosniff} the browser then declines to guess.
 */
final class AudioFormat {
  /** Bytes needed to tell every format below apart. */
  static final int HEAD_BYTES = 12;
  static final String UNKNOWN = "application/octet-stream";

  private AudioFormat() {}

  static String mediaType(byte[] head, int length) {
    if (startsWith(head, length, 0, "ID3")) return "audio/mpeg";
    if (startsWith(head, length, 0, "OggS")) return "audio/ogg";
    if (startsWith(head, length, 0, "fLaC")) return "audio/flac";
    if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "WAVE")) return "audio/wav";
    if (startsWith(head, length, 0, "FORM") && (startsWith(head, length, 8, "AIFF") || startsWith(head, length, 8, "AIFC"))) {
      return "audio/aiff";
    }
    if (startsWith(head, length, 4, "ftyp")) return "audio/mp4";
    if (length >= 4 && (head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45 && (head[2] & 0xFF) == 0xDF && (head[3] & 0xFF) == 0xA3) {
      return "audio/webm";
    }
    if (startsWith(head, length, 0, "#!AMR")) return "audio/amr";
    if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
      // An MPEG audio frame sync without a tag: layer bits 00 mean AAC in ADTS framing.
      return (head[1] & 0x06) == 0 ? "audio/aac" : "audio/mpeg";
    }
    if (length >= 2 && (head[0] & 0xFF) == 0x0B && (head[1] & 0xFF) == 0x77) return "audio/ac3";
    return UNKNOWN;
  }

  private static boolean startsWith(byte[] head, int length, int offset, String signature) {
    if (length < offset + signature.length()) return false;
    for (int i = 0; i < signature.length(); i++) {
      if (head[offset + i] != (byte) signature.charAt(i)) return false;
    }
    return true;
  }
}
