package io.musicrec.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Range headers browsers and curl send, and the odd ones they must not break on. */
class ByteRangeTest {
  private static final long LENGTH = 1000;

  @Test
  void singleRangesAreClampedToTheFile() {
    assertEquals(Optional.of(new ByteRange(0, 99)), ByteRange.parse("bytes=0-99", LENGTH));
    assertEquals(Optional.of(new ByteRange(500, 999)), ByteRange.parse("bytes=500-", LENGTH));
    assertEquals(Optional.of(new ByteRange(900, 999)), ByteRange.parse("bytes=900-5000", LENGTH));
    assertEquals(Optional.of(new ByteRange(990, 999)), ByteRange.parse("bytes=-10", LENGTH));
    assertEquals(Optional.of(new ByteRange(0, 999)), ByteRange.parse("bytes=-5000", LENGTH));
    assertEquals(100, new ByteRange(0, 99).length());
    assertEquals("bytes 0-99/1000", new ByteRange(0, 99).contentRange(LENGTH));
  }

  @Test
  void whatCannotBeHonouredMeansTheWholeFile() {
    for (String header : new String[] {null, "", "bytes=0-1,5-6", "items=0-1", "bytes=abc", "bytes=5-1", "bytes=1"}) {
      assertEquals(Optional.empty(), ByteRange.parse(header, LENGTH), String.valueOf(header));
    }
  }

  @Test
  void aRangeBeyondTheEndIs416() {
    ByteRange.RangeNotSatisfiable e = assertThrows(ByteRange.RangeNotSatisfiable.class, () -> ByteRange.parse("bytes=1000-", LENGTH));
    assertEquals(416, e.status());
    assertEquals(LENGTH, e.fileLength);
    assertThrows(ByteRange.RangeNotSatisfiable.class, () -> ByteRange.parse("bytes=-0", LENGTH));
    assertThrows(ByteRange.RangeNotSatisfiable.class, () -> ByteRange.parse("bytes=-10", 0));
  }
}
