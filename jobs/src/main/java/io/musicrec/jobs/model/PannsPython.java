package io.musicrec.jobs.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PANNs reference stack outside the JVM: the Python of the environment made by {@code
 * verify/panns/install.sh} (PyTorch, torchlibrosa, panns-inference, ONNX Runtime, nbclient), named
 * by {@code MUSICREC_TORCH_PYTHON}, and the project's scripts (the export notebook and {@code
 * verify/panns/*.py}) under the project folder ({@code -Dmusicrec.home}, set by bin/musicrec, else
 * the working directory or its parent). Everything the scripts print on stderr is passed to the log
 * as it comes; their stdout is the result.
 */
public final class PannsPython {
  public static final String PYTHON_ENV = "MUSICREC_TORCH_PYTHON";
  static final String NOTEBOOK = "notebooks/export_panns_onnx.ipynb";
  static final String RUNNER = "verify/panns/run_notebook.py";
  static final String REFERENCE = "verify/panns/panns_reference.py";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path python;
  private final Path home;
  private final PrintWriter log;

  public PannsPython(Path python, Path home, PrintWriter log) {
    this.python = python;
    this.home = home;
    this.log = log;
  }

  /** The environment's Python from {@code MUSICREC_TORCH_PYTHON}, if set. */
  public static Optional<Path> configuredPython() {
    String value = System.getenv(PYTHON_ENV);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  /** The configured reference stack, or a config error that says how to make it. */
  public static PannsPython locate(PrintWriter log) {
    Path python = configuredPython().orElseThrow(() -> new ConfigException(PYTHON_ENV + " is not set: PANNs CNN14 is"
        + " exported with PyTorch; make the environment with verify/panns/install.sh .venv-panns and set "
        + PYTHON_ENV + "=.venv-panns/bin/python"));
    if (!Files.isExecutable(python)) {
      throw new ConfigException(PYTHON_ENV + "=" + python + " is not an executable file; make the environment with"
          + " verify/panns/install.sh .venv-panns and point " + PYTHON_ENV + " at .venv-panns/bin/python");
    }
    return new PannsPython(python, projectHome(), log);
  }

  /** The folder holding notebooks/ and verify/. */
  public static Path projectHome() {
    List<Path> candidates = new ArrayList<>();
    String home = System.getProperty("musicrec.home");
    if (home != null && !home.isBlank()) candidates.add(Path.of(home));
    Path cwd = Path.of("").toAbsolutePath();
    candidates.add(cwd);
    if (cwd.getParent() != null) candidates.add(cwd.getParent());
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve(NOTEBOOK)) && Files.isRegularFile(candidate.resolve(REFERENCE))) {
        return candidate;
      }
    }
    throw new ConfigException("cannot find " + NOTEBOOK + " and " + REFERENCE + " (looked in " + candidates
        + "); run from the project folder or through bin/musicrec");
  }

  public Path python() {
    return python;
  }

  public Path script(String relative) {
    return home.resolve(relative);
  }

  /** Runs the export notebook with papermill-style parameters (NAME=python literal). */
  public void runNotebook(List<String> parameters, Path executedCopy) {
    List<String> command = new ArrayList<>(List.of(python.toString(), script(RUNNER).toString(),
        "--notebook", script(NOTEBOOK).toString(), "--executed", executedCopy.toString()));
    for (String p : parameters) {
      command.add("-p");
      command.add(p);
    }
    run(command, true);
  }

  /** Runs {@code panns_reference.py ARGS...} and returns the JSON object it prints. */
  public JsonNode reference(List<String> args) {
    List<String> command = new ArrayList<>(List.of(python.toString(), script(REFERENCE).toString()));
    command.addAll(args);
    String out = run(command, false);
    try {
      return JSON.readTree(out.strip());
    } catch (IOException e) {
      throw new IllegalStateException(REFERENCE + " printed no JSON result: " + out, e);
    }
  }

  /** A Python string literal of {@code value}, for notebook parameters. */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private String run(List<String> command, boolean outputIsLog) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().putIfAbsent("MPLBACKEND", "Agg");
    if (outputIsLog) builder.redirectErrorStream(true);
    try {
      Process process = builder.start();
      Thread stderr = null;
      if (!outputIsLog) {
        stderr = new Thread(() -> copyLines(new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), null), "panns-python-stderr");
        stderr.start();
      }
      StringBuilder out = new StringBuilder();
      copyLines(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
          outputIsLog ? null : out);
      int exit = process.waitFor();
      if (stderr != null) stderr.join();
      if (exit != 0) {
        throw new IllegalStateException(String.join(" ", command.subList(1, Math.min(3, command.size())))
            + " failed (exit " + exit + "); its output is above");
      }
      return out.toString();
    } catch (IOException e) {
      throw new ConfigException("cannot run " + python + " (" + e.getMessage() + "); check " + PYTHON_ENV);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(1), e);
    }
  }

  /** Lines into {@code into}, or into the log when {@code into} is null. */
  private void copyLines(BufferedReader reader, StringBuilder into) {
    try (reader) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (into != null) {
          into.append(line).append('\n');
        } else {
          synchronized (log) {
            log.println("  " + line);
            log.flush();
          }
        }
      }
    } catch (IOException e) {
      synchronized (log) {
        log.println("  (output lost: " + e.getMessage() + ")");
      }
    }
  }
}
