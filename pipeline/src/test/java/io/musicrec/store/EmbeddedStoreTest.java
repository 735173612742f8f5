package io.musicrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.Settings;
import io.musicrec.store.embedded.EmbeddedOptions;
import io.musicrec.store.embedded.EmbeddedStore;
import io.musicrec.testing.qdrant.ConformanceTracks;
import io.musicrec.testing.qdrant.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the embedded store has to prove: persistence, sharing within a JVM, readers during writes. */
class EmbeddedStoreTest {
  @TempDir Path dir;

  private static List<Point> points(String prefix, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> ConformanceTracks.track(prefix + i, new float[] {1, i, 2}, "rock", "A", List.of()))
        .toList();
  }

  @Test
  void pointsAndAliasesSurviveAReopen() throws Exception {
    String version;
    try (VectorStore store = VectorStores.open("embedded:" + dir, ConfigLoader.load(null, Map.of(), Map.of()).sink(), null)) {
      version = store.createVersion(CollectionSpec.of("music", 3));
      store.upsert(version, ConformanceTracks.all());
      store.switchAlias("music", version);
    }
    assertEquals(version + "\n", Files.readString(dir.resolve("music.alias")));
    assertTrue(Files.isDirectory(dir.resolve(version)));
    try (VectorStore store = EmbeddedStore.open(dir, EmbeddedOptions.defaults())) {
      assertEquals(8, store.count("music"));
      assertEquals("b", store.search("music", new float[] {1, 0.2f, 0}, 1, null).get(0).trackId());
    }
  }

  @Test
  void theConfiguredLayoutPicksLucenesScalarQuantizedHnswAndTheIgnoredSettingsAreLogged() throws Exception {
    Settings.Layout configured = ConfigLoader.load(null, Map.of(), Map.of("layout.quantization", "int8",
        "layout.hnsw_m", "24", "layout.hnsw_ef_construct", "150", "layout.shard_number", "2",
        "layout.replication_factor", "2")).layout();
    try (LogCapture logs = new LogCapture(); VectorStore store = EmbeddedStore.open(dir, EmbeddedOptions.defaults())) {
      store.ensureCollection(new CollectionSpec("q", 3, CollectionLayout.from(configured)));
      store.upsert("q", ConformanceTracks.all());
      assertTrue(logs.text().contains("shard_number=2") && logs.text().contains("replication_factor=2"), logs.text());
    }
    com.fasterxml.jackson.databind.JsonNode layout = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("q").resolve("collection.json").toFile());
    assertEquals(24, layout.get("maxConn").asInt());
    assertEquals(150, layout.get("beamWidth").asInt());
    assertEquals("INT8", layout.get("quantization").asText());
    try (org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(
        org.apache.lucene.store.FSDirectory.open(dir.resolve("q").resolve("index")))) {
      assertEquals(1, reader.leaves().size());
      org.apache.lucene.index.FieldInfo vectors = reader.leaves().get(0).reader().getFieldInfos().fieldInfo("vector");
      assertEquals("Lucene99HnswScalarQuantizedVectorsFormat", vectors.getAttribute("PerFieldKnnVectorsFormat.format"));
    }
  }

  @Test
  void storesOnTheSameDirectoryInOneJvmShareTheWriter() {
    try (VectorStore first = EmbeddedStore.open(dir, EmbeddedOptions.defaults());
        VectorStore second = EmbeddedStore.open(dir, EmbeddedOptions.defaults())) {
      first.ensureCollection(CollectionSpec.of("c", 3));
      first.upsert("c", points("x", 5));
      second.upsert("c", points("y", 7));
      assertEquals(12, first.count("c"));
      assertEquals(12, second.count("c"));
    }
  }

  @Test
  void readersSeeConsistentCommittedStateWhileAWriterIngests() throws Exception {
    try (VectorStore store = EmbeddedStore.open(dir, EmbeddedOptions.defaults())) {
      store.ensureCollection(CollectionSpec.of("c", 3));
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService reader = Executors.newSingleThreadExecutor();
      try {
        Future<List<Long>> seen = reader.submit(() -> {
          List<Long> counts = new ArrayList<>();
          while (writing.get()) {
            counts.add(store.count("c"));
            store.search("c", new float[] {1, 1, 1}, 5, null);
            Thread.sleep(5); // pace the reader: it checks visibility, not throughput
          }
          return counts;
        });
        try (BulkWriter writer = store.bulkWriter("c")) {
          for (int batch = 0; batch < 8; batch++) {
            points("b" + batch + "_", 25).forEach(writer::add);
            writer.flush();
          }
        } finally {
          writing.set(false);
        }
        List<Long> counts = seen.get();
        for (int i = 1; i < counts.size(); i++) assertTrue(counts.get(i) >= counts.get(i - 1), "never goes back: " + counts);
        assertTrue(counts.stream().allMatch(c -> c % 25 == 0), "only whole flushed batches are visible: " + counts);
        assertEquals(200, store.count("c"));
      } finally {
        reader.shutdownNow();
      }
    }
  }

  @Test
  void anAliasCannotShadowACollection() {
    try (VectorStore store = EmbeddedStore.open(dir, EmbeddedOptions.defaults())) {
      store.ensureCollection(CollectionSpec.of("music", 3));
      assertThrows(StoreException.class, () -> store.createVersion(CollectionSpec.of("music", 3)));
      assertThrows(StoreException.class, () -> store.switchAlias("other", "missing"));
    }
  }
}
