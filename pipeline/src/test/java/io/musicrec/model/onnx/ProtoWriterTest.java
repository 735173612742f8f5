package io.musicrec.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Wire-format bytes checked against the protobuf encoding rules by hand. */
class ProtoWriterTest {
  private static byte[] encode(ProtoWriter.Message message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    message.writeTo(ProtoWriter.streamingTo(bytes));
    assertEquals(bytes.size(), ProtoWriter.sizeOf(message), "counting agrees with writing");
    return bytes.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
    return b;
  }

  @Test
  void varintsUseSevenBitGroupsLeastSignificantFirst() {
    assertArrayEquals(bytes(0x08, 0x96, 0x01), encode(out -> out.int64(1, 150)));
    assertArrayEquals(bytes(0x18, 0xAC, 0x02), encode(out -> out.int64(3, 300)));
    // Negative int64 is ten bytes (two's complement, no zigzag for plain int64).
    assertArrayEquals(bytes(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01), encode(out -> out.int64(1, -1)));
  }

  @Test
  void floatsAreFixed32LittleEndianAndStringsAreLengthDelimited() {
    assertArrayEquals(bytes(0x15, 0x00, 0x00, 0x80, 0x3F), encode(out -> out.float32(2, 1.0f)));
    assertArrayEquals(bytes(0x12, 0x02, 'h', 'i'), encode(out -> out.string(2, "hi")));
  }

  @Test
  void nestedMessagesAndPackedValuesCarryTheirLength() {
    assertArrayEquals(bytes(0x0A, 0x03, 0x08, 0x96, 0x01), encode(out -> out.message(1, in -> in.int64(1, 150))));
    assertArrayEquals(bytes(0x0A, 0x03, 0x01, 0xAC, 0x02), encode(out -> out.packedInt64(1, new long[] {1, 300})));
    assertArrayEquals(bytes(0x4A, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0),
        encode(out -> out.floatsLittleEndian(9, FloatData.of(new float[] {1f, -2f}))));
  }

  @Test
  void seededWeightsAreReproducibleAndHaveTheRequestedSpread() {
    FloatData weights = FloatData.uniform(100_000, 0.5, 7);
    float[] first = new float[100_000];
    float[] second = new float[100_000];
    weights.cursor().next(first, first.length);
    weights.cursor().next(second, second.length);
    assertArrayEquals(first, second);
    double sumSq = 0;
    for (float v : first) sumSq += v * v;
    assertEquals(0.25 / 3, sumSq / first.length, 0.002, "uniform(-a, a) has variance a^2 / 3");
  }
}
