package io.musicrec.testing.qdrant;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A Qdrant stand-in on loopback that speaks the real gRPC protocol, built on the client jar's own
 * service stubs. It implements only the calls musicrec makes, computes every result exactly (brute
 * force over normalised vectors, Qdrant's formulas), checks the {@code api-key} header when given
 * one, and injects faults into Upsert calls on demand. Start it with {@link #start()}; close it to
 * stop. Thread-safe.
 *
 * <p>Where Qdrant's behaviour is observable, the stand-in copies it from Qdrant's source (1.18/1.19)
 * and what a real server did in this project's checks: HealthCheck needs no API key; a second
 * create of a collection is ALREADY_EXISTS; UpdateAliases applies its actions one by one and keeps
 * those applied before a failing one; CreateAlias replaces an existing alias; DeleteAlias of a
 * missing alias does nothing; ids are parsed as UUIDs (any form Rust's uuid crate reads) or
 * numbers and reported canonically; a write with {@code wait=false} answers Acknowledged; a count
 * with {@code exact=false} is an estimate; all-zero vectors are stored as zeros and score 0.
 */
public final class QdrantTestServer implements AutoCloseable {
  private static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);

  private final String requiredApiKey;
  /** Qdrant's {@code read_only_api_key}: reads pass, writes are refused (null: none). */
  private final String readOnlyApiKey;
  /**
   * The calls a read-only key may make (Qdrant 1.18.3 answered every write musicrec makes,
   * upsert and create collection checked, with PERMISSION_DENIED "Forbidden: Global manage access
   * is required", and let listing collections through).
   */
  private static final Set<String> READS = Set.of("qdrant.Collections/Get", "qdrant.Collections/List",
      "qdrant.Collections/CollectionExists", "qdrant.Collections/ListAliases", "qdrant.Collections/ListCollectionAliases",
      "qdrant.Points/Get", "qdrant.Points/Scroll", "qdrant.Points/Count", "qdrant.Points/Query", "qdrant.Points/QueryBatch",
      "qdrant.Points/Search", "qdrant.Points/Recommend");
  private final Object lock = new Object();
  private final Map<String, Coll> collections = new TreeMap<>();
  private final Map<String, String> aliases = new TreeMap<>();
  private volatile String version = "1.18.3";
  private final List<Points.CountPoints> countRequests = new CopyOnWriteArrayList<>();
  private final List<Points.QueryPoints> queryRequests = new CopyOnWriteArrayList<>();
  private final List<String> methodsCalled = new CopyOnWriteArrayList<>();
  private final Deque<Fault> upsertFaults = new ArrayDeque<>();
  private final List<String> apiKeysSeen = new CopyOnWriteArrayList<>();
  private final AtomicInteger upsertCalls = new AtomicInteger();
  private final List<int[]> upsertBatches = new CopyOnWriteArrayList<>();
  private final AtomicInteger maxConcurrentUpserts = new AtomicInteger();
  private final AtomicInteger concurrentUpserts = new AtomicInteger();
  private Server server;

  private static final class Coll {
    final int dimension;
    final Collections.CreateCollection created;
    /** By point id in Qdrant's order: numbers first, then UUIDs by their bytes. */
    final Map<String, Stored> points = new TreeMap<>(QdrantTestServer::compareIds);
    final Map<String, Points.FieldType> payloadIndexes = new TreeMap<>();
    /** Points ever written, deleted ones included: what Qdrant's estimates may still count. */
    long everWritten;

    Coll(int dimension, Collections.CreateCollection created) {
      this.dimension = dimension;
      this.created = created;
    }
  }

  private record Stored(String id, float[] unit, Map<String, Value> payload) {}

  private record Scored(Stored point, float score) {}

  private QdrantTestServer(String requiredApiKey, String readOnlyApiKey) {
    this.requiredApiKey = requiredApiKey;
    this.readOnlyApiKey = readOnlyApiKey;
  }

  /** A server that accepts any (or no) API key. */
  public static QdrantTestServer start() {
    return startRequiringKey(null);
  }

  /** A server that answers UNAUTHENTICATED unless the {@code api-key} header equals {@code key}. */
  public static QdrantTestServer startRequiringKey(String key) {
    return startWithKeys(key, null);
  }

  /**
   * A server with Qdrant's two keys: {@code key} may do anything, {@code readOnlyKey} only read
   * (writes get PERMISSION_DENIED, as a real server's read-only key does); any other key is UNAUTHENTICATED.
   */
  public static QdrantTestServer startWithKeys(String key, String readOnlyKey) {
    QdrantTestServer s = new QdrantTestServer(key, readOnlyKey);
    ServerInterceptor auth = s.new ApiKeyCheck();
    s.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .maxInboundMessageSize(64 << 20)
        .addService(ServerInterceptors.intercept(s.new PointsService(), auth))
        .addService(ServerInterceptors.intercept(s.new CollectionsService(), auth))
        // Qdrant lets HealthCheck through without an API key (since 1.15.1)
        .addService(s.new HealthService())
        .build();
    try {
      s.server.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Qdrant test server on loopback", e);
    }
    return s;
  }

  public int port() {
    return server.getPort();
  }

  /** The store URI for this server: {@code qdrant://127.0.0.1:PORT}. */
  public String uri() {
    return "qdrant://127.0.0.1:" + port();
  }

  /** Queues faults for the next Upsert calls, one per call, in order. */
  public void failNextUpserts(Fault... faults) {
    synchronized (lock) {
      upsertFaults.addAll(List.of(faults));
    }
  }

  public int upsertCalls() {
    return upsertCalls.get();
  }

  /** Every Upsert call received, as {points, serialized bytes of the request}. */
  public List<int[]> upsertBatches() {
    return List.copyOf(upsertBatches);
  }

  /** The largest number of Upsert calls the server was handling at once. */
  public int maxConcurrentUpserts() {
    return maxConcurrentUpserts.get();
  }

  /** The {@code api-key} header of every call, in arrival order (null where absent). */
  public List<String> apiKeysSeen() {
    return List.copyOf(apiKeysSeen);
  }

  /** Point ids (UUID strings) stored in a collection, by id. */
  public Set<String> pointIds(String collection) {
    synchronized (lock) {
      return Set.copyOf(coll(collection).points.keySet());
    }
  }

  /** Keyword payload indexes created on a collection. */
  public Set<String> keywordIndexes(String collection) {
    synchronized (lock) {
      Set<String> out = new java.util.TreeSet<>();
      coll(collection).payloadIndexes.forEach((f, t) -> {
        if (t == Points.FieldType.FieldTypeKeyword) out.add(f);
      });
      return out;
    }
  }

  /** Every payload index of a collection with its type. */
  public Map<String, Points.FieldType> payloadIndexes(String collection) {
    synchronized (lock) {
      return Map.copyOf(coll(collection).payloadIndexes);
    }
  }

  /** The CreateCollection request a collection was made with. */
  public Collections.CreateCollection createRequest(String collection) {
    synchronized (lock) {
      return coll(collection).created;
    }
  }

  /** The version HealthCheck reports from now on. */
  public void reportVersion(String v) {
    version = v;
  }

  /** Every Query request received. */
  public List<Points.QueryPoints> queryRequests() {
    return List.copyOf(queryRequests);
  }

  /** How many calls of a method (e.g. "qdrant.Points/Get") arrived, HealthCheck not counted. */
  public long calls(String fullMethodName) {
    return methodsCalled.stream().filter(fullMethodName::equals).count();
  }

  /** Every Count request received. */
  public List<Points.CountPoints> countRequests() {
    return List.copyOf(countRequests);
  }

  /** Aliases and their targets, as ListAliases would show them. */
  public Map<String, String> aliases() {
    synchronized (lock) {
      return Map.copyOf(aliases);
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- state helpers (callers hold lock) ----

  private Coll coll(String name) {
    Coll c = collections.get(aliases.getOrDefault(name, name));
    if (c == null) throw Status.NOT_FOUND.withDescription("Not found: Collection `" + name + "` doesn't exist!").asRuntimeException();
    return c;
  }

  private static float[] unit(List<Float> data) {
    float[] v = new float[data.size()];
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = data.get(i);
      sum += (double) v[i] * v[i];
    }
    if (sum > 0) {
      float inv = (float) (1 / Math.sqrt(sum));
      for (int i = 0; i < v.length; i++) v[i] *= inv;
    }
    return v;
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  @SuppressWarnings("deprecation")
  private static List<Float> data(Points.Vector v) {
    return v.hasDense() ? v.getDense().getDataList() : v.getDataList();
  }

  /** Hyphenated, simple (32 hex digits), braced or urn:uuid: forms, as Rust's uuid crate parses them. */
  private static final java.util.regex.Pattern UUID_FORMS = java.util.regex.Pattern.compile(
      "(?i)(?:urn:uuid:)?\\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\\}?");

  /** The id as a key: "n:" + number, or the canonical lowercase hyphenated UUID. */
  private static String id(Common.PointId id) {
    switch (id.getPointIdOptionsCase()) {
      case NUM:
        return "n:" + Long.toUnsignedString(id.getNum());
      case UUID: {
        String text = id.getUuid();
        java.util.regex.Matcher m = UUID_FORMS.matcher(text);
        boolean braced = text.startsWith("{") == text.endsWith("}");
        if (!m.matches() || !braced || (text.contains("-") && text.replaceAll("[^-]", "").length() != 4)) {
          throw Status.INVALID_ARGUMENT.withDescription("Unable to parse UUID: " + text).asRuntimeException();
        }
        return (m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "-" + m.group(4) + "-" + m.group(5)).toLowerCase(java.util.Locale.ROOT);
      }
      default:
        throw Status.INVALID_ARGUMENT.withDescription("Empty ID is not allowed").asRuntimeException();
    }
  }

  private static Common.PointId pointId(String key) {
    return key.startsWith("n:")
        ? Common.PointId.newBuilder().setNum(Long.parseUnsignedLong(key.substring(2))).build()
        : Common.PointId.newBuilder().setUuid(key).build();
  }

  /** Qdrant's ExtendedPointId order: numeric ids first (by value), then UUIDs by their bytes. */
  private static int compareIds(String a, String b) {
    boolean na = a.startsWith("n:"), nb = b.startsWith("n:");
    if (na != nb) return na ? -1 : 1;
    if (na) return Long.compareUnsigned(Long.parseUnsignedLong(a.substring(2)), Long.parseUnsignedLong(b.substring(2)));
    return a.compareTo(b); // lowercase hex with hyphens at fixed places sorts as the bytes do
  }

  private static boolean matches(Common.Filter f, Stored p) {
    for (Common.Condition c : f.getMustList()) if (!matches(c, p)) return false;
    for (Common.Condition c : f.getMustNotList()) if (matches(c, p)) return false;
    if (f.getShouldCount() == 0) return true;
    for (Common.Condition c : f.getShouldList()) if (matches(c, p)) return true;
    return false;
  }

  private static boolean matches(Common.Condition c, Stored p) {
    switch (c.getConditionOneOfCase()) {
      case HAS_ID:
        return c.getHasId().getHasIdList().stream().anyMatch(i -> id(i).equals(p.id()));
      case FILTER:
        return matches(c.getFilter(), p);
      case FIELD: {
        Value v = p.payload().get(c.getField().getKey());
        if (v == null) return false;
        List<Value> values = v.hasListValue() ? v.getListValue().getValuesList() : List.of(v);
        Common.Match m = c.getField().getMatch();
        for (Value e : values) {
          if (!e.hasStringValue()) continue;
          String s = e.getStringValue();
          switch (m.getMatchValueCase()) {
            case KEYWORD:
              if (m.getKeyword().equals(s)) return true;
              break;
            case KEYWORDS:
              if (m.getKeywords().getStringsList().contains(s)) return true;
              break;
            default:
              throw Status.UNIMPLEMENTED.withDescription("test server matches keywords only").asRuntimeException();
          }
        }
        return false;
      }
      default:
        throw Status.UNIMPLEMENTED.withDescription("test server: condition " + c.getConditionOneOfCase()).asRuntimeException();
    }
  }

  private static Map<String, Value> selectPayload(Points.WithPayloadSelector sel, Map<String, Value> payload) {
    switch (sel.getSelectorOptionsCase()) {
      case ENABLE:
        return sel.getEnable() ? payload : Map.of();
      case INCLUDE: {
        Map<String, Value> out = new LinkedHashMap<>();
        for (String f : sel.getInclude().getFieldsList()) if (payload.containsKey(f)) out.put(f, payload.get(f));
        return out;
      }
      default:
        return Map.of();
    }
  }

  private static Points.VectorsOutput vectorsOutput(float[] v) {
    Points.DenseVector.Builder d = Points.DenseVector.newBuilder();
    for (float f : v) d.addData(f);
    return Points.VectorsOutput.newBuilder().setVector(Points.VectorOutput.newBuilder().setDense(d)).build();
  }

  private Stored referenced(Coll c, Points.VectorInput input, Set<String> referencedIds) {
    if (input.getVariantCase() != Points.VectorInput.VariantCase.ID) {
      throw Status.UNIMPLEMENTED.withDescription("test server: vector input " + input.getVariantCase()).asRuntimeException();
    }
    String id = id(input.getId());
    Stored p = c.points.get(id);
    if (p == null) throw Status.NOT_FOUND.withDescription("Not found: No point with id " + id + " found").asRuntimeException();
    referencedIds.add(id);
    return p;
  }

  private static float sigmoid(float x) {
    return 0.5f * (x / (1 + Math.abs(x)) + 1);
  }

  private List<Scored> query(Points.QueryPoints q) {
    Coll c = coll(q.getCollectionName());
    Set<String> referenced = new HashSet<>();
    java.util.function.Function<Stored, Float> score;
    Points.Query query = q.getQuery();
    switch (query.getVariantCase()) {
      case NEAREST_WITH_MMR:
        // Qdrant before 1.15 does not know the variant: it reads a query without one.
        if (versionBefore(1, 15)) throw Status.INVALID_ARGUMENT.withDescription("test server: no MMR before 1.15").asRuntimeException();
        // fall through: the candidates are the nearest ones
      case NEAREST: {
        Points.VectorInput in = query.getVariantCase() == Points.Query.VariantCase.NEAREST
            ? query.getNearest() : query.getNearestWithMmr().getNearest();
        float[] target;
        if (in.getVariantCase() == Points.VectorInput.VariantCase.DENSE) {
          target = unit(in.getDense().getDataList());
          if (target.length != c.dimension) {
            throw Status.INVALID_ARGUMENT.withDescription("Wrong input: Vector dimension error: expected dim: "
                + c.dimension + ", got " + target.length).asRuntimeException();
          }
        } else {
          target = referenced(c, in, referenced).unit();
        }
        score = p -> dot(target, p.unit());
        break;
      }
      case RECOMMEND: {
        Points.RecommendInput r = query.getRecommend();
        List<float[]> pos = new ArrayList<>();
        List<float[]> neg = new ArrayList<>();
        for (Points.VectorInput in : r.getPositiveList()) pos.add(referenced(c, in, referenced).unit());
        for (Points.VectorInput in : r.getNegativeList()) neg.add(referenced(c, in, referenced).unit());
        switch (r.getStrategy()) {
          case AverageVector: {
            if (pos.isEmpty()) throw Status.INVALID_ARGUMENT.withDescription("Positive vectors should not be empty").asRuntimeException();
            float[] target = new float[c.dimension];
            for (int i = 0; i < target.length; i++) {
              float ap = 0, an = 0;
              for (float[] v : pos) ap += v[i];
              ap /= pos.size();
              if (!neg.isEmpty()) {
                for (float[] v : neg) an += v[i];
                an /= neg.size();
                target[i] = ap + ap - an;
              } else {
                target[i] = ap;
              }
            }
            List<Float> boxed = new ArrayList<>();
            for (float f : target) boxed.add(f);
            float[] unit = unit(boxed);
            score = p -> dot(unit, p.unit());
            break;
          }
          case BestScore:
            score = p -> {
              float maxPos = Float.NEGATIVE_INFINITY, maxNeg = Float.NEGATIVE_INFINITY;
              for (float[] v : pos) maxPos = Math.max(maxPos, dot(v, p.unit()));
              for (float[] v : neg) maxNeg = Math.max(maxNeg, dot(v, p.unit()));
              return maxPos > maxNeg ? sigmoid(maxPos) : -sigmoid(maxNeg);
            };
            break;
          case SumScores:
            score = p -> {
              float s = 0;
              for (float[] v : pos) s += dot(v, p.unit());
              for (float[] v : neg) s -= dot(v, p.unit());
              return s;
            };
            break;
          default:
            throw Status.INVALID_ARGUMENT.withDescription("unknown strategy").asRuntimeException();
        }
        break;
      }
      default:
        throw Status.UNIMPLEMENTED.withDescription("test server: query " + query.getVariantCase()).asRuntimeException();
    }
    List<Scored> results = new ArrayList<>();
    for (Stored p : c.points.values()) {
      if (referenced.contains(p.id())) continue; // Qdrant excludes every point the query references
      if (q.hasFilter() && !matches(q.getFilter(), p)) continue;
      results.add(new Scored(p, score.apply(p)));
    }
    // Qdrant leaves the order of equal scores to its heaps (a real 1.18.3 returned six ties in
    // neither id nor insertion order); the stand-in orders them by id, and no test relies on it.
    results.sort(Comparator.comparingDouble((Scored s) -> -s.score()).thenComparing(s -> s.point().id(), QdrantTestServer::compareIds));
    int limit = q.hasLimit() ? (int) q.getLimit() : 10;
    if (query.getVariantCase() == Points.Query.VariantCase.NEAREST_WITH_MMR) {
      Points.Mmr mmr = query.getNearestWithMmr().getMmr();
      int candidates = mmr.hasCandidatesLimit() ? mmr.getCandidatesLimit() : limit;
      float lambda = mmr.hasDiversity() ? 1.0f - mmr.getDiversity() : 0.5f;
      return mmr(results.subList(0, Math.min(candidates, results.size())), lambda, limit);
    }
    return results.subList(0, Math.min(limit, results.size()));
  }

  /**
   * Qdrant 1.18.3's maximal marginal relevance (lib/shard/src/query/mmr/mod.rs), step for step:
   * the candidates' relevance is their cosine to the query; fewer than two candidates come back
   * as they are; the most relevant is taken first, then each next maximises {@code lambda *
   * relevance - (1 - lambda) * max cosine to those taken}, all in f32. The remaining candidates are
   * an IndexSet whose swap_remove moves the last into the gap, and Rust's max_by_key keeps the last
   * of equal maxima: exact ties resolve as Qdrant's do. Results keep their query scores.
   */
  private static List<Scored> mmr(List<Scored> candidates, float lambda, int limit) {
    if (candidates.size() < 2 || limit == 0) return candidates.size() < 2 ? candidates : List.of();
    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) remaining.add(i);
    List<Integer> selected = new ArrayList<>();
    int first = -1;
    for (int i : remaining) {
      if (first < 0 || candidates.get(i).score() >= candidates.get(first).score()) first = i;
    }
    swapRemove(remaining, first);
    selected.add(first);
    while (selected.size() < limit && !remaining.isEmpty()) {
      int best = -1;
      float bestValue = 0;
      for (int i : remaining) {
        float maxSimilarity = Float.NEGATIVE_INFINITY;
        for (int j : selected) maxSimilarity = Math.max(maxSimilarity, dot(candidates.get(i).point().unit(), candidates.get(j).point().unit()));
        float value = lambda * candidates.get(i).score() - (1.0f - lambda) * maxSimilarity;
        if (best < 0 || value >= bestValue) {
          best = i;
          bestValue = value;
        }
      }
      swapRemove(remaining, best);
      selected.add(best);
    }
    return selected.stream().map(candidates::get).toList();
  }

  private static void swapRemove(List<Integer> set, int value) {
    int at = set.indexOf(value);
    int last = set.remove(set.size() - 1);
    if (at < set.size()) set.set(at, last);
  }

  private boolean versionBefore(int major, int minor) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^v?(\\d+)\\.(\\d+)").matcher(version);
    if (!m.find()) return false;
    int ma = Integer.parseInt(m.group(1));
    return ma < major || (ma == major && Integer.parseInt(m.group(2)) < minor);
  }

  // ---- services ----

  private <T> void answer(StreamObserver<T> out, Supplier<T> work) {
    T reply;
    try {
      synchronized (lock) {
        reply = work.get();
      }
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    }
    out.onNext(reply);
    out.onCompleted();
  }

  /** Qdrant's answer to a write: Completed when the client waited for it, else Acknowledged. */
  private static Points.PointsOperationResponse updated(boolean waited) {
    return updated(waited ? Points.UpdateStatus.Completed : Points.UpdateStatus.Acknowledged);
  }

  private static Points.PointsOperationResponse updated(Points.UpdateStatus status) {
    return Points.PointsOperationResponse.newBuilder()
        .setResult(Points.UpdateResult.newBuilder().setStatus(status)).build();
  }

  private static StatusRuntimeException failure(Fault fault) {
    Metadata trailers = new Metadata();
    fault.trailers().forEach((k, v) -> trailers.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), v));
    return fault.status().asRuntimeException(trailers);
  }

  private final class PointsService extends PointsGrpc.PointsImplBase {
    @Override
    public void upsert(Points.UpsertPoints req, StreamObserver<Points.PointsOperationResponse> out) {
      upsertCalls.incrementAndGet();
      upsertBatches.add(new int[] {req.getPointsCount(), req.getSerializedSize()});
      int now = concurrentUpserts.incrementAndGet();
      maxConcurrentUpserts.accumulateAndGet(now, Math::max);
      try {
        Fault fault;
        synchronized (lock) {
          fault = upsertFaults.poll();
        }
        if (fault != null && fault.delayMs() > 0) sleep(fault.delayMs());
        if (fault != null && fault.status() != null && !fault.applyFirst()) {
          out.onError(failure(fault));
          return;
        }
        boolean apply = fault == null || fault.applyFirst();
        try {
          synchronized (lock) {
            Coll c = coll(req.getCollectionName());
            List<Stored> batch = new ArrayList<>();
            for (Points.PointStruct p : req.getPointsList()) {
              List<Float> data = data(p.getVectors().getVector());
              if (data.size() != c.dimension) {
                throw Status.INVALID_ARGUMENT.withDescription("Wrong input: Vector dimension error: expected dim: "
                    + c.dimension + ", got " + data.size()).asRuntimeException();
              }
              batch.add(new Stored(id(p.getId()), unit(data), Map.copyOf(p.getPayloadMap())));
            }
            if (apply) {
              for (Stored s : batch) c.points.put(s.id(), s); // all or nothing, like one Qdrant operation
              c.everWritten += batch.size();
            }
          }
        } catch (StatusRuntimeException e) {
          out.onError(e);
          return;
        }
        if (fault != null && fault.status() != null) {
          out.onError(failure(fault));
          return;
        }
        out.onNext(fault != null && fault.reply() != null ? updated(fault.reply()) : updated(req.getWait()));
        out.onCompleted();
      } finally {
        concurrentUpserts.decrementAndGet();
      }
    }

    @Override
    public void delete(Points.DeletePoints req, StreamObserver<Points.PointsOperationResponse> out) {
      answer(out, () -> {
        Coll c = coll(req.getCollectionName());
        for (Common.PointId id : req.getPoints().getPoints().getIdsList()) c.points.remove(id(id));
        return updated(req.getWait());
      });
    }

    @Override
    public void get(Points.GetPoints req, StreamObserver<Points.GetResponse> out) {
      answer(out, () -> {
        Coll c = coll(req.getCollectionName());
        Points.GetResponse.Builder b = Points.GetResponse.newBuilder();
        for (Common.PointId id : req.getIdsList()) {
          Stored p = c.points.get(id(id));
          if (p == null) continue;
          Points.RetrievedPoint.Builder r = Points.RetrievedPoint.newBuilder()
              .setId(id).putAllPayload(selectPayload(req.getWithPayload(), p.payload()));
          if (req.getWithVectors().getEnable()) r.setVectors(vectorsOutput(p.unit()));
          b.addResult(r);
        }
        return b.build();
      });
    }

    @Override
    public void count(Points.CountPoints req, StreamObserver<Points.CountResponse> out) {
      countRequests.add(req);
      answer(out, () -> {
        Coll c = coll(req.getCollectionName());
        if (!req.getExact()) {
          // Qdrant estimates from its indexes and segments, counting deleted points not yet
          // vacuumed; here: every point ever written. Only exact counts are exact.
          return Points.CountResponse.newBuilder().setResult(Points.CountResult.newBuilder().setCount(c.everWritten)).build();
        }
        long n = c.points.values().stream().filter(p -> !req.hasFilter() || matches(req.getFilter(), p)).count();
        return Points.CountResponse.newBuilder().setResult(Points.CountResult.newBuilder().setCount(n)).build();
      });
    }

    @Override
    public void scroll(Points.ScrollPoints req, StreamObserver<Points.ScrollResponse> out) {
      answer(out, () -> {
        Coll c = coll(req.getCollectionName());
        int limit = req.hasLimit() ? req.getLimit() : 10;
        List<Stored> page = new ArrayList<>();
        Stored next = null;
        for (Stored p : c.points.values()) { // ordered by id, like Qdrant
          if (req.hasOffset() && compareIds(p.id(), id(req.getOffset())) < 0) continue;
          if (req.hasFilter() && !matches(req.getFilter(), p)) continue;
          if (page.size() == limit) {
            next = p;
            break;
          }
          page.add(p);
        }
        Points.ScrollResponse.Builder b = Points.ScrollResponse.newBuilder();
        for (Stored p : page) {
          Points.RetrievedPoint.Builder r = Points.RetrievedPoint.newBuilder()
              .setId(pointId(p.id())).putAllPayload(selectPayload(req.getWithPayload(), p.payload()));
          if (req.getWithVectors().getEnable()) r.setVectors(vectorsOutput(p.unit()));
          b.addResult(r);
        }
        if (next != null) b.setNextPageOffset(pointId(next.id()));
        return b.build();
      });
    }

    @Override
    public void query(Points.QueryPoints req, StreamObserver<Points.QueryResponse> out) {
      queryRequests.add(req);
      answer(out, () -> {
        Points.QueryResponse.Builder b = Points.QueryResponse.newBuilder();
        for (Scored s : QdrantTestServer.this.query(req)) {
          Points.ScoredPoint.Builder sp = Points.ScoredPoint.newBuilder()
              .setId(pointId(s.point().id())).setScore(s.score())
              .putAllPayload(selectPayload(req.getWithPayload(), s.point().payload()));
          if (req.getWithVectors().getEnable()) sp.setVectors(vectorsOutput(s.point().unit()));
          b.addResult(sp);
        }
        return b.build();
      });
    }

    @Override
    public void createFieldIndex(Points.CreateFieldIndexCollection req, StreamObserver<Points.PointsOperationResponse> out) {
      answer(out, () -> {
        coll(req.getCollectionName()).payloadIndexes.put(req.getFieldName(), req.getFieldType());
        return updated(req.getWait());
      });
    }
  }

  private final class CollectionsService extends CollectionsGrpc.CollectionsImplBase {
    @Override
    public void create(Collections.CreateCollection req, StreamObserver<Collections.CollectionOperationResponse> out) {
      answer(out, () -> {
        String name = req.getCollectionName();
        if (collections.containsKey(name)) {
          throw Status.ALREADY_EXISTS.withDescription("Collection `" + name + "` already exists!").asRuntimeException();
        }
        if (aliases.containsKey(name)) {
          throw Status.INVALID_ARGUMENT.withDescription("Wrong input: Can't create collection with name " + name
              + ". Alias with the same name already exists").asRuntimeException();
        }
        Collections.VectorParams params = req.getVectorsConfig().getParams();
        if (params.getDistance() != Collections.Distance.Cosine || params.getSize() == 0) {
          throw Status.UNIMPLEMENTED.withDescription("test server supports one cosine vector").asRuntimeException();
        }
        collections.put(name, new Coll((int) params.getSize(), req));
        return Collections.CollectionOperationResponse.newBuilder().setResult(true).build();
      });
    }

    @Override
    public void get(Collections.GetCollectionInfoRequest req, StreamObserver<Collections.GetCollectionInfoResponse> out) {
      answer(out, () -> {
        Coll c = coll(req.getCollectionName());
        Collections.CreateCollection created = c.created;
        // As Qdrant reports it: the vector params as given, the server's defaults where none were.
        Collections.CollectionParams params = Collections.CollectionParams.newBuilder()
            .setVectorsConfig(created.getVectorsConfig())
            .setShardNumber(created.hasShardNumber() ? created.getShardNumber() : 1)
            .setReplicationFactor(created.hasReplicationFactor() ? created.getReplicationFactor() : 1)
            .setWriteConsistencyFactor(created.hasWriteConsistencyFactor() ? created.getWriteConsistencyFactor() : 1)
            .build();
        Collections.HnswConfigDiff hnsw = Collections.HnswConfigDiff.newBuilder()
            .setM(created.getHnswConfig().hasM() ? created.getHnswConfig().getM() : 16)
            .setEfConstruct(created.getHnswConfig().hasEfConstruct() ? created.getHnswConfig().getEfConstruct() : 100)
            .setFullScanThreshold(10000)
            .build();
        Collections.CollectionInfo.Builder info = Collections.CollectionInfo.newBuilder()
            .setStatus(Collections.CollectionStatus.Green)
            .setPointsCount(c.points.size())
            .setConfig(Collections.CollectionConfig.newBuilder().setParams(params).setHnswConfig(hnsw));
        c.payloadIndexes.forEach((field, type) -> info.putPayloadSchema(field, Collections.PayloadSchemaInfo.newBuilder()
            .setDataType(Collections.PayloadSchemaType.forNumber(type.getNumber() + 1)).setPoints(c.points.size()).build()));
        return Collections.GetCollectionInfoResponse.newBuilder().setResult(info).build();
      });
    }

    @Override
    public void list(Collections.ListCollectionsRequest req, StreamObserver<Collections.ListCollectionsResponse> out) {
      answer(out, () -> {
        Collections.ListCollectionsResponse.Builder b = Collections.ListCollectionsResponse.newBuilder();
        collections.keySet().forEach(n -> b.addCollections(Collections.CollectionDescription.newBuilder().setName(n)));
        return b.build();
      });
    }

    @Override
    public void delete(Collections.DeleteCollection req, StreamObserver<Collections.CollectionOperationResponse> out) {
      answer(out, () -> {
        boolean existed = collections.remove(req.getCollectionName()) != null;
        aliases.values().removeIf(target -> target.equals(req.getCollectionName()));
        return Collections.CollectionOperationResponse.newBuilder().setResult(existed).build();
      });
    }

    @Override
    public void collectionExists(Collections.CollectionExistsRequest req, StreamObserver<Collections.CollectionExistsResponse> out) {
      answer(out, () -> Collections.CollectionExistsResponse.newBuilder().setResult(Collections.CollectionExists.newBuilder()
          .setExists(collections.containsKey(req.getCollectionName()))).build());
    }

    @Override
    public void updateAliases(Collections.ChangeAliases req, StreamObserver<Collections.CollectionOperationResponse> out) {
      answer(out, () -> {
        // Like Qdrant (1.10 to 1.19): one action after the other, each applied as it goes, no
        // rollback when a later one fails.
        for (Collections.AliasOperations op : req.getActionsList()) {
          switch (op.getActionCase()) {
            case CREATE_ALIAS -> {
              var create = op.getCreateAlias();
              if (!collections.containsKey(create.getCollectionName())) {
                throw Status.NOT_FOUND.withDescription("Not found: Collection `" + create.getCollectionName() + "` doesn't exist!").asRuntimeException();
              }
              if (collections.containsKey(create.getAliasName())) {
                throw Status.ALREADY_EXISTS.withDescription("Collection `" + create.getAliasName() + "` already exists!").asRuntimeException();
              }
              aliases.put(create.getAliasName(), create.getCollectionName()); // replaces an existing alias
            }
            case DELETE_ALIAS -> aliases.remove(op.getDeleteAlias().getAliasName()); // a missing alias is no error
            case RENAME_ALIAS -> {
              var rename = op.getRenameAlias();
              String target = aliases.remove(rename.getOldAliasName());
              if (target == null) {
                throw Status.NOT_FOUND.withDescription("Not found: Alias " + rename.getOldAliasName() + " does not exists!").asRuntimeException();
              }
              aliases.put(rename.getNewAliasName(), target);
            }
            default -> throw Status.UNIMPLEMENTED.withDescription("test server: " + op.getActionCase()).asRuntimeException();
          }
        }
        return Collections.CollectionOperationResponse.newBuilder().setResult(true).build();
      });
    }

    @Override
    public void listAliases(Collections.ListAliasesRequest req, StreamObserver<Collections.ListAliasesResponse> out) {
      answer(out, () -> {
        Collections.ListAliasesResponse.Builder b = Collections.ListAliasesResponse.newBuilder();
        aliases.forEach((a, c) -> b.addAliases(Collections.AliasDescription.newBuilder().setAliasName(a).setCollectionName(c)));
        return b.build();
      });
    }
  }

  private final class HealthService extends QdrantGrpc.QdrantImplBase {
    @Override
    public void healthCheck(QdrantOuterClass.HealthCheckRequest req, StreamObserver<QdrantOuterClass.HealthCheckReply> out) {
      out.onNext(QdrantOuterClass.HealthCheckReply.newBuilder().setTitle("musicrec qdrant test server").setVersion(version).build());
      out.onCompleted();
    }
  }

  private final class ApiKeyCheck implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      String key = headers.get(API_KEY);
      apiKeysSeen.add(key);
      methodsCalled.add(call.getMethodDescriptor().getFullMethodName());
      String method = call.getMethodDescriptor().getFullMethodName();
      if (readOnlyApiKey != null && readOnlyApiKey.equals(key) && !READS.contains(method)) {
        call.close(Status.PERMISSION_DENIED.withDescription("Forbidden: Global manage access is required"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      if (requiredApiKey != null && !requiredApiKey.equals(key) && !(readOnlyApiKey != null && readOnlyApiKey.equals(key))) {
        call.close(Status.UNAUTHENTICATED.withDescription("Invalid api-key"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return next.startCall(call, headers);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
