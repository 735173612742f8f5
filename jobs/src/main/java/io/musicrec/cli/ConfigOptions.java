package io.musicrec.cli;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: a config file plus key=value overrides. */
final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML config (default: conf/local.yaml, the embedded defaults).")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override any config key, e.g. --set sink.batch_points=32 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** Loads the config: file, then MUSICREC_* environment, then --set, then the given options. */
  MusicrecConfig load(Map<String, String> commandOptions) {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    commandOptions.forEach((k, v) -> { if (v != null) all.put(k, v); });
    return ConfigLoader.load(configFile(), System.getenv(), all);
  }

  private Path configFile() {
    if (config != null) return config;
    Path local = home().resolve("conf/local.yaml");
    return Files.isRegularFile(local) ? local : null;
  }

  /** The checkout bin/musicrec runs from; the working directory otherwise. */
  static Path home() {
    String home = System.getProperty("musicrec.home");
    return home == null ? Path.of("") : Path.of(home);
  }
}
