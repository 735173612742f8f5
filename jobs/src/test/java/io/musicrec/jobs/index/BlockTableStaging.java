package io.musicrec.jobs.index;

import io.musicrec.store.BulkWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.TaskContext;

/**
 * Makes the embeddings table unwritable after the run's start-up check: while the tasks run, the
 * table's {@code _staging} folder becomes a plain file, so the staged write at the end fails the
 * way an object store's error or a full disk would. Local mode: the hook runs in the test's JVM.
 *
 * @param table the table's local folder
 */
record BlockTableStaging(String table) implements TaskHooks {
  @Override
  public void afterWrite(TaskContext task, int tracksWritten, BulkWriter writer) {}

  @Override
  public void beforeDecode(String path) {
    Path staging = Path.of(table, "_staging");
    try {
      if (Files.isDirectory(staging)) Files.delete(staging);
      if (!Files.exists(staging)) Files.writeString(staging, "not a folder");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
