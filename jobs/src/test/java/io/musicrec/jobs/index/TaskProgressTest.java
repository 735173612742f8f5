package io.musicrec.jobs.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Progress moves while a task runs, on a real local Spark: a one-partition job counts part of its
 * items, then waits until the driver's {@link TaskProgress} has seen that partial count (from an
 * executor heartbeat) before it goes on. Without per-heartbeat progress the task would wait out
 * its timeout and the test fail; no timing is asserted.
 */
class TaskProgressTest {
  private static final int ITEMS = 10;
  private static final int BEFORE_PAUSE = 4;
  /** Counted down by the driver-side watcher once the listener reports BEFORE_PAUSE items. */
  private static volatile CountDownLatch driverSawPartial;
  private static final AtomicBoolean SEEN_WHILE_RUNNING = new AtomicBoolean();

  private SparkSession spark;

  @BeforeEach
  void start() {
    driverSawPartial = new CountDownLatch(1);
    SEEN_WHILE_RUNNING.set(false);
    spark = SparkSession.builder().master("local[2,2]").appName("task-progress-test")
        .config("spark.ui.enabled", "false")
        .config("spark.executor.heartbeatInterval", "200ms")
        .getOrCreate();
  }

  @AfterEach
  void stop() {
    spark.stop();
  }

  @Test
  void aRunningTasksCountReachesTheDriverBeforeTheTaskEnds() throws Exception {
    Counted run = countInOnePartition(false);
    assertTrue(SEEN_WHILE_RUNNING.get(), "the driver saw " + BEFORE_PAUSE + " items done while the only task still ran");
    assertEquals(ITEMS, run.counter().value());
    assertEquals(ITEMS, run.progress().getAsLong(), "once the task ended, its final count replaces its partial one");
    assertTrue(run.maxSeen() <= ITEMS, "never more than was done: " + run.maxSeen());
  }

  @Test
  void aFailedAttemptsPartialCountIsDroppedAsTheAccumulatorDropsIt() throws Exception {
    Counted run = countInOnePartition(true);
    assertTrue(SEEN_WHILE_RUNNING.get());
    assertEquals(ITEMS, run.counter().value(), "the accumulator counts the successful attempt only");
    assertEquals(ITEMS, run.progress().getAsLong(), "so does the progress");
  }

  private record Counted(LongAccumulator counter, TaskProgress progress, long maxSeen) {}

  /**
   * Counts {@link #ITEMS} in one task that pauses after {@link #BEFORE_PAUSE} until the driver has
   * seen that partial count; with {@code failFirstAttempt}, the first attempt then fails.
   */
  private Counted countInOnePartition(boolean failFirstAttempt) throws Exception {
    LongAccumulator counter = spark.sparkContext().longAccumulator("tracks done");
    TaskProgress progress = new TaskProgress(counter);
    spark.sparkContext().addSparkListener(progress);
    AtomicLong maxSeen = new AtomicLong();
    try (Watcher watcher = new Watcher(progress, maxSeen)) {
      new JavaSparkContext(spark.sparkContext()).parallelize(items(), 1).foreachPartition(it -> {
        int n = 0;
        while (it.hasNext()) {
          it.next();
          counter.add(1);
          if (++n == BEFORE_PAUSE && (!failFirstAttempt || TaskContext.get().attemptNumber() == 0)) {
            SEEN_WHILE_RUNNING.set(driverSawPartial.await(60, TimeUnit.SECONDS));
            if (failFirstAttempt) throw new IllegalStateException("first attempt fails after its partial count was seen");
          }
        }
      });
    }
    return new Counted(counter, progress, maxSeen.get());
  }

  private static List<Integer> items() {
    return IntStream.range(0, ITEMS).boxed().toList();
  }

  /** Polls the listener on the driver, as the progress bar does, and opens the latch at BEFORE_PAUSE. */
  private static final class Watcher implements AutoCloseable {
    private final Thread thread;

    Watcher(TaskProgress progress, AtomicLong maxSeen) {
      thread = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          long done = progress.getAsLong();
          maxSeen.accumulateAndGet(done, Math::max);
          if (done >= BEFORE_PAUSE) driverSawPartial.countDown();
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "progress-watcher");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join();
    }
  }
}
