package io.musicrec.jobs.index;

import io.musicrec.store.BulkWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * The reliability test's fault, through the {@link TaskHooks} seam: the chosen partition's task
 * fails on its first attempt, mid-partition, after some of its points are already in the store, so
 * the retry must overwrite, not duplicate.
 *
 * @param partition the partition whose first attempt fails
 * @param afterTracks how many points that attempt writes (and flushes) first
 */
record FailOneTaskOnce(int partition, int afterTracks) implements TaskHooks {
  /** Faults thrown in this JVM, so a local-mode test can prove its retry path really ran. */
  private static final AtomicInteger FIRED = new AtomicInteger();

  @Override
  public void afterWrite(TaskContext task, int tracksWritten, BulkWriter writer) {
    boolean armed = task != null && task.partitionId() == partition && task.attemptNumber() == 0;
    if (armed && tracksWritten >= afterTracks) {
      writer.flush(); // make the partial partition durable before failing
      FIRED.incrementAndGet();
      throw new InjectedFault("injected fault after " + tracksWritten + " tracks in partition " + partition);
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
