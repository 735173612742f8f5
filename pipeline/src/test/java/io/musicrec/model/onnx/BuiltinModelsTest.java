package io.musicrec.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigException;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The library on its own: logmel is its only built-in. The benchmark-only cnn14-shape comes with
 * the tooling module (see tooling's Cnn14ShapeGraphTest), so here it is an unknown name.
 */
class BuiltinModelsTest {
  @Test
  void theLibraryAloneResolvesLogmelOnly() {
    assertEquals(List.of("builtin:logmel"), BuiltinModels.names());
    ModelSpec logmel = ModelSpecs.resolve("builtin:logmel");
    assertTrue(BuiltinModels.resolve(logmel.source()).bytes().length > 0, "logmel is built in memory");
  }

  @Test
  void aToolingBuiltinWithoutTheToolingModuleIsAConfigErrorNamingWhatIsThere() {
    ConfigException spec = assertThrows(ConfigException.class, () -> ModelSpecs.resolve("builtin:cnn14-shape"));
    assertTrue(spec.getMessage().contains("unknown built-in 'builtin:cnn14-shape'; allowed: builtin:logmel,"), spec.getMessage());
    ConfigException source = assertThrows(ConfigException.class, () -> BuiltinModels.resolve("builtin:cnn14-shape"));
    assertEquals("model source: unknown built-in 'builtin:cnn14-shape'; allowed: builtin:logmel", source.getMessage());
    assertFalse(source.getMessage().contains("cnn14-shape,"));
  }
}
