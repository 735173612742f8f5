package io.musicrec.store.qdrant;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.nullValue;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;

import io.musicrec.store.Condition;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.Payloads;
import io.musicrec.store.Point;
import io.musicrec.store.PointIds;
import io.musicrec.store.RecommendStrategy;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.VectorInputFactory;
import io.qdrant.client.VectorOutputHelper;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between the store's values and Qdrant's protobuf messages, built with the client's
 * own factories ({@code PointIdFactory}, {@code ValueFactory}, {@code VectorsFactory}, {@code
 * QueryFactory}, {@code ConditionFactory}, {@code VectorOutputHelper}), so changes in Qdrant's
 * protos (such as the deprecated {@code VectorOutput.data}) are the client's to follow.
 */
final class QdrantProtos {
  private QdrantProtos() {}

  static Common.PointId pointId(String trackId) {
    return id(PointIds.of(trackId));
  }

  static List<Common.PointId> pointIds(Collection<String> trackIds) {
    return trackIds.stream().map(QdrantProtos::pointId).toList();
  }

  static Points.PointStruct point(Point p) {
    return Points.PointStruct.newBuilder()
        .setId(pointId(p.trackId()))
        .setVectors(vectors(p.vector()))
        .putAllPayload(payload(p.payload()))
        .build();
  }

  static Map<String, Value> payload(Map<String, Object> payload) {
    Map<String, Value> out = new LinkedHashMap<>();
    payload.forEach((k, v) -> out.put(k, toValue(v)));
    return out;
  }

  private static Value toValue(Object v) {
    if (v == null) return nullValue();
    if (v instanceof String s) return value(s);
    if (v instanceof Boolean bool) return value(bool);
    if (v instanceof Long l) return value(l);
    if (v instanceof Double d) return value(d);
    if (v instanceof List<?> values) return list(values.stream().map(QdrantProtos::toValue).toList());
    throw new IllegalArgumentException("unsupported payload value " + v.getClass());
  }

  static Map<String, Object> fromPayload(Map<String, Value> payload) {
    Map<String, Object> out = new LinkedHashMap<>();
    payload.forEach((k, v) -> out.put(k, fromValue(v)));
    return out;
  }

  private static Object fromValue(Value v) {
    return switch (v.getKindCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> v.getBoolValue();
      case INTEGER_VALUE -> v.getIntegerValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case LIST_VALUE -> {
        List<Object> list = new ArrayList<>();
        for (Value e : v.getListValue().getValuesList()) list.add(fromValue(e));
        yield List.copyOf(list);
      }
      case NULL_VALUE, KIND_NOT_SET -> null;
      case STRUCT_VALUE -> v.getStructValue().toString();
    };
  }

  static Point point(Points.RetrievedPoint p) {
    Map<String, Object> payload = fromPayload(p.getPayloadMap());
    return new Point((String) payload.get(Payloads.TRACK_ID), vector(p.getVectors()), payload);
  }

  /** The dense vector of a point read back, from the current field or the deprecated one (the helper's job). */
  static float[] vector(Points.VectorsOutput vectors) {
    Points.DenseVector dense = VectorOutputHelper.getDenseVector(vectors.getVector());
    List<Float> data = dense == null ? List.of() : dense.getDataList();
    float[] out = new float[data.size()];
    for (int i = 0; i < out.length; i++) out[i] = data.get(i);
    return out;
  }

  static Hit hit(Points.ScoredPoint p) {
    Map<String, Object> payload = fromPayload(p.getPayloadMap());
    return new Hit((String) payload.get(Payloads.TRACK_ID), p.getScore(), payload);
  }

  static Common.Filter filter(Filter f) {
    Common.Filter.Builder b = Common.Filter.newBuilder();
    f.must().forEach(c -> b.addMust(condition(c)));
    f.should().forEach(c -> b.addShould(condition(c)));
    f.mustNot().forEach(c -> b.addMustNot(condition(c)));
    return b.build();
  }

  private static Common.Condition condition(Condition c) {
    if (c instanceof Condition.MatchValue mv) return matchKeyword(mv.key(), mv.value());
    return matchKeywords(c.key(), List.copyOf(((Condition.MatchAny) c).values()));
  }

  /** Nearest neighbours of a query vector. */
  static Points.Query nearest(float[] vector) {
    return QueryFactory.nearest(vector);
  }

  /** Nearest neighbours of a stored track (Qdrant leaves the track itself out). */
  static Points.Query nearest(String trackId) {
    return QueryFactory.nearest(pointId(trackId));
  }

  static Points.Query recommend(List<String> positive, List<String> negative, RecommendStrategy strategy) {
    Points.RecommendInput.Builder input = Points.RecommendInput.newBuilder().setStrategy(strategy(strategy));
    positive.forEach(id -> input.addPositive(VectorInputFactory.vectorInput(pointId(id))));
    negative.forEach(id -> input.addNegative(VectorInputFactory.vectorInput(pointId(id))));
    return QueryFactory.recommend(input.build());
  }

  static Points.RecommendStrategy strategy(RecommendStrategy s) {
    return switch (s) {
      case AVERAGE_VECTOR -> Points.RecommendStrategy.AverageVector;
      case BEST_SCORE -> Points.RecommendStrategy.BestScore;
      case SUM_SCORES -> Points.RecommendStrategy.SumScores;
    };
  }

  static Points.WithPayloadSelector allPayload() {
    return WithPayloadSelectorFactory.enable(true);
  }
}
