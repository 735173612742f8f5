package io.musicrec.jobs.index;

import io.musicrec.store.BulkWriter;
import java.io.Serializable;
import org.apache.spark.TaskContext;

/**
 * The test seam of an index task: called at points where a test may make the task fail (e.g. the
 * reliability test fails one task mid-partition to prove a retry overwrites, never duplicates).
 * Runs use {@link #NONE}; only tests construct {@code IndexJob} with other hooks. Travels to the
 * executors with the {@link TaskSettings}, so implementations are serializable.
 */
interface TaskHooks extends Serializable {
  TaskHooks NONE = new None();

  /**
   * After a track's point was handed to the writer.
   *
   * @param task the running task (null outside Spark)
   * @param tracksWritten points this task attempt has handed to the writer so far
   */
  void afterWrite(TaskContext task, int tracksWritten, BulkWriter writer);

  /** Before a track is handed to the decoder (on whichever thread feeds it). */
  default void beforeDecode(String path) {}

  /** A named class, not a lambda, so it serializes the same on every JVM. */
  final class None implements TaskHooks {
    @Override
    public void afterWrite(TaskContext task, int tracksWritten, BulkWriter writer) {}

    private Object readResolve() {
      return NONE;
    }
  }
}
