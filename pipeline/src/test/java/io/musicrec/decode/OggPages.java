package io.musicrec.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Edits an Ogg file's pages in place and fixes their checksums, to make a valid Ogg of an unknown codec. */
final class OggPages {
  private OggPages() {}

  /** Renames the Vorbis identification header's codec ("\1vorbis" to "\1zorbis"): a codec no one has. */
  static byte[] renameFirstCodec(byte[] ogg) {
    byte[] data = ogg.clone();
    byte[] tag = "\u0001vorbis".getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(data, tag);
    if (at < 0) throw new IllegalArgumentException("no Vorbis identification header");
    data[at + 1] = 'z';
    for (int page = 0; page < data.length; ) {
      if (data[page] != 'O' || data[page + 1] != 'g' || data[page + 2] != 'g' || data[page + 3] != 'S') {
        throw new IllegalArgumentException("not an Ogg page at " + page);
      }
      int segments = data[page + 26] & 0xff;
      int size = 27 + segments;
      for (int i = 0; i < segments; i++) size += data[page + 27 + i] & 0xff;
      ByteBuffer.wrap(data, page + 22, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0);
      int crc = crc(data, page, size);
      ByteBuffer.wrap(data, page + 22, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(crc);
      page += size;
    }
    return data;
  }

  /** Ogg's CRC-32: polynomial 0x04c11db7, no reflection, zero initial value. */
  private static int crc(byte[] data, int from, int length) {
    int crc = 0;
    for (int i = from; i < from + length; i++) {
      crc ^= (data[i] & 0xff) << 24;
      for (int bit = 0; bit < 8; bit++) crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    }
    return crc;
  }

  private static int indexOf(byte[] data, byte[] tag) {
    outer:
    for (int i = 0; i + tag.length <= data.length; i++) {
      for (int j = 0; j < tag.length; j++) if (data[i + j] != tag[j]) continue outer;
      return i;
    }
    return -1;
  }
}
