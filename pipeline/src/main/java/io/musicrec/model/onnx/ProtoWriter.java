package io.musicrec.model.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers wire-format encoder: varints, length-delimited fields, fixed32 floats
 * and packed repeated scalars. It either streams to an {@link OutputStream} or only counts bytes;
 * counting is how a nested message learns its length prefix without being serialised twice, so a
 * model with hundreds of megabytes of weights streams straight to disk.
 */
final class ProtoWriter {
  /** Something that can write itself as the fields of one protobuf message. */
  interface Message {
    void writeTo(ProtoWriter out);
  }

  private static final int VARINT = 0;
  private static final int FIXED32 = 5;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FLOAT_CHUNK = 16 * 1024;

  private final OutputStream out; // null: count only
  private final byte[] scratch = new byte[10];
  private long written;

  private ProtoWriter(OutputStream out) {
    this.out = out;
  }

  static ProtoWriter streamingTo(OutputStream out) {
    return new ProtoWriter(out);
  }

  /** The encoded size of a message's fields, without encoding any payload bytes. */
  static long sizeOf(Message message) {
    ProtoWriter counter = new ProtoWriter(null);
    message.writeTo(counter);
    return counter.written;
  }

  void int64(int field, long value) {
    tag(field, VARINT);
    varint(value);
  }

  void float32(int field, float value) {
    tag(field, FIXED32);
    int bits = Float.floatToRawIntBits(value);
    for (int i = 0; i < 4; i++) scratch[i] = (byte) (bits >>> (8 * i));
    raw(scratch, 0, 4);
  }

  void string(int field, String value) {
    bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  void bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    varint(value.length);
    raw(value, 0, value.length);
  }

  void message(int field, Message message) {
    tag(field, LENGTH_DELIMITED);
    varint(sizeOf(message));
    message.writeTo(this);
  }

  void packedInt64(int field, long[] values) {
    if (values.length == 0) return;
    long size = 0;
    for (long v : values) size += varintSize(v);
    tag(field, LENGTH_DELIMITED);
    varint(size);
    for (long v : values) varint(v);
  }

  /** Floats as little-endian IEEE 754 bytes: the layout of TensorProto.raw_data and packed floats. */
  void floatsLittleEndian(int field, FloatData values) {
    long size = values.size();
    tag(field, LENGTH_DELIMITED);
    varint(4L * size);
    if (out == null) {
      written += 4L * size;
      return;
    }
    FloatData.Cursor cursor = values.cursor();
    float[] floats = new float[FLOAT_CHUNK];
    ByteBuffer chunk = ByteBuffer.allocate(4 * FLOAT_CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    for (long from = 0; from < size; from += FLOAT_CHUNK) {
      int n = (int) Math.min(FLOAT_CHUNK, size - from);
      cursor.next(floats, n);
      chunk.clear();
      chunk.asFloatBuffer().put(floats, 0, n);
      raw(chunk.array(), 0, 4 * n);
    }
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  private void varint(long value) {
    int n = 0;
    while ((value & ~0x7FL) != 0) {
      scratch[n++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    scratch[n++] = (byte) value;
    raw(scratch, 0, n);
  }

  private static int varintSize(long value) {
    int n = 1;
    while ((value & ~0x7FL) != 0) {
      n++;
      value >>>= 7;
    }
    return n;
  }

  private void raw(byte[] bytes, int offset, int length) {
    written += length;
    if (out == null) return;
    try {
      out.write(bytes, offset, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
