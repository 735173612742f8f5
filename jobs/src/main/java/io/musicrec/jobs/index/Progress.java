package io.musicrec.jobs.index;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows tracks done / total, rate and ETA while a job runs, by polling a counter the tasks feed
 * ({@link TaskProgress}: it moves per track, between heartbeats, not only when a task ends).
 * On a terminal it draws a bar; otherwise (CI, cluster logs) it logs a line every few seconds.
 */
final class Progress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.musicrec.progress");

  private final ProgressBar bar;
  private final ScheduledExecutorService poller;

  Progress(String task, long total, LongSupplier done) {
    ProgressBarBuilder builder = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setUnit(" tracks", 1)
        .showSpeed()
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(System.console() != null ? 500 : 5000);
    if (System.console() == null) builder.setConsumer(new DelegatingProgressBarConsumer(LOG::info));
    bar = builder.build();
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "musicrec-progress");
      t.setDaemon(true);
      return t;
    });
    // Never backwards: a counter fed by heartbeats may briefly read low while a task's final value lands.
    poller.scheduleAtFixedRate(() -> bar.stepTo(Math.max(bar.getCurrent(), Math.min(total, done.getAsLong()))),
        250, 250, TimeUnit.MILLISECONDS);
  }

  void finish(long done) {
    bar.stepTo(done);
  }

  @Override
  public void close() {
    poller.shutdownNow();
    bar.close();
  }
}
