package io.musicrec.jobs.index;

import io.musicrec.config.Settings;
import io.musicrec.store.BulkWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * The reliability test's fault switch: the chosen task fails on its first attempt, mid-partition,
 * after some of its points are already in the store, so the retry must overwrite, not duplicate.
 */
final class FaultInjection {
  private static final FaultInjection OFF = new FaultInjection(-1);
  /** Faults thrown in this JVM, so a local-mode test can prove its retry path really ran. */
  private static final AtomicInteger FIRED = new AtomicInteger();

  private final int failAfterTracks;

  private FaultInjection(int failAfterTracks) {
    this.failAfterTracks = failAfterTracks;
  }

  static FaultInjection forTask(Settings.Faults faults, TaskContext task) {
    boolean armed = faults.enabled() && task != null && task.partitionId() == faults.failTask() && task.attemptNumber() == 0;
    return armed ? new FaultInjection(faults.failAfterTracks()) : OFF;
  }

  void afterWrite(int tracksWritten, BulkWriter writer) {
    if (failAfterTracks >= 0 && tracksWritten >= failAfterTracks) {
      writer.flush(); // make the partial partition durable before failing
      FIRED.incrementAndGet();
      throw new InjectedFault("injected fault after " + tracksWritten + " tracks (faults.fail_task)");
    }
  }

  static int fired() {
    return FIRED.get();
  }

  static final class InjectedFault extends RuntimeException {
    InjectedFault(String message) {
      super(message);
    }
  }
}
