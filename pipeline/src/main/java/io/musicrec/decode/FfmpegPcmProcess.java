package io.musicrec.decode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running ffmpeg with its three pipes served by pump threads: the feeder opens the source and
 * copies it to stdin, the reader collects PCM from stdout, and the log reader parses stderr. The
 * caller only waits, so it can give up at a deadline or on interrupt. {@link #close()} always
 * kills the process, closes the source and waits (bounded) for the pumps to end.
 */
final class FfmpegPcmProcess implements AutoCloseable {
  /** Pump threads are pooled: three per decode, reused across files. Daemons never hold up exit. */
  private static final ExecutorService PUMPS = Executors.newCachedThreadPool(daemonThreads());
  /** How long a source may keep the feeder busy after ffmpeg has stopped reading it. */
  private static final long FEEDER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long CLEANUP_WAIT_MS = 5_000;
  private static final int CHUNK = 1 << 16;

  private final Process process;
  private final InputStreamOpener opener;
  private final StreamHead head;
  private final FfmpegLog log = new FfmpegLog();
  private final PcmBuffer pcm;
  private final Pump feeder;
  private final Pump reader;
  private final Pump logReader;
  private volatile InputStream source;
  private volatile boolean closing;
  private volatile Exception sourceError;
  private volatile IOException outputError;

  /** @param opener the source to pump into stdin, or null when stdin is already a file */
  private FfmpegPcmProcess(Process process, InputStreamOpener opener, StreamHead head, PcmBuffer pcm) {
    this.process = process;
    this.opener = opener;
    this.head = head;
    this.pcm = pcm;
    this.reader = new Pump(this::readPcm);
    this.logReader = new Pump(this::readLog);
    this.feeder = opener == null ? Pump.finished() : new Pump(this::feed);
  }

  /** Starts ffmpeg and a pump that copies the opener's stream into its stdin. */
  static FfmpegPcmProcess pipeFrom(List<String> command, InputStreamOpener opener, PcmBuffer pcm) {
    return new FfmpegPcmProcess(start(new ProcessBuilder(command)), opener, new StreamHead(), pcm);
  }

  /** Starts ffmpeg with a local file as its stdin: the kernel feeds it, nothing passes the JVM. */
  static FfmpegPcmProcess fileAsStdin(List<String> command, Path file, StreamHead head, PcmBuffer pcm) {
    return new FfmpegPcmProcess(start(new ProcessBuilder(command).redirectInput(file.toFile())), null, head, pcm);
  }

  private static Process start(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      // Not a property of the file (its head was read already): every file would fail the same way.
      throw new IllegalStateException("cannot start ffmpeg (" + builder.command().get(0) + "): " + e.getMessage(), e);
    }
  }

  /**
   * Waits until ffmpeg has exited and all its output is read.
   *
   * @return false if the deadline ({@link System#nanoTime()}) passed first
   */
  boolean awaitCompletion(long deadlineNanos) throws InterruptedException {
    if (!reader.await(deadlineNanos - System.nanoTime())) return false;
    if (!process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) return false;
    if (!logReader.await(deadlineNanos - System.nanoTime())) return false;
    // ffmpeg is done with its input. The feeder normally ended already; if the source is slow to
    // return its last read, close() abandons it.
    feeder.await(Math.min(FEEDER_GRACE_NANOS, deadlineNanos - System.nanoTime()));
    return true;
  }

  /**
   * How far the input got, for a timeout's message: the bytes the feeder passed to ffmpeg, or,
   * when ffmpeg reads a local file as its stdin, its read position in that file (Linux's
   * {@code /proc/<pid>/fdinfo/0}; call before {@link #close()}).
   */
  String progress() {
    if (opener != null) return head.bytesSeen() + " bytes read";
    long size = head.bytesSeen(); // StreamHead.read: the file's size
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(process.pid()), "fdinfo", "0"))) {
        if (line.startsWith("pos:")) return line.substring(4).trim() + " of " + size + " bytes read";
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone: say what is known
    }
    return "file of " + size + " bytes; how much was read is unknown";
  }

  int exitCode() {
    return process.exitValue();
  }

  /** The failure opening or reading the source, if any. */
  Exception sourceError() {
    return sourceError;
  }

  /** A failure reading ffmpeg's stdout (never expected while the process runs normally). */
  IOException outputError() {
    return outputError;
  }

  StreamHead head() {
    return head;
  }

  FfmpegLog log() {
    return log;
  }

  PcmBuffer pcm() {
    return pcm;
  }

  private void feed() {
    try (OutputStream stdin = process.getOutputStream()) {
      InputStream in;
      try {
        in = opener.open();
        if (in == null) throw new IOException("the stream opener returned no stream");
      } catch (Exception e) {
        failSource(e);
        return;
      }
      source = in;
      try (in) {
        byte[] buf = new byte[CHUNK];
        while (!closing) {
          int n;
          try {
            n = in.read(buf);
          } catch (Exception e) {
            failSource(e);
            return;
          }
          if (n < 0) return;
          head.accept(buf, 0, n);
          try {
            stdin.write(buf, 0, n);
          } catch (IOException e) {
            return; // ffmpeg stopped reading: it has all it wants (-t cap) or gave up on the input
          }
        }
      }
    } catch (IOException e) {
      // Closing stdin or the source after ffmpeg exited: nothing is lost.
    }
  }

  private void failSource(Exception e) {
    if (closing) return; // close() closed the source under us: not the source's fault
    sourceError = e;
    process.destroyForcibly(); // no point decoding a partial stream
  }

  private void readPcm() {
    try (InputStream stdout = process.getInputStream()) {
      pcm.consume(stdout);
    } catch (IOException e) {
      if (!closing) outputError = e;
    }
  }

  private void readLog() {
    try (InputStream stderr = process.getErrorStream()) {
      log.consume(stderr);
    } catch (IOException e) {
      // The log only refines the classification; a broken stderr pipe loses nothing else.
    }
  }

  /** Kills ffmpeg, abandons the source and waits (bounded, uninterruptibly) for every pump. */
  @Override
  public void close() {
    closing = true;
    process.destroyForcibly();
    closeSource();
    feeder.cancel();
    boolean interrupted = false;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLEANUP_WAIT_MS);
    for (Pump pump : List.of(reader, logReader, feeder)) {
      while (true) {
        try {
          pump.await(deadline - System.nanoTime());
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    while (true) {
      try {
        process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  private void closeSource() {
    InputStream in = source;
    if (in == null) return;
    try {
      in.close();
    } catch (IOException | RuntimeException e) {
      // Best effort: a stream that cannot be closed from here ends when its read returns.
    }
  }

  /** A body running on a pooled thread, with a latch so callers can join it with a time limit. */
  private static final class Pump {
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread runner;
    private boolean cancelled;
    private boolean finished;

    private Pump() {
      finished = true;
      done.countDown();
    }

    /** A pump with nothing to do. */
    static Pump finished() {
      return new Pump();
    }

    Pump(Runnable body) {
      PUMPS.execute(
          () -> {
            synchronized (this) {
              runner = Thread.currentThread();
              if (cancelled) runner.interrupt();
            }
            try {
              body.run();
            } finally {
              synchronized (this) {
                finished = true;
                runner = null;
              }
              done.countDown();
            }
          });
    }

    boolean await(long nanos) throws InterruptedException {
      return done.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /**
     * Interrupts the body while it runs (unblocks interruptible waits in a stream opener, for
     * instance); never a pooled thread that has moved on to other work.
     */
    synchronized void cancel() {
      cancelled = true;
      if (!finished && runner != null) runner.interrupt();
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "musicrec-decode-io-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
