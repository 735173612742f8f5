package io.musicrec.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

/**
 * Binds YAML trees to immutable records strictly: unknown keys and wrong types are errors whose
 * message names the source, the dotted key and what is expected there.
 */
public final class YamlBinder {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

  private YamlBinder() {}

  public static ObjectMapper mapper() {
    return YAML;
  }

  public static JsonNode parse(InputStream in, String source) {
    try {
      JsonNode node = YAML.readTree(in);
      return node == null || node.isMissingNode() ? YAML.createObjectNode() : node;
    } catch (IOException e) {
      throw new ConfigException(source + ": not valid YAML: " + firstLine(e.getMessage()), e);
    }
  }

  public static <T> T bind(JsonNode tree, Class<T> type, String source) {
    try {
      return YAML.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      String allowed =
          e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw new ConfigException(
          source + ": unknown key '" + path(e) + "'; allowed here: " + allowed, e);
    } catch (InvalidFormatException e) {
      throw new ConfigException(
          source + ": key '" + path(e) + "' expects " + describe(e.getTargetType())
              + ", got '" + e.getValue() + "'", e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ConfigException(source + ": " + prefix(e) + cause.getMessage(), e);
    } catch (MismatchedInputException e) {
      throw new ConfigException(
          source + ": key '" + path(e) + "' expects " + describe(e.getTargetType()), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": " + firstLine(e.getOriginalMessage()), e);
    }
  }

  private static String prefix(JsonMappingException e) {
    String path = path(e);
    return path.isEmpty() ? "" : "in '" + path + "': ";
  }

  static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  static String describe(Class<?> type) {
    if (type == null) return "a different type";
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "an integer";
    if (type == double.class || type == Double.class) return "a number";
    if (type == boolean.class || type == Boolean.class) return "true or false";
    if (type == String.class) return "a string";
    if (type.isEnum()) {
      return "one of "
          + java.util.Arrays.stream(type.getEnumConstants())
              .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
              .collect(Collectors.joining(", "));
    }
    if (java.util.Map.class.isAssignableFrom(type)) return "a mapping of key: value";
    if (java.util.List.class.isAssignableFrom(type)) return "a list";
    return "a mapping (section " + type.getSimpleName() + ")";
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
