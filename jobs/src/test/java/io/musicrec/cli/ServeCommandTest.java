package io.musicrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code musicrec serve} is wired into the CLI and refuses a store without an index before listening. */
class ServeCommandTest {
  @TempDir Path tmp;

  @Test
  void helpListsTheServeOptions() {
    CliRun run = CliRun.of("serve", "--help");
    assertEquals(Main.OK, run.code());
    for (String option : new String[] {"--port", "--host", "--config", "--store", "--max-upload-mb"}) {
      assertTrue(run.out().contains(option), option + " in:\n" + run.out());
    }
  }

  @Test
  void aStoreWithoutTheCollectionIsAConfigError() {
    CliRun run = CliRun.of("serve", "--store", "embedded:" + tmp.resolve("empty-index"), "--port", "0");
    assertEquals(Main.USAGE, run.code(), run.err());
    assertTrue(run.err().contains("has no collection 'musicrec'") && run.err().contains("musicrec index"), run.err());
  }
}
