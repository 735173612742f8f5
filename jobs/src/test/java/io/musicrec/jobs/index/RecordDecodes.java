package io.musicrec.jobs.index;

import io.musicrec.store.BulkWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.TaskContext;

/**
 * Records every file a run hands to the decoder, through the {@link TaskHooks} seam: what a test
 * needs to prove which tracks were decoded and which came from the embeddings table. Local mode
 * runs tasks in the test's JVM, so a static map keyed by run name collects them.
 *
 * @param run the name this run's decodes are filed under
 */
record RecordDecodes(String run) implements TaskHooks {
  private static final Map<String, List<String>> DECODED = new ConcurrentHashMap<>();

  @Override
  public void afterWrite(TaskContext task, int tracksWritten, BulkWriter writer) {}

  @Override
  public void beforeDecode(String path) {
    DECODED.computeIfAbsent(run, r -> new CopyOnWriteArrayList<>()).add(path);
  }

  /** The paths this run decoded, as the listing wrote them (URIs). */
  List<String> paths() {
    return List.copyOf(DECODED.getOrDefault(run, List.of()));
  }
}
