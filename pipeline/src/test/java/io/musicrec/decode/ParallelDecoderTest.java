package io.musicrec.decode;

import static io.musicrec.decode.DecodeFixtures.RATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.model.ClipPolicy;
import io.musicrec.reject.RejectCode;
import io.musicrec.testing.audio.TestAudio;
import io.musicrec.testing.audio.TestAudio.Tone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelDecoderTest {
  private static final DecodeOptions OPTIONS =
      new DecodeOptions(RATE, new ClipPolicy(ClipPolicy.Mode.WINDOWS, 1, 2, 1), 10, 60);
  private static final int THREADS = 2;

  @TempDir static Path dir;
  static List<Path> good = new ArrayList<>();
  static List<Path> bad = new ArrayList<>();

  @BeforeAll
  static void makeTracks() throws IOException {
    for (int i = 0; i < 14; i++) {
      good.add(TestAudio.mp3Cbr(Tone.of(200 + 50 * i, 2 + i % 3), dir.resolve("good-" + i + ".mp3"), 96));
    }
    bad.add(Files.createFile(dir.resolve("empty.mp3")));
    bad.add(TestAudio.text(dir.resolve("text.mp3"), "not music"));
    bad.add(TestAudio.randomBytes(dir.resolve("noise.mp3"), 10_000, 7));
    bad.add(dir.resolve("missing.mp3"));
  }

  /** Inputs whose openers count how many tracks have been opened so far. */
  private static Iterator<DecodeInput> inputs(List<Path> files, AtomicInteger opened) {
    List<DecodeInput> inputs = new ArrayList<>();
    for (Path file : files) {
      inputs.add(new DecodeInput(file.toString(), () -> {
        opened.incrementAndGet();
        return Files.newInputStream(file);
      }));
    }
    return inputs.iterator();
  }

  @Test
  void everyInputComesBackExactlyOnceWithBoundedReadAhead() throws InterruptedException {
    List<Path> all = new ArrayList<>(good);
    all.addAll(2, bad); // rejects mixed in among the clips
    AtomicInteger opened = new AtomicInteger();
    Map<String, DecodeResult> results = new HashMap<>();
    int consumed = 0;

    try (ParallelDecoder decoder = new ParallelDecoder(new AudioDecoder(OPTIONS), inputs(all, opened), THREADS)) {
      while (decoder.hasNext()) {
        DecodeResult result = decoder.next();
        consumed++;
        assertFalse(results.containsKey(result.path()), "returned twice: " + result.path());
        results.put(result.path(), result);
        assertTrue(decoder.pending() <= 2 * THREADS, "pending " + decoder.pending());
        // A slow consumer (inference): the decoders run ahead, but never by more than 2N tracks.
        Thread.sleep(30);
        assertTrue(opened.get() - consumed <= 2 * THREADS,
            "opened " + opened.get() + " tracks with only " + consumed + " consumed");
      }
    }

    assertEquals(all.size(), results.size());
    for (Path file : good) {
      DecodedClip clip = (DecodedClip) results.get(file.toString());
      assertEquals(2, clip.windows().length);
      assertEquals(RATE, clip.windowSamples());
    }
    assertEquals(RejectCode.EMPTY, ((Reject) results.get(bad.get(0).toString())).reason());
    assertEquals(RejectCode.NOT_AUDIO, ((Reject) results.get(bad.get(1).toString())).reason());
    assertEquals(RejectCode.CORRUPT, ((Reject) results.get(bad.get(2).toString())).reason());
    assertEquals(RejectCode.IO_ERROR, ((Reject) results.get(bad.get(3).toString())).reason());
  }

  @Test
  void zeroThreadsMeansEveryProcessor() {
    AtomicInteger opened = new AtomicInteger();
    try (ParallelDecoder decoder = new ParallelDecoder(new AudioDecoder(OPTIONS), inputs(good, opened), 0)) {
      assertTrue(decoder.hasNext());
      assertEquals(Math.min(good.size(), 2 * Runtime.getRuntime().availableProcessors()), decoder.pending());
    }
  }

  @Test
  void anEmptyPartitionYieldsNothing() {
    try (ParallelDecoder decoder = new ParallelDecoder(new AudioDecoder(OPTIONS), List.<DecodeInput>of().iterator(), THREADS)) {
      assertFalse(decoder.hasNext());
    }
  }

  @Test
  void closingMidwayStopsWorkersAndTheirProcesses() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    List<DecodeInput> stuck = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      stuck.add(new DecodeInput("stuck-" + i, () -> {
        try {
          never.await();
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
        }
        throw new IOException("interrupted");
      }));
    }
    ParallelDecoder decoder = new ParallelDecoder(new AudioDecoder(OPTIONS), stuck.iterator(), THREADS);
    assertTrue(decoder.hasNext());
    Thread.sleep(200); // both workers are now blocked opening their stream, ffmpeg waiting on stdin

    decoder.close();

    assertEquals(THREADS, interrupted.get(), "each blocked opener was interrupted");
    long ffmpegs =
        ProcessHandle.current().descendants()
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.contains("ffmpeg")).orElse(false))
            .count();
    assertEquals(0, ffmpegs);
    assertFalse(decoder.hasNext());
  }

  @Test
  void anInterruptedConsumerGetsACancellation() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    DecodeInput stuck = new DecodeInput("stuck", () -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("interrupted");
    });
    ParallelDecoder decoder = new ParallelDecoder(new AudioDecoder(OPTIONS), List.of(stuck).iterator(), 1);
    Thread.currentThread().interrupt();
    try {
      decoder.next();
      throw new AssertionError("expected a cancellation");
    } catch (CancellationException expected) {
      assertTrue(Thread.interrupted(), "the interrupt flag is kept (and cleared here)");
    } finally {
      decoder.close();
    }
  }
}
