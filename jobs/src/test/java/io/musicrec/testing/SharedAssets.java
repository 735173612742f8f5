package io.musicrec.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Real things the tests use but the project does not ship: the team's shared folder beside the
 * checkout (pretrained weights, real clips) and the reference implementations' Python. Missing
 * ones skip a test with the reason on a developer machine, and fail it in CI, where {@code
 * MUSICREC_REQUIRE_VERIFY=1} says everything must be there.
 */
public final class SharedAssets {
  private SharedAssets() {}

  /** The project's root: the first folder upwards holding {@code .ci/run}. */
  public static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(".ci/run"))) return dir;
    }
    throw new IllegalStateException("no .ci/run above " + Path.of("").toAbsolutePath());
  }

  /** {@code MUSICREC_SHARED}, else {@code ../shared} beside the checkout. */
  public static Path shared() {
    String configured = System.getenv("MUSICREC_SHARED");
    Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : projectRoot().resolveSibling("shared");
    require(Files.isDirectory(dir), "the shared folder " + dir + " is missing (set MUSICREC_SHARED)");
    return dir;
  }

  public static Path musicnnKeras(String file) {
    Path path = shared().resolve("models/musicnn-keras").resolve(file);
    require(Files.isRegularFile(path), path + " is missing");
    return path;
  }

  /** The Python of the reference venv (verify/install.sh), from {@code MUSICREC_VERIFY_PYTHON}. */
  public static Path verifyPython() {
    String python = System.getenv("MUSICREC_VERIFY_PYTHON");
    require(python != null && Files.isExecutable(Path.of(python)),
        "MUSICREC_VERIFY_PYTHON does not name the reference venv's python (make one with verify/install.sh)");
    return Path.of(python);
  }

  /** The published musicnn package, from {@code MUSICREC_MUSICNN_WHEEL} (CI downloads it with pip). */
  public static Optional<Path> musicnnWheel() {
    String wheel = System.getenv("MUSICREC_MUSICNN_WHEEL");
    if (wheel != null && Files.isRegularFile(Path.of(wheel))) return Optional.of(Path.of(wheel));
    require(false, "MUSICREC_MUSICNN_WHEEL does not name musicnn-0.1.0-py3-none-any.whl (pip download --no-deps musicnn==0.1.0)");
    return Optional.empty();
  }

  /** Skips the test with {@code reason} unless CI requires it, where it fails instead. */
  public static void require(boolean present, String reason) {
    if (present) return;
    if ("1".equals(System.getenv("MUSICREC_REQUIRE_VERIFY"))) fail(reason + " (MUSICREC_REQUIRE_VERIFY=1)");
    assumeTrue(false, reason);
  }
}
