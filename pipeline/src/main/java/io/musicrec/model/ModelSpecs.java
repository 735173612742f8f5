package io.musicrec.model;

import io.musicrec.config.ConfigException;
import io.musicrec.config.YamlBinder;
import io.musicrec.model.onnx.BuiltinModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Resolves a model reference: {@code builtin:NAME} (a spec bundled in the jar, whose graph the
 * project writes itself) or a path to a YAML spec file whose relative {@code source} is resolved
 * against the spec's folder.
 */
public final class ModelSpecs {
  public static final String BUILTIN = "builtin:";

  private ModelSpecs() {}

  /** A bare name like {@code musicnn-msd}: an installed model rather than a spec file path. */
  static boolean isModelName(String ref) {
    return ref.matches("[a-z0-9][a-z0-9._-]*") && !ref.endsWith(".yaml") && !ref.endsWith(".yml");
  }

  /** The built-ins this classpath resolves: the library's logmel, plus those other modules contribute. */
  private static String builtins() {
    return String.join(", ", BuiltinModels.names());
  }

  public static ModelSpec resolve(String ref) {
    if (ref.startsWith(BUILTIN)) {
      String name = ref.substring(BUILTIN.length());
      String resource = "/models/" + name + ".yaml";
      try (InputStream in = ModelSpecs.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new ConfigException(
              "model: unknown built-in '" + ref + "'; allowed: " + builtins() + ", an installed model "
                  + PretrainedModel.names() + ", or a spec file path");
        }
        return YamlBinder.bind(YamlBinder.parse(in, ref), ModelSpec.class, ref);
      } catch (IOException e) {
        throw new ConfigException("model: cannot read built-in spec " + ref, e);
      }
    }
    if (isModelName(ref) && !Files.exists(Path.of(ref))) {
      Path installed = InstalledModels.spec(ref);
      ModelSpec spec = resolve(installed.toString());
      InstalledModels.verify(ref, Path.of(spec.source()));
      return spec;
    }
    Path file = Path.of(ref);
    try (InputStream in = Files.newInputStream(file)) {
      ModelSpec spec = YamlBinder.bind(YamlBinder.parse(in, ref), ModelSpec.class, ref);
      if (spec.isBuiltin() || spec.source().contains("://")) return spec;
      Path onnx = file.toAbsolutePath().getParent().resolve(spec.source()).normalize();
      if (!Files.isRegularFile(onnx)) {
        throw new ConfigException(
            ref + ": key 'source' names " + onnx + ", which does not exist; export the model first"
                + " (see notebooks/export_panns_onnx.ipynb) or use builtin:logmel");
      }
      return spec.withSource(onnx.toString());
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          "model: spec file not found: " + ref + " (use " + builtins() + ", an installed model "
              + PretrainedModel.names() + " or a YAML spec in conf/models/)");
    } catch (IOException e) {
      throw new ConfigException("model: cannot read " + ref + ": " + e.getMessage(), e);
    }
  }
}
