package io.musicrec.jobs.table;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.store.Point;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embeddings table on a real local Spark session and real Parquet files: points round-trip
 * with their payload, a replacement may read the rows it replaces, other models' folders are left
 * alone, the table reads as a partitioned dataset from Spark SQL, and the folder states a crash
 * leaves behind are recovered to one complete version.
 */
class EmbeddingsTableTest {
  static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void spark() {
    spark = SparkSession.builder().master("local[2]").appName("embeddings-table")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static Point point(String id, float seed, String genre) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("content_hash", "hash-" + id);
    payload.put("model", "builtin:logmel");
    payload.put("model_version", "2");
    payload.put("artist", "Artist " + id);
    payload.put("genre", genre);
    payload.put("subgenres", List.of(genre + " a", genre + " b"));
    payload.put("url", "/music/" + id + ".mp3");
    payload.put("duration", 4.5);
    payload.put("duration_capped", false);
    payload.put("labels_hash", "l-" + id);
    return new Point(id, new float[] {seed, seed / 2, -seed}, payload);
  }

  Dataset<Row> rows(Point... points) {
    List<Row> rows = new ArrayList<>();
    for (Point p : points) rows.add(EmbeddingRows.of(p, new EmbeddingRows.ListedFile("/music/" + p.trackId() + ".mp3", 1000, 42)));
    return spark.createDataFrame(rows, EmbeddingRows.SCHEMA);
  }

  static Map<String, Point> points(Dataset<Row> rows) {
    Map<String, Point> byId = new TreeMap<>();
    rows.collectAsList().forEach(r -> byId.put(r.getAs("track_id"), EmbeddingRows.toPoint(r)));
    return byId;
  }

  @Test
  void pointsRoundTripThroughParquetAndReplacementsMayReadWhatTheyReplace() {
    EmbeddingsTable table = new EmbeddingsTable(dir.resolve("embeddings").toString());
    assertTrue(table.read(spark, "builtin:logmel@2").isEmpty(), "no table yet");
    Point a = point("a", 1f, "rock");
    Point b = point("b", 2f, "jazz");
    table.replace(spark, "builtin:logmel@2", rows(a, b));
    assertEquals(Map.of("a", a, "b", b), points(table.read(spark, "builtin:logmel@2").orElseThrow()));

    // The next run keeps a, drops b, adds c: derived from the very folder it replaces.
    Point c = point("c", 3f, "pop");
    Dataset<Row> kept = table.read(spark, "builtin:logmel@2").orElseThrow().where(col("track_id").equalTo("a"));
    table.replace(spark, "builtin:logmel@2", kept.unionByName(rows(c)));
    assertEquals(Map.of("a", a, "c", c), points(table.read(spark, "builtin:logmel@2").orElseThrow()));

    // Another model's folder is another partition, untouched by replacements of this one.
    table.replace(spark, "musicnn-msd@1", rows(point("z", 9f, "ambient")));
    assertEquals(Map.of("a", a, "c", c), points(table.read(spark, "builtin:logmel@2").orElseThrow()));
    Dataset<Row> sql = spark.read().parquet(table.location());
    sql.createOrReplaceTempView("embeddings");
    List<Row> perModel = spark.sql("SELECT model_fingerprint, count(*) AS n, max(size(vector)) AS d FROM embeddings"
        + " GROUP BY model_fingerprint ORDER BY model_fingerprint").collectAsList();
    assertEquals("[[builtin:logmel@2,2,3], [musicnn-msd@1,1,3]]", perModel.toString());
    assertEquals(List.of("rock"), spark.sql("SELECT genre FROM embeddings WHERE track_id = 'a'")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertNoLeftovers(table);
  }

  @Test
  void aCrashAfterStagingIsFinishedWithTheStagedRows() throws Exception {
    EmbeddingsTable table = new EmbeddingsTable(dir.resolve("t1").toString());
    Point old = point("old", 1f, "rock");
    Point fresh = point("new", 5f, "rock");
    table.replace(spark, "m@1", rows(old));
    // The state a crash between the staged write and the first rename leaves behind.
    rows(fresh).write().parquet(dir.resolve("t1/_staging/" + EmbeddingsTable.folderName("m@1") + ".9999999999999-x").toString());
    table.recover(spark, "m@1");
    assertEquals(Map.of("new", fresh), points(table.read(spark, "m@1").orElseThrow()));
    assertNoLeftovers(table);
  }

  @Test
  void aCrashBetweenTheRenamesRestoresTheStagedOrElseTheReplacedRows() throws Exception {
    EmbeddingsTable table = new EmbeddingsTable(dir.resolve("t2").toString());
    Point old = point("old", 1f, "rock");
    table.replace(spark, "m@1", rows(old));
    // Live folder moved aside, nothing staged (the staged folder was lost): the old rows come back.
    Path live = dir.resolve("t2").resolve(EmbeddingsTable.folderName("m@1"));
    Path replaced = dir.resolve("t2/_replaced").resolve(EmbeddingsTable.folderName("m@1") + ".0000000000001-x");
    Files.createDirectories(replaced.getParent());
    Files.move(live, replaced);
    assertTrue(table.read(spark, "m@1").isEmpty(), "nothing live mid-replacement");
    table.recover(spark, "m@1");
    assertEquals(Map.of("old", old), points(table.read(spark, "m@1").orElseThrow()));
    assertNoLeftovers(table);

    // A partial staged folder (no _SUCCESS: the writer died) never replaces a complete live one.
    Path partial = dir.resolve("t2/_staging").resolve(EmbeddingsTable.folderName("m@1") + ".9999999999999-y");
    rows(point("half", 7f, "rock")).write().parquet(partial.toString());
    Files.delete(partial.resolve("_SUCCESS"));
    table.recover(spark, "m@1");
    assertEquals(Map.of("old", old), points(table.read(spark, "m@1").orElseThrow()));
    assertNoLeftovers(table);
  }

  private static void assertNoLeftovers(EmbeddingsTable table) {
    for (String area : List.of("_staging", "_replaced")) {
      Path p = Path.of(table.location(), area);
      if (!Files.exists(p)) continue;
      try (Stream<Path> s = Files.list(p)) {
        assertFalse(s.findAny().isPresent(), area + " is empty after a replacement or a recovery");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
