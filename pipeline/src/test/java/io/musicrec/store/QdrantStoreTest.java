package io.musicrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigException;
import io.musicrec.config.ConfigLoader;
import io.musicrec.config.Settings;
import io.musicrec.store.qdrant.QdrantEndpoint;
import io.musicrec.testing.qdrant.ConformanceTracks;
import io.musicrec.testing.qdrant.Fault;
import io.musicrec.testing.qdrant.LogCapture;
import io.musicrec.testing.qdrant.QdrantTestServer;
import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.Points;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Qdrant store's own duties: bulk ingest under faults, retries, errors, credentials, indexes. */
class QdrantStoreTest {
  private static final String COLLECTION = "tracks";
  /** 10 points a batch, 2 in flight, fast backoff, a deadline no healthy call misses on a busy machine. */
  private static final Settings.Sink SINK = new Settings.Sink(10, 1 << 20, 2, 5, 5, 50, 10);
  /** The same with a 2 s deadline, so that a 3 s reply times out. */
  private static final Settings.Sink SHORT_DEADLINE = new Settings.Sink(10, 1 << 20, 2, 5, 5, 50, 2);

  private QdrantTestServer server;

  @BeforeEach
  void start() {
    server = QdrantTestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The layout the config's defaults describe (defaults.yaml). */
  private static final CollectionLayout DEFAULT_LAYOUT = CollectionLayout.from(ConfigLoader.load(null, Map.of(), Map.of()).layout());

  private VectorStore open(Settings.Sink sink, String apiKey) {
    VectorStore store = VectorStores.open(server.uri(), sink, new Settings.Qdrant(apiKey));
    store.ensureCollection(new CollectionSpec(COLLECTION, 3, DEFAULT_LAYOUT));
    return store;
  }

  @Test
  void anHttpAddressNamesTheSameGrpcEndpoint() {
    try (VectorStore store = VectorStores.open(server.uri().replace("qdrant://", "http://"), SINK, new Settings.Qdrant(null))) {
      store.ensureCollection(CollectionSpec.of(COLLECTION, 3));
      store.upsert(COLLECTION, points(3));
      assertEquals(3, store.count(COLLECTION));
    }
  }

  private static List<Point> points(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> ConformanceTracks.track("t" + i, new float[] {1, i, 2}, "rock", "A", List.of("rock---indie")))
        .toList();
  }

  private static Set<String> pointIdsOf(List<Point> points) {
    return points.stream().map(p -> PointIds.of(p.trackId()).toString()).collect(Collectors.toSet());
  }

  static Stream<Arguments> faultSchedules() {
    return Stream.of(
        Arguments.of("burst of UNAVAILABLE", List.of(Fault.unavailable(), Fault.unavailable(), Fault.unavailable())),
        Arguments.of("RESOURCE_EXHAUSTED and ABORTED", List.of(Fault.resourceExhausted(), Fault.aborted(), Fault.resourceExhausted())),
        Arguments.of("connection dropped after the batch was applied", List.of(Fault.droppedAfterApply(), Fault.droppedAfterApply())),
        Arguments.of("reply slower than the deadline", List.of(Fault.slow(3000))),
        Arguments.of("everything at once", List.of(Fault.droppedAfterApply(), Fault.unavailable(), Fault.slow(3000),
            Fault.resourceExhausted(), Fault.droppedAfterApply())),
        Arguments.of("Qdrant's transient INTERNAL and FAILED_PRECONDITION (cancelled, out of memory, shard not ready)",
            List.of(Fault.cancelled(), Fault.outOfMemory(), Fault.shardNotReady())),
        Arguments.of("answered WaitTimeout or Acknowledged instead of Completed",
            List.of(Fault.answers(Points.UpdateStatus.WaitTimeout, true), Fault.answers(Points.UpdateStatus.Acknowledged, false))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faultSchedules")
  void underEveryFaultScheduleThePointsStoredAreExactlyThePointsSent(String name, List<Fault> faults) {
    List<Point> sent = points(100);
    try (VectorStore store = open(SHORT_DEADLINE, null)) {
      server.failNextUpserts(faults.toArray(Fault[]::new));
      try (BulkWriter writer = store.bulkWriter(COLLECTION)) {
        sent.forEach(writer::add);
        writer.flush();
        assertEquals(100, writer.written());
      }
      assertEquals(pointIdsOf(sent), server.pointIds(COLLECTION), "none lost, none extra");
      assertEquals(100, store.count(COLLECTION), "none duplicated");
      // ten batches, and every fault cost exactly one more call: the retries happened and stopped
      assertEquals(10 + faults.size(), server.upsertCalls());
    }
  }

  @Test
  void retriesStopAfterMaxRetriesWithAMessageThatSaysWhatToDo() {
    Settings.Sink twoRetries = new Settings.Sink(10, 1 << 20, 1, 2, 5, 20, 10);
    try (VectorStore store = open(twoRetries, null)) {
      server.failNextUpserts(Fault.unavailable(), Fault.unavailable(), Fault.unavailable(), Fault.unavailable());
      BulkWriter writer = store.bulkWriter(COLLECTION);
      points(5).forEach(writer::add);
      StoreException e = assertThrows(StoreException.class, writer::close);
      assertTrue(e.getMessage().contains("still failing after 3 attempts") && e.getMessage().contains("max_retries"), e.getMessage());
      assertEquals(3, server.upsertCalls());
    }
  }

  @Test
  void aRejectedRequestFailsAtOnceWithoutRetries() {
    try (VectorStore store = open(SINK, null)) {
      server.failNextUpserts(Fault.invalidArgument("Wrong input: bad payload"));
      BulkWriter writer = store.bulkWriter(COLLECTION);
      points(5).forEach(writer::add);
      StoreException e = assertThrows(StoreException.class, writer::flush);
      assertTrue(e.getMessage().contains("Qdrant rejected the request") && e.getMessage().contains("bad payload"), e.getMessage());
      assertEquals(1, server.upsertCalls());
      // the writer stays failed: nothing more is sent after a permanent error
      assertThrows(StoreException.class, () -> writer.add(points(1).get(0)));
      assertThrows(StoreException.class, writer::close);
      assertEquals(1, server.upsertCalls());
    }
  }

  @Test
  void aLockedStorageOrARejectedWriteFailsAtOnce() {
    try (VectorStore store = open(SINK, null)) {
      server.failNextUpserts(Fault.storageLocked());
      StoreException locked = assertThrows(StoreException.class, () -> store.upsert(COLLECTION, points(3)));
      assertTrue(locked.getMessage().contains("Storage locked") && locked.getMessage().contains("/locks"), locked.getMessage());
      assertEquals(1, server.upsertCalls());
      server.failNextUpserts(Fault.answers(Points.UpdateStatus.ClockRejected, false));
      StoreException rejected = assertThrows(StoreException.class, () -> store.upsert(COLLECTION, points(3)));
      assertTrue(rejected.getMessage().contains("ClockRejected"), rejected.getMessage());
      assertEquals(2, server.upsertCalls());
      assertEquals(0, store.count(COLLECTION));
    }
  }

  @Test
  void aRateLimitIsWaitedOutForAsLongAsTheServerAsks() {
    try (LogCapture logs = new LogCapture(); VectorStore store = open(SINK, null)) {
      server.failNextUpserts(Fault.rateLimited(1));
      long start = System.nanoTime();
      store.upsert(COLLECTION, points(3));
      long waitedMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(3, store.count(COLLECTION));
      assertEquals(2, server.upsertCalls());
      assertTrue(logs.text().contains("the server asked to retry after 1000 ms"), logs.text());
      assertTrue(waitedMs >= 1000, "the 50 ms backoff ceiling did not cut the server's 1 s short: " + waitedMs + " ms");
    }
  }

  @Test
  void aReplyOverTheClientsMessageSizeLimitFailsAtOnceWithAHint() {
    int dimension = 4096;
    List<Point> wide = IntStream.range(0, 300).mapToObj(i -> {
      float[] v = new float[dimension];
      v[i] = 1;
      return ConformanceTracks.track("w" + i, v, "rock", "A", List.of());
    }).toList();
    try (VectorStore store = VectorStores.open(server.uri(), SINK, new Settings.Qdrant(null))) {
      store.ensureCollection(CollectionSpec.of("wide", dimension));
      store.upsert("wide", wide);
      // 300 x 4096 floats is about 4.9 MB: over grpc-java's 4 MiB inbound limit, which no retry lifts
      StoreException e = assertThrows(StoreException.class,
          () -> store.retrieve("wide", wide.stream().map(Point::trackId).toList()));
      assertTrue(e.getMessage().contains("size limit"), e.getMessage());
      assertEquals(1, server.calls("qdrant.Points/Get"), "not retried");
    }
  }

  @Test
  void sumScoresIsRefusedByServersOlderThan114WhichWouldAnswerItAsAverageVector() {
    server.reportVersion("1.13.6");
    try (VectorStore store = open(SINK, null)) {
      store.upsert(COLLECTION, points(4));
      Recommendation sum = new Recommendation(List.of("t1"), List.of("t2"), RecommendStrategy.SUM_SCORES, null, 2);
      StoreException e = assertThrows(StoreException.class, () -> store.recommend(COLLECTION, sum));
      assertTrue(e.getMessage().contains("1.14") && e.getMessage().contains("1.13.6") && e.getMessage().contains("best_score"),
          e.getMessage());
      assertTrue(server.queryRequests().isEmpty(), "nothing was asked of the old server");
      assertEquals(2, store.recommend(COLLECTION,
          new Recommendation(List.of("t1"), List.of("t2"), RecommendStrategy.BEST_SCORE, null, 2)).size());
    }
    server.reportVersion("1.14.0");
    try (VectorStore store = VectorStores.open(server.uri(), SINK, new Settings.Qdrant(null))) {
      assertEquals(2, store.recommend(COLLECTION,
          new Recommendation(List.of("t1"), List.of("t2"), RecommendStrategy.SUM_SCORES, null, 2)).size());
    }
  }

  @Test
  void theConfiguredLayoutReachesTheServerAndQueriesAskForRescoring() {
    Settings.Layout configured = ConfigLoader.load(null, Map.of(), Map.of(
        "layout.on_disk_vectors", "true", "layout.quantization", "int8", "layout.hnsw_m", "32",
        "layout.hnsw_ef_construct", "256", "layout.shard_number", "3", "layout.replication_factor", "2",
        "layout.write_consistency_factor", "2")).layout();
    try (VectorStore store = VectorStores.open(server.uri(), SINK, new Settings.Qdrant(null))) {
      String version = store.createVersion(new CollectionSpec("music", 3, CollectionLayout.from(configured)));
      Collections.CreateCollection create = server.createRequest(version);
      Collections.VectorParams vectors = create.getVectorsConfig().getParams();
      assertTrue(vectors.getOnDisk());
      assertEquals(Collections.QuantizationType.Int8, vectors.getQuantizationConfig().getScalar().getType());
      assertTrue(vectors.getQuantizationConfig().getScalar().getAlwaysRam(), "int8 copies stay in RAM");
      assertEquals(32, create.getHnswConfig().getM());
      assertEquals(256, create.getHnswConfig().getEfConstruct());
      assertEquals(3, create.getShardNumber());
      assertEquals(2, create.getReplicationFactor());
      assertEquals(2, create.getWriteConsistencyFactor());
      assertEquals(Set.of("genre", "subgenres", "artist"), server.keywordIndexes(version), "defaults.yaml's payload indexes");
      store.upsert(version, points(3));
      store.search(version, new float[] {1, 0, 0}, 2, null);
      store.recommend(version, new Recommendation(List.of("t1"), List.of(), RecommendStrategy.BEST_SCORE, null, 1));
      assertEquals(2, server.queryRequests().size());
      for (Points.QueryPoints q : server.queryRequests()) assertTrue(q.getParams().getQuantization().getRescore(), q.toString());
    }
  }

  @Test
  void aConfiguredSearchEffortIsSentAsHnswEfAndTheAutomaticOneLeavesQdrantsDefault() {
    try (VectorStore store = VectorStores.open(server.uri(), SINK, new Settings.Qdrant(null), new Settings.Search(300))) {
      store.ensureCollection(new CollectionSpec(COLLECTION, 3, DEFAULT_LAYOUT));
      store.upsert(COLLECTION, points(3));
      store.search(COLLECTION, new float[] {1, 0, 0}, 2, null);
      store.recommend(COLLECTION, new Recommendation(List.of("t1"), List.of(), RecommendStrategy.BEST_SCORE, null, 1));
    }
    try (VectorStore store = VectorStores.open(server.uri(), SINK, new Settings.Qdrant(null))) {
      store.search(COLLECTION, new float[] {1, 0, 0}, 2, null);
    }
    List<Points.QueryPoints> asked = server.queryRequests();
    assertEquals(3, asked.size());
    assertEquals(300, asked.get(0).getParams().getHnswEf());
    assertEquals(300, asked.get(1).getParams().getHnswEf());
    assertFalse(asked.get(2).getParams().hasHnswEf(), asked.get(2).toString());
  }

  @Test
  void countsAreExactWhereQdrantsEstimateWouldStillCountDeletedPoints() {
    try (VectorStore store = open(SINK, null)) {
      store.upsert(COLLECTION, points(5));
      store.delete(COLLECTION, List.of("t0", "t1"));
      assertEquals(3, store.count(COLLECTION));
      assertTrue(server.countRequests().stream().allMatch(Points.CountPoints::getExact));
    }
  }

  @Test
  void theServersDimensionCheckSurfacesAsAClearError() {
    try (VectorStore store = VectorStores.open(server.uri(), SINK, new Settings.Qdrant(null))) {
      store.ensureCollection(CollectionSpec.of("wide", 4));
      StoreException e = assertThrows(StoreException.class, () -> store.upsert("wide", points(2)));
      assertTrue(e.getMessage().contains("dimension"), e.getMessage());
    }
  }

  @Test
  void batchesRespectThePointAndByteBounds() {
    Settings.Sink small = new Settings.Sink(7, 2_000, 2, 5, 5, 50, 5);
    List<Point> sent = IntStream.range(0, 40)
        .mapToObj(i -> ConformanceTracks.track("w" + i, new float[] {1, i, 2}, "rock", "A" + "x".repeat(i * 10), List.of()))
        .toList();
    try (VectorStore store = open(small, null)) {
      store.upsert(COLLECTION, sent);
      assertEquals(40, store.count(COLLECTION));
    }
    List<int[]> batches = server.upsertBatches();
    assertTrue(batches.size() > 40 / 7 + 1, "the byte bound split batches further: " + batches.size());
    int total = 0;
    for (int[] b : batches) {
      assertTrue(b[0] <= 7, "points per batch " + b[0]);
      assertTrue(b[1] <= 2_000 + 200, "bytes per batch " + b[1]); // + the request's own envelope
      total += b[0];
    }
    assertEquals(40, total);
  }

  @Test
  void noMoreThanMaxInFlightUpsertsRunAtOnce() {
    List<Fault> slow = new ArrayList<>();
    for (int i = 0; i < 6; i++) slow.add(Fault.slow(300));
    try (VectorStore store = open(new Settings.Sink(10, 1 << 20, 2, 5, 5, 50, 5), null)) {
      server.failNextUpserts(slow.toArray(Fault[]::new));
      store.upsert(COLLECTION, points(60));
      assertEquals(60, store.count(COLLECTION));
    }
    assertEquals(2, server.maxConcurrentUpserts());
  }

  @Test
  void keywordIndexesExistBeforeIngest() {
    try (VectorStore store = open(SINK, null)) {
      assertEquals(Set.of("genre", "subgenres", "artist"), server.keywordIndexes(COLLECTION));
      assertEquals(0, store.count(COLLECTION));
    }
  }

  @Test
  void theApiKeyIsSentButNeverPrintedOrLogged() {
    String key = "s3cret-api-key-4711";
    server.close();
    server = QdrantTestServer.startRequiringKey(key);
    try (LogCapture logs = new LogCapture(); VectorStore store = open(SINK, key)) {
      server.failNextUpserts(Fault.unavailable()); // a retry logs a warning
      store.upsert(COLLECTION, points(3));
      assertEquals(3, store.count(COLLECTION));
      assertTrue(server.apiKeysSeen().stream().allMatch(key::equals), "every call carries the key");
      assertTrue(logs.text().contains("retry 1/5"), "the capture works: " + logs.text());
      assertFalse(logs.text().contains(key), logs.text());
      assertFalse(store.toString().contains(key), store.toString());
      assertFalse(new Settings.Qdrant(key).toString().contains(key));
    }
  }

  @Test
  void aWrongApiKeyFailsAtOnceAndSaysWhichSettingToFix() {
    server.close();
    server = QdrantTestServer.startRequiringKey("right-key");
    try (VectorStore store = VectorStores.open(server.uri(), SINK, new Settings.Qdrant("wrong-key"))) {
      StoreException e = assertThrows(StoreCredentialsException.class, () -> store.ensureCollection(CollectionSpec.of(COLLECTION, 3)));
      assertTrue(e.getMessage().contains("qdrant.api_key") && e.getMessage().contains("QDRANT_API_KEY"), e.getMessage());
      assertFalse(e.getMessage().contains("wrong-key"), e.getMessage());
      assertEquals(1, server.apiKeysSeen().size(), "no retries on UNAUTHENTICATED");
    }
  }

  @Test
  void aWrongApiKeyIsFoundByTheReachabilityCheckThoughHealthCheckTakesNoKey() {
    server.close();
    server = QdrantTestServer.startRequiringKey("right-key");
    try (VectorStore store = VectorStores.open(server.uri(), SINK, new Settings.Qdrant("wrong-key"))) {
      StoreException e = assertThrows(StoreCredentialsException.class, store::checkReachable);
      assertTrue(e.getMessage().contains("qdrant.api_key") && e.getMessage().contains("UNAUTHENTICATED"), e.getMessage());
      assertFalse(e.getMessage().contains("wrong-key"), e.getMessage());
    }
    try (VectorStore store = VectorStores.open(server.uri(), SINK, new Settings.Qdrant("right-key"))) {
      store.checkReachable();
    }
  }

  @Test
  void anUnreachableServerIsRetriedThenReportedClearly() {
    int port = server.port();
    server.close();
    Settings.Sink quick = new Settings.Sink(10, 1 << 20, 1, 2, 5, 20, 1);
    try (VectorStore store = VectorStores.open("qdrant://127.0.0.1:" + port, quick, new Settings.Qdrant(null))) {
      StoreException e = assertThrows(StoreException.class, () -> store.count(COLLECTION));
      assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains("reachable"), e.getMessage());
    }
    server = QdrantTestServer.start();
  }

  @Test
  void storeUrisAreParsedOrRejectedWithTheAllowedForms() {
    assertEquals(new QdrantEndpoint("db.example", 6334, true), QdrantEndpoint.parse("qdrants://db.example:6334"));
    assertEquals(new QdrantEndpoint("localhost", 6334, false), QdrantEndpoint.parse("http://localhost:6334"));
    assertEquals(new QdrantEndpoint("h", 6334, false), QdrantEndpoint.parse("qdrant://h"));
    for (String bad : List.of("bogus:/x", "qdrant://", "embedded:", "", "qdrant://h:1/path")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> VectorStores.open(bad, SINK, new Settings.Qdrant(null)).close(), bad);
      assertTrue(e.getMessage().contains("qdrant://HOST:PORT"), e.getMessage());
    }
    ConfigException secret = assertThrows(ConfigException.class, () -> QdrantEndpoint.parse("qdrant://user:pw123@h:1"));
    assertFalse(secret.getMessage().contains("pw123"), secret.getMessage());
  }
}
