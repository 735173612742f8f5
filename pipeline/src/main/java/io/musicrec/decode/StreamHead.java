package io.musicrec.decode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The first bytes of a stream, seen as they pass to ffmpeg: the raw start (to tell text from
 * binary) and the start of the audio data after an ID3v2 tag, which may be large when it holds
 * cover art (to read an MP3's Xing/Info header). Bounded: it never keeps more than a few KiB.
 * Synchronized: the feeder thread writes it while the decoder may already classify (a source
 * that is slow to finish after ffmpeg stopped reading is abandoned, not waited for).
 */
final class StreamHead {
  private static final int RAW_BYTES = 512;
  private static final int AUDIO_BYTES = 4096;
  private static final int ID3_HEADER = 10;

  private final byte[] raw = new byte[RAW_BYTES];
  private final byte[] audio = new byte[AUDIO_BYTES];
  private int rawLength;
  private int audioLength;
  private long seen;
  private long audioStart = -1;

  /**
   * The head of a local file, read directly: the start, and the audio start after skipping an
   * ID3v2 tag without reading it. {@link #bytesSeen()} is the file's size.
   */
  static StreamHead read(Path file) throws IOException {
    StreamHead head = new StreamHead();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer buffer = ByteBuffer.allocate(RAW_BYTES + AUDIO_BYTES);
      buffer.limit(RAW_BYTES);
      readFully(channel, buffer);
      head.accept(buffer.array(), 0, buffer.position());
      if (head.audioStart > head.seen) {
        channel.position(head.audioStart);
        head.seen = head.audioStart;
      }
      buffer.clear();
      buffer.limit(AUDIO_BYTES);
      readFully(channel, buffer);
      head.accept(buffer.array(), 0, buffer.position());
      head.seen = size;
    }
    return head;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // keep reading: a channel may return fewer bytes than asked
    }
  }

  /** Feeds the next chunk of the stream. Cheap once the head has been captured. */
  synchronized void accept(byte[] buf, int off, int len) {
    int i = 0;
    while (i < len && !captured()) {
      acceptByte(buf[off + i++]);
    }
    seen += len - i;
  }

  private boolean captured() {
    return rawLength == RAW_BYTES && audioStart >= 0 && audioLength == AUDIO_BYTES;
  }

  private void acceptByte(byte b) {
    long index = seen++;
    if (rawLength < RAW_BYTES) raw[rawLength++] = b;
    if (audioStart < 0) {
      if (index + 1 == ID3_HEADER) audioStart = audioStartFromId3();
    } else if (index >= audioStart && audioLength < AUDIO_BYTES) {
      audio[audioLength++] = b;
    }
  }

  /** Offset of the audio data: after an ID3v2 tag (syncsafe size, optional footer), else 0. */
  private long audioStartFromId3() {
    if (raw[0] != 'I' || raw[1] != 'D' || raw[2] != '3') {
      System.arraycopy(raw, 0, audio, 0, ID3_HEADER);
      audioLength = ID3_HEADER;
      return 0;
    }
    long size = ((raw[6] & 0x7f) << 21) | ((raw[7] & 0x7f) << 14) | ((raw[8] & 0x7f) << 7) | (raw[9] & 0x7f);
    boolean footer = (raw[5] & 0x10) != 0;
    return ID3_HEADER + size + (footer ? ID3_HEADER : 0);
  }

  synchronized long bytesSeen() {
    return seen;
  }

  /** The first bytes of the audio data (after any ID3v2 tag). */
  synchronized byte[] audioStart() {
    return Arrays.copyOf(audio, audioLength);
  }

  /**
   * Whether the stream starts like text: valid UTF-8 without control characters other than
   * whitespace. Binary formats (media, images, archives, random bytes) fail this at once.
   */
  synchronized boolean looksLikeText() {
    if (rawLength == 0) return false;
    int length = rawLength;
    // A multi-byte character may be cut at the end of the captured head: drop its lead bytes.
    int tail = length - 1;
    while (tail >= 0 && length - tail <= 3 && (raw[tail] & 0xC0) == 0x80) tail--;
    if (tail >= 0 && (raw[tail] & 0x80) != 0 && length - tail < utf8Length(raw[tail])) length = tail;
    for (int i = 0; i < length; i++) {
      int c = raw[i] & 0xff;
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') return false;
      if (c == 0x7f) return false;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw, 0, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static int utf8Length(byte lead) {
    int b = lead & 0xff;
    if (b >= 0xF0) return 4;
    if (b >= 0xE0) return 3;
    if (b >= 0xC0) return 2;
    return 1;
  }
}
