package io.musicrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code musicrec serve} is wired into the CLI and refuses a store without an index before listening. */
class ServeCommandTest {
  @TempDir Path tmp;

  @Test
  void helpListsTheServeOptions() {
    Run run = run("serve", "--help");
    assertEquals(Main.OK, run.code);
    for (String option : new String[] {"--port", "--host", "--config", "--store", "--max-upload-mb"}) {
      assertTrue(run.out.contains(option), option + " in:\n" + run.out);
    }
  }

  @Test
  void aStoreWithoutTheCollectionIsAConfigError() {
    Run run = run("serve", "--store", "embedded:" + tmp.resolve("empty-index"), "--port", "0");
    assertEquals(Main.USAGE, run.code, run.err);
    assertTrue(run.err.contains("has no collection 'musicrec'") && run.err.contains("musicrec index"), run.err);
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }
}
