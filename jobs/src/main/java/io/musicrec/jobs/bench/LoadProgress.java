package io.musicrec.jobs.bench;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A side's load as it goes: points added / total, rate and ETA while adding, then the time spent
 * making the index searchable (a force-merge of 1M high-dimensional points runs for tens of minutes
 * and says nothing itself). Lines go to the bench's log every {@code everySeconds}; a load shorter
 * than that prints none.
 */
final class LoadProgress implements AutoCloseable {
  private final String side;
  private final long total;
  private final Consumer<String> log;
  private final LongAdder added = new LongAdder();
  private final long start = System.nanoTime();
  private final ScheduledExecutorService ticker;
  /** When adding ended and the merge began; null while points are still being added. */
  private volatile Long finishingSince;

  LoadProgress(String side, long total, Consumer<String> log, double everySeconds) {
    this.side = side;
    this.total = total;
    this.log = log;
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "musicrec-scale-progress");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(1, Math.round(everySeconds * 1000));
    ticker.scheduleAtFixedRate(this::report, period, period, TimeUnit.MILLISECONDS);
  }

  /** One point handed to the index; called from every loading thread. */
  void added() {
    added.increment();
  }

  /** Every point is added; what follows (commit, merge, reader) is the wait until searchable. */
  void finishing() {
    finishingSince = System.nanoTime();
  }

  /** The line the ticker logs now (package-visible for the test). */
  String line() {
    long now = System.nanoTime();
    Long mergingSince = finishingSince;
    if (mergingSince != null) {
      return String.format(Locale.ROOT, "  %s: all %d points added; making it searchable (merge) for %.0f s", side, total,
          (now - mergingSince) / 1e9);
    }
    long done = added.sum();
    double seconds = (now - start) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    String eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s", (total - done) / rate) : "unknown";
    return String.format(Locale.ROOT, "  %s: %d / %d points added (%.1f %%), %.0f points/s, adding ETA %s", side, done, total,
        100.0 * done / total, rate, eta);
  }

  private void report() {
    log.accept(line());
  }

  /** Stops the ticker and waits for a line it may be writing, so nothing is logged after the load's own summary. */
  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
