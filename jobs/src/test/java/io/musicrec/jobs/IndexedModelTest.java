package io.musicrec.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigException;
import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audio queries are refused when the configured model is not the one that built the index. */
class IndexedModelTest {
  @TempDir Path tmp;

  @Test
  void onlyTheModelThatBuiltTheCollectionMayEmbedQueries() {
    MusicrecConfig config = ConfigLoader.load(null, Map.of(), Map.of("store", "embedded:" + tmp.resolve("index")));
    ModelSpec logmel = ModelSpecs.resolve("builtin:logmel");
    try (VectorStore store = VectorStores.open(config)) {
      store.ensureCollection(CollectionSpec.of("tracks", logmel.dimension()));
      assertDoesNotThrow(() -> IndexedModel.require(store, "tracks", logmel), "an empty collection fits any model of its dimension");

      float[] vector = new float[logmel.dimension()];
      vector[0] = 1;
      store.upsert("tracks", List.of(new Point("t1", vector, Map.of("model", "logmel", "model_version", logmel.version()))));
      assertDoesNotThrow(() -> IndexedModel.require(store, "tracks", logmel));

      String newer = logmel.version() + "-retrained";
      ModelSpec retrained = new ModelSpec(logmel.name(), newer, logmel.source(), logmel.input(), logmel.output(),
          logmel.sampleRate(), logmel.clip(), logmel.dimension(), logmel.distance(), logmel.normalize());
      ConfigException version = assertThrows(ConfigException.class, () -> IndexedModel.require(store, "tracks", retrained));
      assertTrue(version.getMessage().contains("logmel@" + logmel.version()) && version.getMessage().contains("logmel@" + newer), version.getMessage());
      assertTrue(version.getMessage().contains("set 'model'"), version.getMessage());

      ModelSpec cnn14 = ModelSpecs.resolve("builtin:cnn14-shape");
      ConfigException dimension = assertThrows(ConfigException.class, () -> IndexedModel.require(store, "tracks", cnn14));
      assertTrue(dimension.getMessage().contains(logmel.dimension() + "-d") && dimension.getMessage().contains("2048-d"), dimension.getMessage());
    }
  }
}
