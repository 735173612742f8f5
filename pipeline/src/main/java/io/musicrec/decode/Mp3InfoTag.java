package io.musicrec.decode;

import java.util.Optional;

/**
 * What an MP3's Xing/Info header (written by LAME and ffmpeg) declares: the number of frames and,
 * in the LAME extension, the encoder delay and end padding. ffmpeg ignores this header when it
 * reads from a pipe (it cannot compare it with the file size), so piped MP3s decode with the end
 * padding left on and no declared duration. The decoder uses it to trim that padding and to tell
 * a cut file (header promises more) from a genuinely short one.
 *
 * @param sourceRate the MP3's sample rate
 * @param samples the audio samples the header declares, at the source rate
 * @param exact whether {@code samples} accounts for the encoder delay and padding (LAME tag)
 */
record Mp3InfoTag(int sourceRate, long samples, boolean exact) {
  private static final int[] MPEG1_RATES = {44100, 48000, 32000};
  private static final int FLAG_FRAMES = 1;
  private static final int FLAG_BYTES = 2;
  private static final int FLAG_TOC = 4;
  private static final int FLAG_QUALITY = 8;
  /** The MP3 decoder's own delay, which ffmpeg skips in addition to the encoder delay. */
  private static final int DECODER_DELAY = 529;

  double seconds() {
    return (double) samples / sourceRate;
  }

  /** The declared length resampled to {@code rate}, the way the decoder's output is measured. */
  long samplesAt(int rate) {
    return Math.round((double) samples * rate / sourceRate);
  }

  /** Reads the tag from the first bytes of the audio data, if it is an MPEG layer III stream with one. */
  static Optional<Mp3InfoTag> parse(byte[] data) {
    if (data.length < 4 || (data[0] & 0xff) != 0xff || (data[1] & 0xE0) != 0xE0) return Optional.empty();
    int version = (data[1] >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5, 1 = reserved
    int layer = (data[1] >> 1) & 3; // 1 = layer III
    int rateIndex = (data[2] >> 2) & 3;
    if (version == 1 || layer != 1 || rateIndex == 3) return Optional.empty();
    int rate = MPEG1_RATES[rateIndex] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
    boolean mono = ((data[3] >> 6) & 3) == 3;
    int sideInfo = version == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17);
    int samplesPerFrame = version == 3 ? 1152 : 576;

    int p = 4 + sideInfo;
    if (!hasTag(data, p, "Xing") && !hasTag(data, p, "Info")) return Optional.empty();
    if (data.length < p + 8) return Optional.empty();
    int flags = readInt(data, p + 4);
    p += 8;
    if ((flags & FLAG_FRAMES) == 0 || data.length < p + 4) return Optional.empty();
    long frames = readInt(data, p) & 0xffffffffL;
    p += 4;
    if ((flags & FLAG_BYTES) != 0) p += 4;
    if ((flags & FLAG_TOC) != 0) p += 100;
    if ((flags & FLAG_QUALITY) != 0) p += 4;
    long total = frames * samplesPerFrame;
    // LAME extension: 9-byte encoder name, then 12 bytes of fields, then delay and padding (12 bits each).
    if (data.length >= p + 24 && (hasTag(data, p, "LAME") || hasTag(data, p, "Lavf") || hasTag(data, p, "Lavc"))) {
      int v = ((data[p + 21] & 0xff) << 16) | ((data[p + 22] & 0xff) << 8) | (data[p + 23] & 0xff);
      int delay = v >> 12;
      int padding = v & 0xfff;
      return Optional.of(new Mp3InfoTag(rate, Math.max(0, total - delay - padding), true));
    }
    return Optional.of(new Mp3InfoTag(rate, Math.max(0, total - DECODER_DELAY), false));
  }

  private static boolean hasTag(byte[] data, int at, String tag) {
    if (data.length < at + tag.length()) return false;
    for (int i = 0; i < tag.length(); i++) {
      if (data[at + i] != tag.charAt(i)) return false;
    }
    return true;
  }

  private static int readInt(byte[] data, int at) {
    return ((data[at] & 0xff) << 24) | ((data[at + 1] & 0xff) << 16) | ((data[at + 2] & 0xff) << 8) | (data[at + 3] & 0xff);
  }
}
