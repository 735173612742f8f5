package io.musicrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.Status;
import io.musicrec.store.qdrant.QdrantEndpoint;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.Points;
import io.qdrant.client.grpc.QdrantOuterClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Qdrant's own behaviour at the protocol level, which the store relies on and the stand-in must
 * copy: the same raw gRPC calls against the stand-in ({@link StandInProtocolTest}) and against a
 * real server ({@link RealQdrantProtocolTest}, when {@code QDRANT_URL} is set).
 */
abstract class QdrantProtocolTest {
  protected QdrantGrpcClient grpc;
  private final List<String> created = new ArrayList<>();
  private String prefix;

  /** A client for the server under test; the API key, if any, already set. */
  protected abstract QdrantGrpcClient client() throws Exception;

  /** A client with the server's read-only key, or null where it has none (the test is then skipped). */
  protected abstract QdrantGrpcClient readOnlyClient() throws Exception;

  /**
   * Qdrant's read_only_api_key reads, and every write answers PERMISSION_DENIED (not
   * UNAUTHENTICATED): the store reports either as a credentials error a user fixes in the config.
   */
  @Test
  void aReadOnlyKeyReadsAndEveryWriteIsPermissionDenied() throws Exception {
    QdrantGrpcClient readOnly = readOnlyClient();
    assumeTrue(readOnly != null, "no read-only key for this server (QDRANT_READ_ONLY_API_KEY)");
    try {
      String name = collection("read_only");
      Collections.ListCollectionsResponse listed =
          readOnly.collections().list(Collections.ListCollectionsRequest.getDefaultInstance()).get(30, TimeUnit.SECONDS);
      assertTrue(listed.getCollectionsList().stream().anyMatch(c -> c.getName().equals(name)), listed.toString());
      Points.UpsertPoints upsert = Points.UpsertPoints.newBuilder().setCollectionName(name).setWait(true)
          .addPoints(Points.PointStruct.newBuilder().setId(PointIdFactory.id(1)).setVectors(VectorsFactory.vectors(1f, 0f, 0f)))
          .build();
      assertEquals(Status.Code.PERMISSION_DENIED, codeOf(readOnly.points().upsert(upsert)));
      assertEquals(Status.Code.PERMISSION_DENIED, codeOf(readOnly.collections().create(Collections.CreateCollection.newBuilder()
          .setCollectionName(name + "_other").setVectorsConfig(Collections.VectorsConfig.newBuilder().setParams(
              Collections.VectorParams.newBuilder().setSize(3).setDistance(Collections.Distance.Cosine))).build())));
    } finally {
      readOnly.close();
    }
  }

  @BeforeEach
  void connect() throws Exception {
    grpc = client();
    prefix = "proto_" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (grpc == null) return;
    try {
      for (String c : created) {
        grpc.collections().delete(Collections.DeleteCollection.newBuilder().setCollectionName(c).build()).get(30, TimeUnit.SECONDS);
      }
    } finally {
      grpc.close();
    }
  }

  static QdrantGrpcClient connectTo(String uri, String apiKey) {
    return QdrantEndpoint.parse(uri).client(apiKey);
  }

  private String collection(String suffix) throws Exception {
    String name = prefix + "_" + suffix;
    created.add(name);
    create(name).get(30, TimeUnit.SECONDS);
    return name;
  }

  private Future<Collections.CollectionOperationResponse> create(String name) {
    return grpc.collections().create(Collections.CreateCollection.newBuilder().setCollectionName(name)
        .setVectorsConfig(Collections.VectorsConfig.newBuilder().setParams(Collections.VectorParams.newBuilder()
            .setSize(3).setDistance(Collections.Distance.Cosine))).build());
  }

  private static Status.Code codeOf(Future<?> call) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
    return Status.fromThrowable(e.getCause()).getCode();
  }

  private void aliases(Collections.AliasOperations... actions) throws Exception {
    grpc.collections().updateAliases(Collections.ChangeAliases.newBuilder().addAllActions(List.of(actions)).build())
        .get(30, TimeUnit.SECONDS);
  }

  private static Collections.AliasOperations createAlias(String alias, String target) {
    return Collections.AliasOperations.newBuilder()
        .setCreateAlias(Collections.CreateAlias.newBuilder().setAliasName(alias).setCollectionName(target)).build();
  }

  private static Collections.AliasOperations deleteAlias(String alias) {
    return Collections.AliasOperations.newBuilder().setDeleteAlias(Collections.DeleteAlias.newBuilder().setAliasName(alias)).build();
  }

  private Map<String, String> aliasMap() throws Exception {
    return grpc.collections().listAliases(Collections.ListAliasesRequest.getDefaultInstance()).get(30, TimeUnit.SECONDS)
        .getAliasesList().stream()
        .filter(a -> a.getAliasName().startsWith(prefix))
        .collect(Collectors.toMap(Collections.AliasDescription::getAliasName, Collections.AliasDescription::getCollectionName));
  }

  private static Points.PointStruct point(Common.PointId id, float... v) {
    Points.DenseVector.Builder d = Points.DenseVector.newBuilder();
    for (float f : v) d.addData(f);
    return Points.PointStruct.newBuilder().setId(id)
        .setVectors(Points.Vectors.newBuilder().setVector(Points.Vector.newBuilder().setDense(d))).build();
  }

  private static Common.PointId uuid(String text) {
    return Common.PointId.newBuilder().setUuid(text).build();
  }

  private Points.UpdateStatus upsert(String collection, boolean wait, Points.PointStruct... points) throws Exception {
    return grpc.points().upsert(Points.UpsertPoints.newBuilder().setCollectionName(collection).setWait(wait)
        .addAllPoints(List.of(points)).build()).get(30, TimeUnit.SECONDS).getResult().getStatus();
  }

  private List<Points.ScoredPoint> nearest(String collection, float... v) throws Exception {
    Points.DenseVector.Builder d = Points.DenseVector.newBuilder();
    for (float f : v) d.addData(f);
    return grpc.points().query(Points.QueryPoints.newBuilder().setCollectionName(collection).setLimit(10)
        .setQuery(Points.Query.newBuilder().setNearest(Points.VectorInput.newBuilder().setDense(d))).build())
        .get(30, TimeUnit.SECONDS).getResultList();
  }

  @Test
  void healthCheckNamesTheVersion() throws Exception {
    QdrantOuterClass.HealthCheckReply reply = grpc.qdrant().healthCheck(QdrantOuterClass.HealthCheckRequest.getDefaultInstance())
        .get(30, TimeUnit.SECONDS);
    assertTrue(reply.getVersion().matches("\\d+\\.\\d+\\.\\d+.*"), reply.getVersion());
  }

  @Test
  void creatingAnExistingCollectionIsAlreadyExists() throws Exception {
    String c = collection("twice");
    assertEquals(Status.Code.ALREADY_EXISTS, codeOf(create(c)));
  }

  @Test
  void createAliasReplacesAnExistingAliasAndDeletingAMissingAliasDoesNothing() throws Exception {
    String a = collection("a");
    String b = collection("b");
    String alias = prefix + "_live";
    aliases(createAlias(alias, a));
    aliases(createAlias(alias, b));
    assertEquals(Map.of(alias, b), aliasMap());
    aliases(deleteAlias(prefix + "_never_existed"));
    assertEquals(Map.of(alias, b), aliasMap());
  }

  @Test
  void aliasActionsApplyOneByOneWithoutRollback() throws Exception {
    String a = collection("a");
    String alias = prefix + "_live";
    aliases(createAlias(alias, a));
    Future<?> both = grpc.collections().updateAliases(Collections.ChangeAliases.newBuilder()
        .addActions(deleteAlias(alias)).addActions(createAlias(alias, prefix + "_missing")).build());
    assertEquals(Status.Code.NOT_FOUND, codeOf(both));
    assertEquals(Map.of(), aliasMap(), "the delete stayed applied: the alias is gone");
    assertEquals(Status.Code.ALREADY_EXISTS, codeOf(grpc.collections().updateAliases(Collections.ChangeAliases.newBuilder()
        .addActions(createAlias(a, a)).build())), "a collection's name cannot be an alias");
  }

  @Test
  void deletingACollectionDropsItsAliases() throws Exception {
    String a = collection("a");
    aliases(createAlias(prefix + "_live", a), createAlias(a + ".complete", a));
    grpc.collections().delete(Collections.DeleteCollection.newBuilder().setCollectionName(a).build()).get(30, TimeUnit.SECONDS);
    assertEquals(Map.of(), aliasMap());
  }

  @Test
  void uuidsAreParsedInTheirUsualFormsAndReportedCanonically() throws Exception {
    String c = collection("ids");
    String canonical = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
    upsert(c, true, point(uuid(canonical.toUpperCase()), 1, 0, 0));
    upsert(c, true, point(uuid("6ba7b8119dad11d180b400c04fd430c8"), 0, 1, 0));
    upsert(c, true, point(Common.PointId.newBuilder().setNum(7).build(), 0, 0, 1));
    List<Points.ScoredPoint> hits = nearest(c, 1, 0, 0);
    assertEquals(canonical, hits.get(0).getId().getUuid());
    List<String> ids = hits.stream().map(h -> h.getId().hasNum() ? "#" + h.getId().getNum() : h.getId().getUuid()).toList();
    assertTrue(ids.contains("6ba7b811-9dad-11d1-80b4-00c04fd430c8") && ids.contains("#7"), ids.toString());
    assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(grpc.points().upsert(Points.UpsertPoints.newBuilder().setCollectionName(c)
        .setWait(true).addPoints(point(uuid("track-42"), 1, 1, 1)).build())));
  }

  @Test
  void writesReportWhetherTheyWereWaitedFor() throws Exception {
    String c = collection("wait");
    assertEquals(Points.UpdateStatus.Completed, upsert(c, true, point(uuid(UUID.randomUUID().toString()), 1, 0, 0)));
    assertEquals(Points.UpdateStatus.Acknowledged, upsert(c, false, point(uuid(UUID.randomUUID().toString()), 0, 1, 0)));
  }

  @Test
  void anAllZeroVectorIsAcceptedAndScoresZero() throws Exception {
    String c = collection("zero");
    String zero = UUID.randomUUID().toString();
    upsert(c, true, point(uuid(zero), 0, 0, 0), point(uuid(UUID.randomUUID().toString()), 1, 0, 0));
    List<Points.ScoredPoint> hits = nearest(c, 0, 1, 0);
    Points.ScoredPoint z = hits.stream().filter(h -> h.getId().getUuid().equals(zero)).findFirst().orElseThrow();
    assertEquals(0f, z.getScore(), 0f);
    assertFalse(nearest(c, 0, 0, 0).isEmpty(), "a zero query is answered too");
  }

  @Test
  void countIsExactOnlyWhenAskedFor() throws Exception {
    String c = collection("count");
    List<Common.PointId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Common.PointId id = uuid(UUID.randomUUID().toString());
      ids.add(id);
      upsert(c, true, point(id, 1, i, 0));
    }
    grpc.points().delete(Points.DeletePoints.newBuilder().setCollectionName(c).setWait(true).setPoints(Points.PointsSelector
        .newBuilder().setPoints(Points.PointsIdsList.newBuilder().addAllIds(ids.subList(0, 2)))).build()).get(30, TimeUnit.SECONDS);
    long exact = grpc.points().count(Points.CountPoints.newBuilder().setCollectionName(c).setExact(true).build())
        .get(30, TimeUnit.SECONDS).getResult().getCount();
    assertEquals(3, exact);
  }

  /** Equal scores: Qdrant leaves their order to its heaps; only the set is asserted, the order is printed. */
  @Test
  void tiedScoresComeBackTogether() throws Exception {
    String c = collection("ties");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = UUID.nameUUIDFromBytes(("tie" + i).getBytes()).toString();
      ids.add(id);
      upsert(c, true, point(uuid(id), 0, 0, 1 + i));
    }
    upsert(c, true, point(uuid(UUID.randomUUID().toString()), 0, 1, 1));
    List<String> top = nearest(c, 0, 0, 1).subList(0, 6).stream().map(h -> h.getId().getUuid()).toList();
    assertEquals(new java.util.TreeSet<>(ids), new java.util.TreeSet<>(top));
    System.out.println("tie order: inserted " + ids + " returned " + top);
  }
}
