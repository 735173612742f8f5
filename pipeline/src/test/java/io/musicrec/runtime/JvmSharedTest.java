package io.musicrec.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's lifetimes, on real open files (a closed channel says it is closed). */
class JvmSharedTest {
  @TempDir Path dir;
  private final AtomicInteger opened = new AtomicInteger();
  private final JvmShared<String, FileChannel> files = new JvmShared<>("test file");

  private FileChannel open(String name) {
    opened.incrementAndGet();
    try {
      return FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theSameKeySharesOneInstanceAndAnotherKeyGetsItsOwn() {
    FileChannel a = files.get("a", this::open);
    assertSame(a, files.get("a", this::open));
    FileChannel b = files.get("b", this::open);
    assertNotSame(a, b);
    assertEquals(2, opened.get(), "opened once per key");
    files.closeAll();
  }

  @Test
  void closingAKeyClosesItsInstanceAndTheNextCallerOpensANewOne() {
    FileChannel first = files.get("a", this::open);
    FileChannel other = files.get("b", this::open);
    files.close("a");
    assertFalse(first.isOpen());
    assertTrue(other.isOpen(), "other keys are untouched");
    assertFalse(files.isOpen("a"));
    FileChannel second = files.get("a", this::open);
    assertNotSame(first, second);
    assertTrue(second.isOpen());
    files.closeAll();
    assertFalse(second.isOpen());
    assertFalse(other.isOpen());
  }

  @Test
  void countedHoldersCloseTheInstanceWithTheLastRelease() {
    FileChannel one = files.acquire("a", this::open);
    FileChannel two = files.acquire("a", this::open);
    assertSame(one, two);
    files.release("a", one);
    assertTrue(one.isOpen(), "a holder is left");
    files.release("a", two);
    assertFalse(one.isOpen());
    assertFalse(files.isOpen("a"));
  }

  @Test
  void aStaleHolderCannotReleaseTheInstanceOpenedAfterItsOwnWasClosed() {
    FileChannel old = files.acquire("a", this::open);
    files.close("a"); // e.g. the embedded store dropping the collection under other holders
    FileChannel fresh = files.acquire("a", this::open);
    files.release("a", old);
    assertTrue(fresh.isOpen(), "the stale release left the new instance alone");
    files.release("a", fresh);
    assertFalse(fresh.isOpen());
  }

  @Test
  void aFailedOpenRegistersNothingAndTheNextCallerTriesAgain() {
    assertThrows(IllegalStateException.class, () -> files.get("a", k -> {
      throw new IllegalStateException("cannot open " + k);
    }));
    assertFalse(files.isOpen("a"));
    assertTrue(files.get("a", this::open).isOpen());
    files.closeAll();
  }
}
