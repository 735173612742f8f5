package io.musicrec.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.enrich.LabelsReader;
import io.musicrec.testing.corpus.TestCorpus;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated labels.json, read by the library's own reader, says what the manifest says. */
class CorpusLabelsTest {
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("CorpusLabelsTest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void readsTheGeneratedCorpusLabels() {
    TestCorpus corpus = TestCorpus.standard();
    CorpusManifest m = corpus.manifest();
    Map<String, Row> byId = new HashMap<>();
    for (Row r : LabelsReader.read(spark, corpus.labels().toUri().toString()).collectAsList()) {
      byId.put(r.getAs("id"), r);
    }

    assertEquals(m.catalog().size() + 6, byId.size());
    assertFalse(byId.containsKey(m.defects().missingLabels().id()));
    assertTrue(byId.containsKey(m.defects().labelsWithoutAudio().id()));
    for (CorpusManifest.Track t : m.catalog()) {
      Row r = byId.get(t.id());
      assertEquals(t.artist(), r.getAs("artist"));
      assertEquals(t.genre(), r.getAs("genre"));
      assertEquals(t.album(), r.getAs("album"));
      assertEquals(t.subgenres(), r.getList(r.fieldIndex("subgenres")));
    }
    assertTrue(byId.values().stream().anyMatch(r -> r.isNullAt(r.fieldIndex("popularity"))));
    assertTrue(byId.values().stream().anyMatch(r -> r.isNullAt(r.fieldIndex("album"))));
    Row withMoods = byId.values().stream().filter(r -> !r.isNullAt(r.fieldIndex("moods"))).findFirst().orElseThrow();
    assertEquals(Set.of("danceability", "energy", "valence", "acousticness"), withMoods.getJavaMap(withMoods.fieldIndex("moods")).keySet());
  }
}
