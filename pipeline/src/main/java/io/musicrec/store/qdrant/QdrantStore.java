package io.musicrec.store.qdrant;

import io.musicrec.config.Settings;
import io.musicrec.store.BulkWriter;
import io.musicrec.store.CollectionNames;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.Payloads;
import io.musicrec.store.Point;
import io.musicrec.store.Recommendation;
import io.musicrec.store.StoreException;
import io.musicrec.store.VectorStore;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.Points;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.QdrantOuterClass;
import io.grpc.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Qdrant server over gRPC ({@code io.qdrant:client}): optional TLS and API key, per-call
 * deadlines of {@code sink.timeout_s}, and retries with backoff on transient failures for every
 * idempotent call. Versions live behind Qdrant aliases, switched with one atomic UpdateAliases.
 */
public final class QdrantStore implements VectorStore {
  private static final int SCROLL_PAGE = 1000;

  private static final int REACHABLE_TIMEOUT_S = 5;

  private final QdrantEndpoint endpoint;
  private final Settings.Sink sink;
  private final QdrantGrpcClient grpc;
  private final Retrying retrying;
  private final Clock clock = Clock.systemUTC();

  private QdrantStore(QdrantEndpoint endpoint, Settings.Sink sink, QdrantGrpcClient grpc) {
    this.endpoint = endpoint;
    this.sink = sink;
    this.grpc = grpc;
    this.retrying = new Retrying(sink, endpoint.toString());
  }

  /** Connects lazily: the first call opens the channel. The API key is sent as {@code api-key}. */
  public static QdrantStore connect(QdrantEndpoint endpoint, Settings.Sink sink, Settings.Qdrant qdrant) {
    // No version check: it is an extra call at start-up that only logs.
    QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(endpoint.host(), endpoint.port(), endpoint.tls(), false);
    String key = qdrant == null ? null : qdrant.apiKey();
    if (key != null && !key.isBlank()) builder.withApiKey(key);
    return new QdrantStore(endpoint, sink, builder.build());
  }

  PointsGrpc.PointsFutureStub points() {
    return grpc.points().withDeadlineAfter(sink.timeoutS(), TimeUnit.SECONDS);
  }

  private CollectionsGrpc.CollectionsFutureStub collections() {
    return grpc.collections().withDeadlineAfter(sink.timeoutS(), TimeUnit.SECONDS);
  }

  Retrying retrying() {
    return retrying;
  }

  @Override
  public void checkReachable() {
    try {
      grpc.qdrant().withDeadlineAfter(REACHABLE_TIMEOUT_S, TimeUnit.SECONDS)
          .healthCheck(QdrantOuterClass.HealthCheckRequest.getDefaultInstance()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while checking Qdrant at " + endpoint, e);
    } catch (java.util.concurrent.ExecutionException e) {
      Status status = Status.fromThrowable(e.getCause());
      String hint = status.getCode() == Status.Code.UNAUTHENTICATED || status.getCode() == Status.Code.PERMISSION_DENIED
          ? "set qdrant.api_key (or QDRANT_API_KEY)"
          : "check that Qdrant runs there, the gRPC port (usually 6334) and qdrants:// for TLS";
      throw new StoreException("cannot reach Qdrant at " + endpoint + " (" + status.getCode() + "): " + hint, e);
    }
  }

  // ---- collections ----

  @Override
  public void ensureCollection(CollectionSpec spec) {
    Optional<Integer> existing = dimension(spec.name());
    if (existing.isPresent()) {
      if (existing.get() != spec.dimension()) {
        throw new StoreException("collection '" + spec.name() + "' holds " + existing.get() + "-d vectors but "
            + spec.dimension() + "-d were requested: use the model it was built with, another collection name, "
            + "or rebuild it (--mode rebuild)");
      }
      return;
    }
    create(spec);
  }

  private void create(CollectionSpec spec) {
    Collections.VectorParams.Builder params = Collections.VectorParams.newBuilder()
        .setSize(spec.dimension())
        .setDistance(Collections.Distance.Cosine)
        .setOnDisk(spec.onDiskVectors());
    if (spec.quantization() == CollectionSpec.Quantization.INT8) {
      params.setQuantizationConfig(Collections.QuantizationConfig.newBuilder().setScalar(
          Collections.ScalarQuantization.newBuilder().setType(Collections.QuantizationType.Int8).setAlwaysRam(true)));
    }
    // Not retried blindly: a create that was applied but whose reply was lost fails on replay.
    // Instead, after a failure, look: if the collection is there as asked, the create went through.
    try {
      retrying.callOnce("create collection " + spec.name(), () -> collections().create(
          Collections.CreateCollection.newBuilder()
              .setCollectionName(spec.name())
              .setVectorsConfig(Collections.VectorsConfig.newBuilder().setParams(params))
              .build()));
    } catch (StoreException e) {
      if (dimension(spec.name()).orElse(-1) != spec.dimension()) throw e;
    }
    for (String field : Payloads.INDEXED_KEYWORDS) {
      retrying.call("create payload index " + field, () -> points().createFieldIndex(
          Points.CreateFieldIndexCollection.newBuilder()
              .setCollectionName(spec.name())
              .setFieldName(field)
              .setFieldType(Points.FieldType.FieldTypeKeyword)
              .setWait(true)
              .build()));
    }
  }

  @Override
  public Optional<Integer> dimension(String collection) {
    try {
      Collections.GetCollectionInfoResponse info = retrying.call("get collection " + collection,
          () -> collections().get(Collections.GetCollectionInfoRequest.newBuilder().setCollectionName(collection).build()));
      return Optional.of((int) info.getResult().getConfig().getParams().getVectorsConfig().getParams().getSize());
    } catch (StoreException e) {
      if (QdrantErrors.isNotFound(e)) return Optional.empty();
      throw e;
    }
  }

  @Override
  public boolean exists(String collection) {
    return dimension(collection).isPresent();
  }

  @Override
  public void dropCollection(String collection) {
    retrying.call("delete collection " + collection, () -> collections().delete(
        Collections.DeleteCollection.newBuilder().setCollectionName(collection).build()));
  }

  private List<String> collectionNames() {
    return retrying.call("list collections", () -> collections().list(Collections.ListCollectionsRequest.getDefaultInstance()))
        .getCollectionsList().stream().map(Collections.CollectionDescription::getName).toList();
  }

  // ---- points ----

  @Override
  public void upsert(String collection, List<Point> points) {
    try (BulkWriter writer = bulkWriter(collection)) {
      points.forEach(writer::add);
    }
  }

  @Override
  public BulkWriter bulkWriter(String collection) {
    return new QdrantBulkWriter(this, collection, sink);
  }

  @Override
  public List<Point> retrieve(String collection, Collection<String> trackIds) {
    if (trackIds.isEmpty()) return List.of();
    Points.GetResponse response = retrying.call("retrieve points", () -> points().get(Points.GetPoints.newBuilder()
        .setCollectionName(collection)
        .addAllIds(QdrantProtos.pointIds(new LinkedHashSet<>(trackIds)))
        .setWithPayload(QdrantProtos.allPayload())
        .setWithVectors(Points.WithVectorsSelector.newBuilder().setEnable(true))
        .build()));
    Map<String, Point> byId = new HashMap<>();
    for (Points.RetrievedPoint p : response.getResultList()) {
      Point point = QdrantProtos.point(p);
      byId.put(point.trackId(), point);
    }
    List<Point> ordered = new ArrayList<>();
    for (String id : new LinkedHashSet<>(trackIds)) if (byId.containsKey(id)) ordered.add(byId.get(id));
    return ordered;
  }

  @Override
  public long count(String collection) {
    return retrying.call("count points", () -> points().count(Points.CountPoints.newBuilder()
        .setCollectionName(collection).setExact(true).build())).getResult().getCount();
  }

  @Override
  public void delete(String collection, Collection<String> trackIds) {
    if (trackIds.isEmpty()) return;
    retrying.call("delete points", () -> points().delete(Points.DeletePoints.newBuilder()
        .setCollectionName(collection)
        .setWait(true)
        .setPoints(Points.PointsSelector.newBuilder().setPoints(
            Points.PointsIdsList.newBuilder().addAllIds(QdrantProtos.pointIds(trackIds))))
        .build()));
  }

  @Override
  public Map<String, Map<String, Object>> listPayloads(String collection, Collection<String> fields, int limit) {
    List<String> wanted = new ArrayList<>(fields);
    wanted.add(Payloads.TRACK_ID);
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    Common.PointId offset = null;
    do {
      Points.ScrollPoints.Builder request = Points.ScrollPoints.newBuilder()
          .setCollectionName(collection)
          .setLimit(Math.min(SCROLL_PAGE, limit - out.size()))
          .setWithVectors(Points.WithVectorsSelector.newBuilder().setEnable(false))
          .setWithPayload(Points.WithPayloadSelector.newBuilder()
              .setInclude(Points.PayloadIncludeSelector.newBuilder().addAllFields(wanted)));
      if (offset != null) request.setOffset(offset);
      Points.ScrollResponse page = retrying.call("scroll points", () -> points().scroll(request.build()));
      for (Points.RetrievedPoint p : page.getResultList()) {
        Map<String, Object> payload = QdrantProtos.fromPayload(p.getPayloadMap());
        Map<String, Object> picked = new LinkedHashMap<>();
        for (String f : fields) picked.put(f, payload.get(f));
        out.put((String) payload.get(Payloads.TRACK_ID), picked);
      }
      offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
    } while (offset != null && out.size() < limit);
    return out;
  }

  // ---- queries ----

  @Override
  public List<Hit> search(String collection, float[] vector, int limit, Filter filter) {
    return query(collection, Points.Query.newBuilder()
        .setNearest(Points.VectorInput.newBuilder().setDense(QdrantProtos.dense(vector))).build(), limit, filter);
  }

  @Override
  public List<Hit> searchByTrack(String collection, String trackId, int limit, Filter filter) {
    // Qdrant resolves the id to its vector and excludes the point itself from the results.
    return query(collection, Points.Query.newBuilder()
        .setNearest(Points.VectorInput.newBuilder().setId(QdrantProtos.pointId(trackId))).build(), limit, filter);
  }

  @Override
  public List<Hit> recommend(String collection, Recommendation r) {
    Points.RecommendInput.Builder input = Points.RecommendInput.newBuilder().setStrategy(QdrantProtos.strategy(r.strategy()));
    r.positive().forEach(id -> input.addPositive(Points.VectorInput.newBuilder().setId(QdrantProtos.pointId(id))));
    r.negative().forEach(id -> input.addNegative(Points.VectorInput.newBuilder().setId(QdrantProtos.pointId(id))));
    return query(collection, Points.Query.newBuilder().setRecommend(input).build(), r.limit(), r.filter());
  }

  private List<Hit> query(String collection, Points.Query query, int limit, Filter filter) {
    if (limit <= 0) throw new IllegalArgumentException("limit must be > 0");
    Points.QueryPoints.Builder request = Points.QueryPoints.newBuilder()
        .setCollectionName(collection)
        .setQuery(query)
        .setLimit(limit)
        .setWithPayload(QdrantProtos.allPayload());
    if (filter != null && !filter.isEmpty()) request.setFilter(QdrantProtos.filter(filter));
    return retrying.call("query " + collection, () -> points().query(request.build()))
        .getResultList().stream().map(QdrantProtos::hit).toList();
  }

  // ---- versions ----

  @Override
  public List<String> listVersions(String alias) {
    return CollectionNames.versionsOf(alias, collectionNames());
  }

  @Override
  public Optional<String> aliasTarget(String alias) {
    return retrying.call("list aliases", () -> collections().listAliases(Collections.ListAliasesRequest.getDefaultInstance()))
        .getAliasesList().stream()
        .filter(a -> a.getAliasName().equals(alias))
        .map(Collections.AliasDescription::getCollectionName)
        .findFirst();
  }

  @Override
  public String createVersion(CollectionSpec spec) {
    List<String> existing = collectionNames();
    if (existing.contains(spec.name())) {
      throw new StoreException("'" + spec.name() + "' is a collection, so it cannot also be an alias: "
          + "drop it or choose another collection name");
    }
    String version = CollectionNames.nextVersion(spec.name(), existing, clock);
    create(spec.withName(version));
    return version;
  }

  @Override
  public void switchAlias(String alias, String collection) {
    List<Collections.AliasOperations> actions = new ArrayList<>();
    if (aliasTarget(alias).isPresent()) {
      actions.add(Collections.AliasOperations.newBuilder()
          .setDeleteAlias(Collections.DeleteAlias.newBuilder().setAliasName(alias)).build());
    }
    actions.add(Collections.AliasOperations.newBuilder()
        .setCreateAlias(Collections.CreateAlias.newBuilder().setAliasName(alias).setCollectionName(collection)).build());
    // One request: Qdrant applies delete + create atomically, so readers never see the alias missing.
    retrying.callOnce("switch alias " + alias + " to " + collection, () -> collections().updateAliases(
        Collections.ChangeAliases.newBuilder().addAllActions(actions).build()));
  }

  @Override
  public List<String> dropOldVersions(String alias, int keep) {
    List<String> drop = CollectionNames.beyondKept(listVersions(alias), keep, aliasTarget(alias).orElse(null));
    drop.forEach(this::dropCollection);
    return drop;
  }

  @Override
  public void close() {
    grpc.close();
  }

  @Override
  public String toString() {
    return "QdrantStore[" + endpoint + "]";
  }
}
