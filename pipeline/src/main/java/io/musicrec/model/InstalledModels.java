package io.musicrec.model;

import io.musicrec.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code musicrec model install} puts models and where {@code --model NAME} finds them:
 * {@code -Dmusicrec.models}, else {@code MUSICREC_MODELS}, else {@code models/} under the
 * project ({@code -Dmusicrec.home}, set by bin/musicrec), else under the working directory. Each
 * model has a folder: {@code NAME/model.yaml} (its spec), the ONNX file, {@code
 * provenance.json} and {@code LICENSE}.
 */
public final class InstalledModels {
  public static final String DIR_PROPERTY = "musicrec.models";
  public static final String SPEC_FILE = "model.yaml";
  public static final String PROVENANCE_FILE = "provenance.json";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private InstalledModels() {}

  public static Path dir() {
    String configured = System.getProperty(DIR_PROPERTY);
    if (configured == null || configured.isBlank()) configured = System.getenv("MUSICREC_MODELS");
    if (configured != null && !configured.isBlank()) return Path.of(configured);
    String home = System.getProperty("musicrec.home");
    return home == null || home.isBlank() ? Path.of("models") : Path.of(home, "models");
  }

  public static Path folder(String name) {
    return dir().resolve(name);
  }

  /** The installed spec of {@code name}, or a config error that says how to install it. */
  public static Path spec(String name) {
    Path spec = folder(name).resolve(SPEC_FILE);
    if (!Files.isRegularFile(spec)) {
      throw new ConfigException("model: " + name + " is not installed (no " + spec + "); run: bin/musicrec model install "
          + name + (PretrainedModel.named(name).isPresent() || name.equals(PannsCnn14.NAME) ? ""
              : " (known: " + PretrainedModel.names() + ", " + PannsCnn14.NAME + ")"));
    }
    return spec;
  }

  /**
   * Checks the installed ONNX file against the digest recorded at install time, so a truncated or
   * corrupted file is named with its fix instead of failing inside ONNX Runtime on an executor.
   */
  public static void verify(String name, Path onnx) {
    Path provenance = folder(name).resolve(PROVENANCE_FILE);
    try {
      String expected = JSON.readTree(provenance.toFile()).path("onnx").path("sha256").asText("");
      if (expected.isEmpty()) throw new ConfigException("model " + name + ": " + provenance + " records no onnx.sha256; " + installHint(name));
      if (!expected.equals(Digests.sha256(onnx))) {
        throw new ConfigException("model " + name + ": " + onnx + " is corrupt (its sha256 differs from the one recorded at install); "
            + installHint(name));
      }
    } catch (java.io.IOException e) {
      throw new ConfigException("model " + name + ": cannot read " + provenance + " or " + onnx + " (" + e.getMessage() + "); "
          + installHint(name));
    }
  }

  /** The command that (re)installs {@code name}, for error messages. */
  public static String installHint(String name) {
    return "reinstall it with: bin/musicrec model install " + name;
  }
}
