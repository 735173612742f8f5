package io.musicrec.cli;

import io.musicrec.config.ConfigException;
import io.musicrec.store.StoreCredentialsException;
import io.musicrec.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code musicrec} command line. Exit codes: 0 ok, 1 run failure, 2 usage or config error. */
@Command(
    name = "musicrec",
    mixinStandardHelpOptions = true,
    version = "musicrec 0.1.0",
    description = "Turns a music catalogue into a recommendation index and queries it.",
    subcommands = {
      GenerateCommand.class,
      IndexCommand.class,
      QueryCommand.class,
      BenchCommand.class,
      ServeCommand.class,
      ModelCommand.class,
      QualityCommand.class,
      DedupCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    // Options that take an enum (--scale-quantization int8, --scale-reference none) read it in any case.
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ConfigException) {
            cmd.getErr().println("config error: " + e.getMessage());
            return USAGE;
          }
          // A refused API key is a setting to fix, like any other config error, also where an
          // executor's write met it first (a read-only key) and Spark wrapped it.
          StoreCredentialsException refused = causeOf(e, StoreCredentialsException.class);
          if (refused != null) {
            cmd.getErr().println("config error: " + refused.getMessage());
            return USAGE;
          }
          if (e instanceof StoreException) {
            cmd.getErr().println("failed: " + e.getMessage()); // already says what to fix
            return FAILED;
          }
          cmd.getErr().println("failed: " + e);
          e.printStackTrace(cmd.getErr());
          return FAILED;
        });
    return cli.execute(args);
  }

  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) return type.cast(t);
    }
    return null;
  }
}
