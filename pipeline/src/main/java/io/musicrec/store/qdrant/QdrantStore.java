package io.musicrec.store.qdrant;

import io.musicrec.config.Settings;
import io.musicrec.store.AbstractVectorStore;
import io.musicrec.store.BulkWriter;
import io.musicrec.store.CollectionLayout;
import io.musicrec.store.CollectionNames;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.Payloads;
import io.musicrec.store.Point;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Recommendation;
import io.musicrec.store.SearchEffort;
import io.musicrec.store.ServerMmr;
import io.musicrec.store.StoreCredentialsException;
import io.musicrec.store.StoreException;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.Points;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.QdrantOuterClass;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Qdrant server over gRPC ({@code io.qdrant:client}): optional TLS and API key, per-call
 * deadlines of {@code sink.timeout_s}, and retries with backoff on transient failures for every
 * idempotent call. Versions live behind Qdrant aliases; a switch is one CreateAlias, which Qdrant
 * applies in one step, replacing the alias's old target. A version that finished loading is marked
 * by a second alias, {@code <version>.complete}, which Qdrant drops with the collection.
 */
public final class QdrantStore extends AbstractVectorStore implements ServerMmr {
  private static final Logger LOG = LoggerFactory.getLogger(QdrantStore.class);
  private static final int SCROLL_PAGE = 1000;
  /** Suffix of the alias that marks a complete version. */
  static final String COMPLETE_MARKER = ".complete";

  private static final int REACHABLE_TIMEOUT_S = 5;

  private final QdrantEndpoint endpoint;
  private final Settings.Sink sink;
  private final Settings.Search search;
  private final QdrantGrpcClient grpc;
  private final Retrying retrying;
  /** The server's version, read from its HealthCheck reply on first need. */
  private volatile Optional<QdrantVersion> version;

  private QdrantStore(QdrantEndpoint endpoint, Settings.Sink sink, Settings.Search search, QdrantGrpcClient grpc) {
    super(Clock.systemUTC());
    this.endpoint = endpoint;
    this.sink = sink;
    this.search = search;
    this.grpc = grpc;
    this.retrying = new Retrying(sink, endpoint.toString());
  }

  /** Connects lazily: the first call opens the channel. The API key is sent as {@code api-key}. */
  public static QdrantStore connect(QdrantEndpoint endpoint, Settings.Sink sink, Settings.Qdrant qdrant,
      Settings.Search search) {
    // No version check: it is an extra call at start-up that only logs.
    return new QdrantStore(endpoint, sink, search, endpoint.client(qdrant == null ? null : qdrant.apiKey()));
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

  /**
   * HealthCheck says whether a Qdrant answers and which version it is; it skips authentication
   * (Qdrant 1.15.1 and newer), so a ListCollections follows to prove the API key.
   */
  @Override
  public void checkReachable() {
    QdrantOuterClass.HealthCheckReply health = quickly("health check", () -> grpc.qdrant()
        .withDeadlineAfter(REACHABLE_TIMEOUT_S, TimeUnit.SECONDS)
        .healthCheck(QdrantOuterClass.HealthCheckRequest.getDefaultInstance()));
    version = rememberVersion(health.getVersion());
    quickly("list collections", () -> grpc.collections()
        .withDeadlineAfter(REACHABLE_TIMEOUT_S, TimeUnit.SECONDS)
        .list(Collections.ListCollectionsRequest.getDefaultInstance()));
  }

  private <T> T quickly(String what, Supplier<ListenableFuture<T>> call) {
    try {
      return call.get().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while checking Qdrant at " + endpoint, e);
    } catch (ExecutionException e) {
      Status status = Status.fromThrowable(e.getCause());
      if (QdrantErrors.refusedCredentials(status)) {
        throw new StoreCredentialsException(QdrantErrors.credentialsHint(status) + " (" + what + " at " + endpoint + ": "
            + status.getCode() + ")");
      }
      throw new StoreException("cannot reach Qdrant at " + endpoint + " (" + what + ": " + status.getCode()
          + "): check that Qdrant runs there, the gRPC port (usually 6334) and qdrants:// for TLS", e);
    }
  }

  private Optional<QdrantVersion> rememberVersion(String text) {
    Optional<QdrantVersion> parsed = QdrantVersion.parse(text);
    if (parsed.isEmpty()) {
      LOG.warn("Qdrant at {} reports version '{}', which is not MAJOR.MINOR.PATCH; assuming a current server", endpoint, text);
    } else if (version == null) {
      LOG.info("Qdrant {} at {}", parsed.get(), endpoint);
    }
    return parsed;
  }

  /** The server's version (empty if it reports none that parses), asked once per store. */
  Optional<QdrantVersion> serverVersion() {
    Optional<QdrantVersion> known = version;
    if (known == null) {
      QdrantOuterClass.HealthCheckReply health = retrying.call("health check",
          () -> grpc.qdrant().withDeadlineAfter(sink.timeoutS(), TimeUnit.SECONDS)
              .healthCheck(QdrantOuterClass.HealthCheckRequest.getDefaultInstance()));
      known = rememberVersion(health.getVersion());
      version = known;
    }
    return known;
  }

  /** Refuses, with a message, what this server would silently get wrong. */
  private void requireServerFor(RecommendStrategy strategy) {
    if (strategy != RecommendStrategy.SUM_SCORES) return;
    serverVersion().filter(v -> !v.atLeast(QdrantVersion.SUM_SCORES)).ifPresent(v -> {
      throw new StoreException("the sum_scores strategy needs Qdrant " + QdrantVersion.SUM_SCORES + " or newer, but "
          + endpoint + " runs " + v + " (older servers answer it as average_vector): use --strategy best_score or"
          + " average_vector, or upgrade Qdrant");
    });
  }

  // ---- collections ----

  @Override
  protected void createCollection(CollectionSpec spec) {
    CollectionLayout layout = spec.layout();
    Collections.VectorParams.Builder params = Collections.VectorParams.newBuilder()
        .setSize(spec.dimension())
        .setDistance(Collections.Distance.Cosine)
        .setOnDisk(layout.onDiskVectors());
    if (layout.quantization() == CollectionLayout.Quantization.INT8) {
      // The int8 copies stay in RAM even when the originals are on disk: searches walk the graph on
      // them, and only the few candidates are rescored from the originals.
      params.setQuantizationConfig(Collections.QuantizationConfig.newBuilder().setScalar(
          Collections.ScalarQuantization.newBuilder().setType(Collections.QuantizationType.Int8).setAlwaysRam(true)));
    }
    Collections.CreateCollection.Builder create = Collections.CreateCollection.newBuilder()
        .setCollectionName(spec.name())
        .setVectorsConfig(Collections.VectorsConfig.newBuilder().setParams(params));
    if (layout.hnswM() > 0 || layout.hnswEfConstruct() > 0) {
      Collections.HnswConfigDiff.Builder hnsw = Collections.HnswConfigDiff.newBuilder();
      if (layout.hnswM() > 0) hnsw.setM(layout.hnswM());
      if (layout.hnswEfConstruct() > 0) hnsw.setEfConstruct(layout.hnswEfConstruct());
      create.setHnswConfig(hnsw);
    }
    if (layout.shardNumber() > 0) create.setShardNumber(layout.shardNumber());
    if (layout.replicationFactor() > 0) create.setReplicationFactor(layout.replicationFactor());
    if (layout.writeConsistencyFactor() > 0) create.setWriteConsistencyFactor(layout.writeConsistencyFactor());
    // Not retried blindly: a create that was applied but whose reply was lost fails on replay.
    // Instead, after a failure, look: if the collection is there as asked, the create went through.
    try {
      retrying.callOnce("create collection " + spec.name(), () -> collections().create(create.build()));
    } catch (StoreException e) {
      if (dimension(spec.name()).orElse(-1) != spec.dimension()) throw e;
    }
    for (Map.Entry<String, CollectionLayout.PayloadIndex> index : layout.payloadIndexes().entrySet()) {
      retrying.call("create payload index " + index.getKey(), () -> QdrantWrites.completed(points().createFieldIndex(
          Points.CreateFieldIndexCollection.newBuilder()
              .setCollectionName(spec.name())
              .setFieldName(index.getKey())
              .setFieldType(fieldType(index.getValue()))
              .setWait(true)
              .build())));
    }
  }

  private static Points.FieldType fieldType(CollectionLayout.PayloadIndex type) {
    return switch (type) {
      case KEYWORD -> Points.FieldType.FieldTypeKeyword;
      case INTEGER -> Points.FieldType.FieldTypeInteger;
      case FLOAT -> Points.FieldType.FieldTypeFloat;
      case BOOL -> Points.FieldType.FieldTypeBool;
      case TEXT -> Points.FieldType.FieldTypeText;
    };
  }

  @Override
  public Optional<CollectionLayout> layout(String collection) {
    Optional<Collections.CollectionInfo> info = info(collection);
    if (info.isEmpty()) return Optional.empty();
    Collections.CollectionConfig config = info.get().getConfig();
    Collections.VectorParams vectors = config.getParams().getVectorsConfig().getParams();
    boolean int8 = (vectors.hasQuantizationConfig() && vectors.getQuantizationConfig().hasScalar())
        || (config.hasQuantizationConfig() && config.getQuantizationConfig().hasScalar());
    Collections.HnswConfigDiff hnsw = vectors.hasHnswConfig() ? vectors.getHnswConfig() : config.getHnswConfig();
    Map<String, CollectionLayout.PayloadIndex> indexes = new LinkedHashMap<>();
    info.get().getPayloadSchemaMap().forEach((field, schema) -> payloadIndex(schema.getDataType()).ifPresent(t -> indexes.put(field, t)));
    return Optional.of(new CollectionLayout(vectors.getOnDisk(),
        int8 ? CollectionLayout.Quantization.INT8 : CollectionLayout.Quantization.NONE,
        (int) hnsw.getM(), (int) hnsw.getEfConstruct(), config.getParams().getShardNumber(),
        config.getParams().getReplicationFactor(), config.getParams().getWriteConsistencyFactor(), indexes));
  }

  private static Optional<CollectionLayout.PayloadIndex> payloadIndex(Collections.PayloadSchemaType type) {
    return switch (type) {
      case Keyword -> Optional.of(CollectionLayout.PayloadIndex.KEYWORD);
      case Integer -> Optional.of(CollectionLayout.PayloadIndex.INTEGER);
      case Float -> Optional.of(CollectionLayout.PayloadIndex.FLOAT);
      case Bool -> Optional.of(CollectionLayout.PayloadIndex.BOOL);
      case Text -> Optional.of(CollectionLayout.PayloadIndex.TEXT);
      default -> Optional.empty();
    };
  }

  private Optional<Collections.CollectionInfo> info(String collection) {
    try {
      return Optional.of(retrying.call("get collection " + collection,
          () -> collections().get(Collections.GetCollectionInfoRequest.newBuilder().setCollectionName(collection).build()))
          .getResult());
    } catch (StoreException e) {
      if (QdrantErrors.isNotFound(e)) return Optional.empty();
      throw e;
    }
  }

  @Override
  public Optional<Integer> dimension(String collection) {
    return info(collection).map(i -> (int) i.getConfig().getParams().getVectorsConfig().getParams().getSize());
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

  @Override
  protected List<String> collectionNames() {
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
        .setWithVectors(WithVectorsSelectorFactory.enable(true))
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
    retrying.call("delete points", () -> QdrantWrites.completed(points().delete(Points.DeletePoints.newBuilder()
        .setCollectionName(collection)
        .setWait(true)
        .setPoints(Points.PointsSelector.newBuilder().setPoints(
            Points.PointsIdsList.newBuilder().addAllIds(QdrantProtos.pointIds(trackIds))))
        .build())));
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
          .setWithVectors(WithVectorsSelectorFactory.enable(false))
          .setWithPayload(WithPayloadSelectorFactory.include(wanted));
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
    return query(collection, QdrantProtos.nearest(vector), limit, filter);
  }

  @Override
  public List<Hit> searchByTrack(String collection, String trackId, int limit, Filter filter) {
    // Qdrant resolves the id to its vector and excludes the point itself from the results.
    return query(collection, QdrantProtos.nearest(trackId), limit, filter);
  }

  @Override
  public List<Hit> recommend(String collection, Recommendation r) {
    requireServerFor(r.strategy());
    return query(collection, QdrantProtos.recommend(r.positive(), r.negative(), r.strategy()), r.limit(), r.filter());
  }

  @Override
  public Optional<List<Hit>> nearestByMmr(String collection, ServerMmr.Query query) {
    return new QdrantMmr(this).nearest(collection, query);
  }

  List<Hit> query(String collection, Points.Query query, int limit, Filter filter) {
    if (limit <= 0) throw new IllegalArgumentException("limit must be > 0");
    // On a quantized collection, rank the candidates by the original vectors, so scores are exact
    // cosines as in an unquantized one; ignored where there is no quantization.
    Points.SearchParams.Builder params = Points.SearchParams.newBuilder()
        .setQuantization(Points.QuantizationSearchParams.newBuilder().setRescore(true));
    // Automatic (0): left out, so Qdrant explores the collection's ef_construct candidates per segment.
    if (search.hnswEf() != SearchEffort.AUTOMATIC) params.setHnswEf(search.hnswEf());
    Points.QueryPoints.Builder request = Points.QueryPoints.newBuilder()
        .setCollectionName(collection)
        .setQuery(query)
        .setLimit(limit)
        .setWithPayload(QdrantProtos.allPayload())
        .setParams(params);
    if (filter != null && !filter.isEmpty()) request.setFilter(QdrantProtos.filter(filter));
    return retrying.call("query " + collection, () -> points().query(request.build()))
        .getResultList().stream().map(QdrantProtos::hit).toList();
  }

  // ---- versions: the primitives under AbstractVectorStore's policy ----

  @Override
  protected Set<String> completeCollections() {
    Set<String> complete = new HashSet<>();
    aliases().forEach((alias, target) -> {
      if (alias.equals(target + COMPLETE_MARKER)) complete.add(target);
    });
    return complete;
  }

  /** CreateAlias replaces an existing alias, so a repeat (e.g. after a lost reply) is harmless. */
  @Override
  protected void writeCompleteMark(String collection) {
    retrying.call("mark " + collection + " complete", () -> collections().updateAliases(createAlias(collection + COMPLETE_MARKER, collection)));
  }

  /** Every alias and the collection it points to. */
  private Map<String, String> aliases() {
    Map<String, String> out = new LinkedHashMap<>();
    retrying.call("list aliases", () -> collections().listAliases(Collections.ListAliasesRequest.getDefaultInstance()))
        .getAliasesList().forEach(a -> out.put(a.getAliasName(), a.getCollectionName()));
    return out;
  }

  @Override
  public Optional<String> aliasTarget(String alias) {
    return Optional.ofNullable(aliases().get(alias));
  }

  /**
   * Qdrant (up to 1.19 at least) applies the actions of one UpdateAliases request one by one and
   * keeps those that succeeded when a later one fails, so a DeleteAlias + CreateAlias pair can leave
   * the alias missing. CreateAlias alone replaces an existing alias in one step, under Qdrant's
   * collections lock; the policy sends it only for a collection that exists, and reads it back.
   */
  @Override
  protected void pointAlias(String alias, String collection) {
    retrying.call("switch alias " + alias + " to " + collection,
        () -> collections().updateAliases(createAlias(alias, collection)));
  }

  private static Collections.ChangeAliases createAlias(String alias, String collection) {
    return Collections.ChangeAliases.newBuilder().addActions(Collections.AliasOperations.newBuilder()
        .setCreateAlias(Collections.CreateAlias.newBuilder().setAliasName(alias).setCollectionName(collection))).build();
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
