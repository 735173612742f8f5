package io.musicrec.jobs.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.cli.CliRun;
import io.musicrec.config.ConfigException;
import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.corpus.CorpusManifest;
import io.musicrec.jobs.table.EmbeddingRows;
import io.musicrec.model.ModelSpecs;
import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import io.musicrec.testing.audio.TestAudio;
import io.musicrec.testing.corpus.TestCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embeddings table end to end: the real index job on local[2] with the generated corpus (real
 * MP3s through real ffmpeg) writes it, Spark SQL reads it, a fresh store is loaded from it without
 * decoding, incremental runs reuse it and keep it in step with the files, a lost store comes back
 * from it, and a table switched on for an existing store catches up from the store. Which files
 * reach the decoder is recorded through the task hook seam ({@link RecordDecodes}).
 */
class EmbeddingsTableJobTest {
  @TempDir static Path work;
  static TestCorpus corpus;
  static String model;

  @BeforeAll
  static void corpus() {
    corpus = TestCorpus.standard();
    model = ModelSpecs.resolve("builtin:logmel").fingerprint();
  }

  static MusicrecConfig config(Path input, Path index, Path table, Map<String, String> extra) {
    Map<String, String> o = new HashMap<>(Map.of(
        "input", input.toString(),
        "store", "embedded:" + index,
        "embeddings.table", table.toString(),
        "report", work.resolve("reports").resolve(index.getFileName()).toString(),
        "spark.master", "local[2]"));
    o.putAll(extra);
    return ConfigLoader.load(null, Map.of(), o);
  }

  @Test
  void aFullRunWritesTheTableAndAFreshStoreIsLoadedFromItWithoutDecoding() throws Exception {
    Path table = work.resolve("full-table");
    MusicrecConfig first = config(corpus.root(), work.resolve("full-a"), table, Map.of());
    RecordDecodes firstDecodes = new RecordDecodes("full-a");
    IndexReport written = new IndexJob(first, firstDecodes).run();
    int decodable = corpus.manifest().decodable().size();
    assertEquals(decodable, written.counts().upserted());
    assertEquals(0, written.counts().fromTable(), "an empty table has nothing to give");
    assertEquals(decodable, written.counts().decoded());
    assertEquals(written.counts().listed(), firstDecodes.paths().size(), "every listed file went to the decoder");

    // One row per upserted track, read as a partitioned dataset through Spark SQL, equal to the store's points.
    Map<String, Point> stored = allPoints(first);
    Map<String, Point> rows = tableThroughSql(table);
    assertEquals(new TreeSet<>(corpus.manifest().decodable()), rows.keySet());
    assertSamePoints(stored, rows);

    // Another store, the same table: every decodable track comes from the table.
    Set<String> filesBefore = parquetFiles(table);
    assertEquals(1, filesBefore.size(), "a small table is one file, not one per task: " + filesBefore);
    MusicrecConfig second = config(corpus.root(), work.resolve("full-b"), table, Map.of());
    RecordDecodes secondDecodes = new RecordDecodes("full-b");
    IndexReport loaded = new IndexJob(second, secondDecodes).run();
    assertEquals(decodable, loaded.counts().fromTable());
    assertEquals(decodable, loaded.counts().upserted());
    assertEquals(0, loaded.counts().decoded(), "nothing decoded but the rejects");
    assertEquals(0, loaded.counts().embedded());
    assertEquals(written.counts().rejected(), loaded.counts().rejected());
    Set<String> rejectedPaths = loaded.rejects().stream().map(IndexReport.Reject::path).collect(Collectors.toSet());
    assertEquals(rejectedPaths, new TreeSet<>(secondDecodes.paths()),
        "only the files the table has no row for (the rejects) reached the decoder");
    assertEquals(0.0, loaded.throughput().audioSecondsPerS(), "no audio was decoded");
    assertSamePoints(stored, allPoints(second));
    assertTrue(Files.readString(Path.of(second.report(), "report.md")).contains("from the embeddings table"));
    assertSamePoints(stored, tableThroughSql(table));
    assertEquals(filesBefore, parquetFiles(table), "a load that changed nothing leaves the table's files as they were");
  }

  /** A full run deletes no points, so its table keeps the rows of tracks it did not list; an incremental run drops them. */
  @Test
  void aFullRunOverPartOfTheCatalogueKeepsTheOtherRowsAnIncrementalRunDropsThem() throws Exception {
    Path input = IndexJobTest.copyOf(corpus.root(), work.resolve("partial-input"));
    Path table = work.resolve("partial-table");
    Path index = work.resolve("partial");
    new IndexJob(config(input, index, table, Map.of())).run();
    CorpusManifest.Track left = corpus.manifest().catalog().get(4);
    Files.delete(input.resolve(left.path()));
    new IndexJob(config(input, index, table, Map.of())).run();
    assertTrue(tableThroughSql(table).containsKey(left.id()), "full: the unlisted track's row stays, as its point does");
    new IndexJob(config(input, index, table, Map.of("mode", "incremental"))).run();
    assertFalse(tableThroughSql(table).containsKey(left.id()), "incremental: the point and the row go together");
    assertSamePoints(allPoints(config(input, index, table, Map.of())), tableThroughSql(table));
  }

  @Test
  void aTableThatCannotBeWrittenCostsTheCacheNotTheIndex() throws Exception {
    Path table = work.resolve("blocked-table");
    MusicrecConfig config = config(corpus.root(), work.resolve("blocked"), table, Map.of());
    IndexReport report = new IndexJob(config, new BlockTableStaging(table.toString())).run();
    int decodable = corpus.manifest().decodable().size();
    assertEquals(decodable, report.counts().upserted());
    assertEquals(1, report.warnings().size(), "the failed table write is reported: " + report.warnings());
    assertTrue(report.warnings().get(0).startsWith("embeddings table not written"), report.warnings().get(0));
    assertEquals(decodable, allPoints(config).size(), "the version was published whole all the same");
    assertTrue(Files.readString(Path.of(config.report(), "report.md")).contains("## Warnings"));
  }

  @Test
  void incrementalRunsDecodeOnlyWhatChangedKeepTheTableInStepAndALostStoreComesBackFromIt() throws Exception {
    Path input = IndexJobTest.copyOf(corpus.root(), work.resolve("incremental-input"));
    Path index = work.resolve("incremental");
    Path table = work.resolve("incremental-table");
    new IndexJob(config(input, index, table, Map.of())).run();
    int decodable = corpus.manifest().decodable().size();

    List<CorpusManifest.Track> catalog = corpus.manifest().catalog();
    CorpusManifest.Track changed = catalog.get(0);
    CorpusManifest.Track deleted = catalog.get(2);
    CorpusManifest.Track relabelled = catalog.get(3);
    Path changedFile = input.resolve(changed.path());
    Files.copy(input.resolve(catalog.get(1).path()), changedFile, StandardCopyOption.REPLACE_EXISTING);
    Files.delete(input.resolve(deleted.path()));
    renameArtist(input.resolve("labels.json"), relabelled.id(), "Renamed Artist");
    Path added = Files.createDirectories(input.resolve("mp3/rock")).resolve("added-track.mp3");
    TestAudio.mp3Cbr(TestAudio.Tone.of(523.25, 4), added, 128);

    MusicrecConfig incremental = config(input, index, table, Map.of("mode", "incremental"));
    RecordDecodes decodes = new RecordDecodes("incremental");
    IndexReport report = new IndexJob(incremental, decodes).run();
    Set<String> decodedDecodable = decodes.paths().stream().filter(p -> !rejected(report).contains(p))
        .map(EmbeddingsTableJobTest::fileName).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(List.of(fileName(changedFile.toUri().toString()), "added-track.mp3")), decodedDecodable,
        "only the new and the rewritten file were decoded");
    assertEquals(2, report.counts().upserted());
    assertEquals(0, report.counts().fromTable());
    assertEquals(1, report.counts().relabelled());
    assertEquals(1, report.counts().deleted());
    assertEquals(decodable - 3, report.counts().unchanged());

    Map<String, Point> rows = tableThroughSql(table);
    Map<String, Point> stored = allPoints(incremental);
    assertEquals(decodable, rows.size(), "one deleted, one added");
    assertSamePoints(stored, rows);
    assertFalse(rows.containsKey(deleted.id()), "the deleted file's row is gone");
    assertTrue(rows.containsKey("added-track"));
    assertEquals(sha256(changedFile), rows.get(changed.id()).payload().get("content_hash"), "the rewritten file's row has its new hash");
    assertEquals("Renamed Artist", rows.get(relabelled.id()).payload().get("artist"), "the label edit reached the table");

    // The store is lost: an incremental run restores every point from the table.
    try (var files = Files.walk(index)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    assertFalse(Files.exists(index));
    RecordDecodes restoreDecodes = new RecordDecodes("restore");
    IndexReport restored = new IndexJob(incremental, restoreDecodes).run();
    assertEquals(decodable, restored.counts().fromTable());
    assertEquals(decodable, restored.counts().storeCount());
    assertEquals(0, restored.counts().decoded());
    assertEquals(rejected(restored), new TreeSet<>(restoreDecodes.paths()), "only the rejects reached the decoder");
    assertSamePoints(rows, allPoints(incremental));
  }

  @Test
  void aTableSwitchedOnForAnExistingStoreCatchesUpFromTheStore() throws Exception {
    Path index = work.resolve("catch-up");
    Path table = work.resolve("catch-up-table");
    new IndexJob(config(corpus.root(), index, table, Map.of("embeddings.table", "none"))).run();
    assertFalse(Files.exists(table), "no table was asked for");

    MusicrecConfig incremental = config(corpus.root(), index, table, Map.of("mode", "incremental"));
    RecordDecodes decodes = new RecordDecodes("catch-up");
    IndexReport report = new IndexJob(incremental, decodes).run();
    int decodable = corpus.manifest().decodable().size();
    assertEquals(decodable, report.counts().unchanged());
    assertEquals(0, report.counts().upserted());
    assertEquals(rejected(report), new TreeSet<>(decodes.paths()), "unchanged tracks are not decoded");
    assertSamePoints(allPoints(incremental), tableThroughSql(table));
  }

  @Test
  void aBadTableValueIsAConfigErrorNamingTheKey() throws Exception {
    for (String bad : List.of("s3://bucket/embeddings", "qdrant://localhost:6334", "http://example.com/t")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> ConfigLoader.load(null, Map.of(), Map.of("embeddings.table", bad)));
      assertTrue(e.getMessage().contains("embeddings") && e.getMessage().contains("table must be"), e.getMessage());
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
    assertTrue(ConfigLoader.load(null, Map.of(), Map.of("embeddings.table", "NONE")).embeddings().location().isEmpty());
    assertEquals("data/embeddings", ConfigLoader.load(null, Map.of(), Map.of()).embeddings().table(), "the default");
    assertEquals("data/embeddings", ConfigLoader.load(null, Map.of(), Map.of("embeddings.table", "")).embeddings().table(),
        "an empty value means the default, as for every key");

    // The command line: one message, exit code 2, no stack trace.
    CliRun run = CliRun.of("index", "--input", corpus.root().toString(),
        "--store", "embedded:" + work.resolve("bad-index"), "--table", "s3://bucket/embeddings",
        "--report", work.resolve("bad-report").toString(), "--set", "spark.master=local[2]");
    String message = run.err().strip();
    assertEquals(io.musicrec.cli.Main.USAGE, run.code(), message);
    assertTrue(message.contains("embeddings") && message.contains("s3a://"), message);
    assertEquals(1, message.lines().count(), "one message: " + message);

    // A location that cannot be written stops the run before any work, and the store is untouched.
    Path notAFolder = Files.writeString(work.resolve("a-file"), "x");
    MusicrecConfig unwritable = config(corpus.root(), work.resolve("unwritable"), notAFolder.resolve("embeddings"), Map.of());
    ConfigException e = assertThrows(ConfigException.class, () -> new IndexJob(unwritable).run());
    assertTrue(e.getMessage().startsWith("embeddings.table: cannot write to"), e.getMessage());
    try (VectorStore store = VectorStores.open(unwritable)) {
      assertTrue(store.aliasTarget(unwritable.collection()).isEmpty(), "no collection was created");
    }
  }

  /** The model's rows as Spark SQL sees the table: a partitioned dataset, one folder per model. */
  static Map<String, Point> tableThroughSql(Path table) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("read-embeddings")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      spark.read().parquet(table.toString()).createOrReplaceTempView("embeddings");
      List<Row> rows = spark.sql("SELECT * FROM embeddings WHERE model_fingerprint = '" + model + "'").collectAsList();
      assertEquals(rows.size(), spark.sql("SELECT DISTINCT track_id FROM embeddings").count(), "one row per track");
      Map<String, Point> byId = new TreeMap<>();
      rows.forEach(r -> byId.put(r.getAs(EmbeddingRows.TRACK_ID), EmbeddingRows.toPoint(r)));
      return byId;
    } finally {
      spark.stop();
    }
  }

  static Map<String, Point> allPoints(MusicrecConfig config) {
    try (VectorStore store = VectorStores.open(config)) {
      String collection = config.collection();
      Map<String, Point> byId = new TreeMap<>();
      store.retrieve(collection, store.listPayloads(collection, List.of()).keySet()).forEach(p -> byId.put(p.trackId(), p));
      return byId;
    }
  }

  /**
   * Same ids, vectors and payloads (the store's payload fields, as the table keeps them). The
   * near-duplicate mark is the index's, set after each load, not the audio's: the table has no such column.
   */
  static void assertSamePoints(Map<String, Point> expected, Map<String, Point> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    for (String id : expected.keySet()) {
      assertArrayEquals(expected.get(id).vector(), actual.get(id).vector(), id);
      Map<String, Object> want = new TreeMap<>(expected.get(id).payload());
      Map<String, Object> got = new TreeMap<>(actual.get(id).payload());
      want.values().removeIf(v -> v == null);
      got.values().removeIf(v -> v == null);
      want.remove(io.musicrec.discover.Duplicates.GROUP);
      got.remove(io.musicrec.discover.Duplicates.GROUP);
      assertEquals(want, got, id);
    }
  }

  private static Set<String> parquetFiles(Path table) throws IOException {
    try (var files = Files.walk(table)) {
      return files.filter(f -> f.toString().endsWith(".parquet")).map(f -> table.relativize(f).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> rejected(IndexReport report) {
    return report.rejects().stream().map(IndexReport.Reject::path).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String fileName(String uri) {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static void renameArtist(Path labelsJson, String trackId, String artist) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode labels = (ObjectNode) json.readTree(labelsJson.toFile());
    ((ObjectNode) labels.get("tracks").get(trackId)).putObject("artist").put("S", artist);
    json.writeValue(labelsJson.toFile(), labels);
  }
}
