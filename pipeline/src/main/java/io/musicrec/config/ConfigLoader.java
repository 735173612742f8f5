package io.musicrec.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a {@link MusicrecConfig} from a YAML file, then environment variables, then command-line
 * overrides; later sources win. Environment variables are named after the dotted key:
 * {@code sink.batch_points} is {@code MUSICREC_SINK_BATCH_POINTS}.
 */
public final class ConfigLoader {
  public static final String ENV_PREFIX = "MUSICREC_";
  private static final String SPARK_CONF = "spark.conf.";

  private ConfigLoader() {}

  public static MusicrecConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
    String source = file == null ? "defaults" : file.toString();
    ObjectNode tree = defaults();
    if (file != null) merge(tree, readObject(file));
    // Each layer is checked as it is applied, so an error names where the bad value came from.
    YamlBinder.bind(tree, MusicrecConfig.class, source);
    String environment = "environment (" + ENV_PREFIX + "* variables)";
    List<String> known = knownKeys();
    for (String key : known) {
      String value = env.get(envName(key));
      if (value != null) put(tree, key, value, environment);
    }
    JsonNode apiKey = tree.path("qdrant").path("api_key");
    if ((apiKey.isNull() || apiKey.isMissingNode()) && env.get("QDRANT_API_KEY") != null) {
      put(tree, "qdrant.api_key", env.get("QDRANT_API_KEY"), environment);
    }
    YamlBinder.bind(tree, MusicrecConfig.class, environment);
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      String key = o.getKey();
      if (!known.contains(key) && !key.startsWith(SPARK_CONF)) {
        throw new ConfigException(
            "command line: unknown key '" + key + "'; allowed: " + String.join(", ", known)
                + ", spark.conf.<spark property>");
      }
      if (o.getValue() != null) put(tree, key, o.getValue(), "command line");
    }
    return YamlBinder.bind(tree, MusicrecConfig.class, "command line");
  }

  /** The configuration defaults.yaml alone describes. */
  static MusicrecConfig builtinDefaults() {
    return BuiltinDefaults.CONFIG;
  }

  private static final class BuiltinDefaults {
    static final MusicrecConfig CONFIG = YamlBinder.bind(defaults(), MusicrecConfig.class, "defaults.yaml");
  }

  private static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
      return (ObjectNode) YamlBinder.parse(in, "defaults.yaml");
    } catch (IOException e) {
      throw new IllegalStateException("the jar's config defaults are unreadable", e);
    }
  }

  /** Deep merge: mappings merge key by key; anything else in {@code top} replaces what is below. */
  private static void merge(ObjectNode below, ObjectNode top) {
    top.fields().forEachRemaining(e -> {
      JsonNode existing = below.get(e.getKey());
      if (existing instanceof ObjectNode b && e.getValue() instanceof ObjectNode t) {
        merge(b, t);
      } else if (existing instanceof ObjectNode && e.getValue().isNull()) {
        // "qdrant:" with only commented-out keys below it is an empty section, not "no section"
      } else {
        below.set(e.getKey(), e.getValue());
      }
    });
  }

  private static ObjectNode readObject(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      JsonNode node = YamlBinder.parse(in, file.toString());
      if (!node.isObject()) {
        throw new ConfigException(file + ": expected a mapping of key: value at the top level");
      }
      return (ObjectNode) node;
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file not found: " + file + " (pass --config with an existing file, e.g. conf/local.yaml)");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void put(ObjectNode tree, String dottedKey, String value, String source) {
    if (dottedKey.startsWith(SPARK_CONF)) { // Spark property names contain dots themselves
      tree.withObjectProperty("spark").withObjectProperty("conf").put(dottedKey.substring(SPARK_CONF.length()), value);
      return;
    }
    String[] parts = dottedKey.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null || child.isNull()) {
        child = node.putObject(parts[i]);
      } else if (!child.isObject()) {
        throw new ConfigException(source + ": key '" + parts[i] + "' must be a mapping");
      }
      node = (ObjectNode) child;
    }
    node.put(parts[parts.length - 1], value);
  }

  /** Every settable dotted key, derived from the config records so it never drifts from them. */
  public static List<String> knownKeys() {
    List<String> keys = new ArrayList<>();
    collect(MusicrecConfig.class, "", keys);
    return keys;
  }

  public static String envName(String dottedKey) {
    return ENV_PREFIX + dottedKey.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static void collect(Class<?> type, String prefix, List<String> out) {
    for (RecordComponent c : type.getRecordComponents()) {
      String key = prefix + snake(c.getName());
      if (c.getType().isRecord()) {
        collect(c.getType(), key + ".", out);
      } else if (!Map.class.isAssignableFrom(c.getType())) {
        out.add(key);
      }
    }
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** Sorted list of the keys, for help texts. */
  public static String describeKeys() {
    return String.join(", ", new TreeSet<>(knownKeys()));
  }
}
