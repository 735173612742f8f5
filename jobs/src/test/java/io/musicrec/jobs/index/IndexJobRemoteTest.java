package io.musicrec.jobs.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.cli.CliRun;
import io.musicrec.cli.Main;
import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.store.PointIds;
import io.musicrec.store.StoreException;
import io.musicrec.testing.S3ProxyServer;
import io.musicrec.testing.corpus.TestCorpus;
import io.musicrec.testing.qdrant.Fault;
import io.musicrec.testing.qdrant.QdrantTestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index job against remote edges: audio and labels read through S3A from a real S3 protocol
 * server on loopback, points written over gRPC to the in-process Qdrant server, which fails
 * upserts mid-run.
 */
class IndexJobRemoteTest {
  private static final String API_KEY = "qdrant-key-never-logged";

  @TempDir static Path work;
  static S3ProxyServer s3;
  static QdrantTestServer qdrant;
  static TestCorpus corpus;

  @BeforeAll
  static void start() throws Exception {
    corpus = TestCorpus.standard();
    s3 = S3ProxyServer.start(work);
    s3.createBucket("music-index");
    s3.upload(corpus.root(), "s3a://music-index/ludwig");
    qdrant = QdrantTestServer.startRequiringKey(API_KEY);
  }

  @AfterAll
  static void stop() {
    if (qdrant != null) qdrant.close();
    if (s3 != null) s3.close();
  }

  static MusicrecConfig config(String store, Map<String, String> extra) {
    Map<String, String> o = new HashMap<>(Map.of(
        "input", "s3a://music-index/ludwig",
        "store", store,
        "report", work.resolve("report").toString(),
        "spark.master", "local[2]",
        "s3.endpoint", s3.endpoint(),
        "s3.access_key", S3ProxyServer.ACCESS_KEY,
        "s3.secret_key", S3ProxyServer.SECRET_KEY,
        "s3.path_style", "true",
        "sink.initial_backoff_ms", "20",
        "sink.batch_points", "8"));
    o.put("embeddings.table", "none"); // these tests are about S3 input and Qdrant faults; the table has its own below
    o.putAll(extra);
    return ConfigLoader.load(null, Map.of("QDRANT_API_KEY", API_KEY), o);
  }

  @Test
  void indexesFromS3IntoQdrantThroughTransientFaultsExactlyOnce() throws Exception {
    qdrant.failNextUpserts(Fault.unavailable(), Fault.droppedAfterApply(), Fault.resourceExhausted(), Fault.aborted());
    MusicrecConfig config = config(qdrant.uri(), Map.of());
    IndexReport report = new IndexJob(config).run();

    int decodable = corpus.manifest().decodable().size();
    assertEquals(decodable, report.counts().upserted());
    assertEquals(5, report.counts().rejected());
    Set<String> expected = corpus.manifest().decodable().stream().map(id -> PointIds.of(id).toString()).collect(Collectors.toSet());
    assertEquals(expected, qdrant.pointIds(report.collection()), "every decodable track once, nothing else");
    assertTrue(report.rejects().stream().allMatch(r -> r.path().startsWith("s3a://music-index/ludwig/mp3/")));

    String written = Files.readString(Path.of(config.report(), "report.json")) + Files.readString(Path.of(config.report(), "report.md"));
    assertFalse(written.contains(S3ProxyServer.SECRET_KEY), "S3 secret in the report");
    assertFalse(written.contains(API_KEY), "Qdrant key in the report");
    assertTrue(qdrant.apiKeysSeen().stream().allMatch(API_KEY::equals));
  }

  /**
   * The embeddings table on S3 (through S3A, the same server as the audio): written by a run into
   * Qdrant, then a fresh embedded store is loaded from it with nothing decoded but the rejects.
   */
  @Test
  void anEmbeddingsTableOnS3LoadsAnotherStoreWithoutDecoding() throws Exception {
    String table = "s3a://music-index/embeddings";
    MusicrecConfig toQdrant = config(qdrant.uri(), Map.of("embeddings.table", table, "collection", "tabled"));
    IndexReport first = new IndexJob(toQdrant).run();
    int decodable = corpus.manifest().decodable().size();
    assertEquals(decodable, first.counts().upserted());
    assertEquals(0, first.counts().fromTable());
    try (Stream<Path> objects = Files.walk(work.resolve("blobs/music-index/embeddings"))) {
      List<String> names = objects.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.contains("_SUCCESS") && names.stream().anyMatch(n -> n.endsWith(".parquet")), names.toString());
    }

    MusicrecConfig embedded = config("embedded:" + work.resolve("from-s3-table"), Map.of("embeddings.table", table));
    RecordDecodes decodes = new RecordDecodes("s3-table");
    IndexReport second = new IndexJob(embedded, decodes).run();
    assertEquals(decodable, second.counts().fromTable());
    assertEquals(0, second.counts().decoded());
    assertEquals(second.rejects().stream().map(IndexReport.Reject::path).collect(Collectors.toSet()), Set.copyOf(decodes.paths()),
        "only the rejects reached the decoder");
    EmbeddingsTableJobTest.assertSamePoints(EmbeddingsTableJobTest.allPoints(toQdrant), EmbeddingsTableJobTest.allPoints(embedded));
  }

  @Test
  void aStoreThatIsDownAtStartFailsFastWithAClearMessage() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    MusicrecConfig config = config("qdrant://127.0.0.1:" + closedPort, Map.of());
    StoreException e = assertThrows(StoreException.class, () -> new IndexJob(config).run());
    assertTrue(e.getMessage().contains("cannot reach Qdrant at"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(closedPort)), e.getMessage());
  }

  @Test
  void aWrongApiKeyIsAConfigErrorThatNamesTheKeyAndNeverPrintsIt() {
    CliRun run;
    // A server of its own: the shared one checks that it only ever saw the right key.
    try (QdrantTestServer guarded = QdrantTestServer.startRequiringKey(API_KEY)) {
      run = CliRun.of("index", "--set", "store=" + guarded.uri(), "--set", "qdrant.api_key=wrong-key-7731",
          "--set", "input=" + corpus.root(), "--set", "report=" + work.resolve("wrong-key-report"),
          "--set", "embeddings.table=none");
    }
    assertEquals(Main.USAGE, run.code(), run.err());
    assertTrue(run.err().contains("config error") && run.err().contains("qdrant.api_key"), run.err());
    assertFalse(run.err().contains("wrong-key-7731") || run.out().contains("wrong-key-7731"), "the key is never printed");
    assertFalse(run.err().contains("\tat "), "one message, no stack trace: " + run.err());
  }

  /**
   * Qdrant's read-only key passes the start-up check (which only reads); an incremental run then
   * meets the refusal at its first write, inside a Spark task. It is still one config error.
   */
  @Test
  void aReadOnlyKeyIsAConfigErrorAlsoWhereATasksWriteMeetsItFirst() throws Exception {
    String input = "s3a://music-index/read-only";
    s3.upload(corpus.root(), input);
    String readOnlyKey = "read-only-key-5521";
    try (QdrantTestServer keyed = QdrantTestServer.startWithKeys(API_KEY, readOnlyKey)) {
      new IndexJob(config(keyed.uri(), Map.of("input", input))).run();
      // One new track: the incremental run decodes it and a task writes it.
      Path someTrack;
      try (Stream<Path> files = Files.walk(corpus.root().resolve("mp3"))) {
        someTrack = files.filter(p -> corpus.manifest().decodable().contains(p.getFileName().toString().replace(".mp3", "")))
            .findFirst().orElseThrow();
      }
      Path added = work.resolve("added");
      Path copy = added.resolve(corpus.root().relativize(someTrack)).resolveSibling("read_only_new.mp3");
      Files.createDirectories(copy.getParent());
      Files.copy(someTrack, copy);
      s3.upload(added, input);

      List<String> args = new ArrayList<>(List.of("index", "--set", "store=" + keyed.uri(), "--set", "qdrant.api_key=" + readOnlyKey,
          "--set", "mode=incremental", "--set", "input=" + input, "--set", "embeddings.table=none",
          "--set", "report=" + work.resolve("read-only-report")));
      for (Map.Entry<String, String> e : Map.of("s3.endpoint", s3.endpoint(), "s3.access_key", S3ProxyServer.ACCESS_KEY,
          "s3.secret_key", S3ProxyServer.SECRET_KEY, "s3.path_style", "true").entrySet()) {
        args.add("--set");
        args.add(e.getKey() + "=" + e.getValue());
      }
      long upsertsBefore = keyed.calls("qdrant.Points/Upsert");
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(Main.USAGE, run.code(), run.err());
      assertTrue(run.err().contains("config error") && run.err().contains("read-only key")
          && run.err().contains("qdrant.api_key"), run.err());
      assertFalse(run.err().contains(readOnlyKey), "the key is never printed");
      assertTrue(keyed.calls("qdrant.Points/Upsert") > upsertsBefore, "the refusal came from a task's write");
    }
  }

  /**
   * What kill -9 during a rebuild's load leaves behind (a version created and half filled, never
   * marked complete) never counts as a version: the next rebuild keeps the last complete one as
   * the rollback version and drops the leftover.
   */
  @Test
  void aKilledRunsHalfFilledVersionIsNeverKeptAsTheRollbackVersion() throws Exception {
    MusicrecConfig config = config(qdrant.uri(), Map.of("mode", "rebuild", "keep_versions", "2", "collection", "killed"));
    IndexJobTest.assertKilledRunsVersionIsNeverKept(config, corpus.manifest().decodable().size());
  }
}
