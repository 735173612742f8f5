package io.musicrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigException;
import io.musicrec.config.Settings;
import io.musicrec.store.qdrant.QdrantEndpoint;
import io.musicrec.testing.qdrant.ConformanceTracks;
import io.musicrec.testing.qdrant.Fault;
import io.musicrec.testing.qdrant.LogCapture;
import io.musicrec.testing.qdrant.QdrantTestServer;
import java.util.ArrayList;
import java.util.List;
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

  private VectorStore open(Settings.Sink sink, String apiKey) {
    VectorStore store = VectorStores.open(server.uri(), sink, new Settings.Qdrant(apiKey));
    store.ensureCollection(CollectionSpec.of(COLLECTION, 3));
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
            Fault.resourceExhausted(), Fault.droppedAfterApply())));
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
      StoreException e = assertThrows(StoreException.class, () -> store.ensureCollection(CollectionSpec.of(COLLECTION, 3)));
      assertTrue(e.getMessage().contains("qdrant.api_key") && e.getMessage().contains("QDRANT_API_KEY"), e.getMessage());
      assertFalse(e.getMessage().contains("wrong-key"), e.getMessage());
      assertEquals(1, server.apiKeysSeen().size(), "no retries on UNAUTHENTICATED");
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
