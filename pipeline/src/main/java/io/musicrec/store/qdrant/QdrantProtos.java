package io.musicrec.store.qdrant;

import io.musicrec.store.Condition;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.Point;
import io.musicrec.store.PointIds;
import io.musicrec.store.RecommendStrategy;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.JsonWithInt.ListValue;
import io.qdrant.client.grpc.JsonWithInt.NullValue;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between the store's values and Qdrant's protobuf messages. */
final class QdrantProtos {
  private QdrantProtos() {}

  static Common.PointId pointId(String trackId) {
    return Common.PointId.newBuilder().setUuid(PointIds.of(trackId).toString()).build();
  }

  static List<Common.PointId> pointIds(java.util.Collection<String> trackIds) {
    return trackIds.stream().map(QdrantProtos::pointId).toList();
  }

  static Points.PointStruct point(Point p) {
    return Points.PointStruct.newBuilder()
        .setId(pointId(p.trackId()))
        .setVectors(Points.Vectors.newBuilder().setVector(Points.Vector.newBuilder().setDense(dense(p.vector()))))
        .putAllPayload(payload(p.payload()))
        .build();
  }

  static Points.DenseVector dense(float[] v) {
    Points.DenseVector.Builder b = Points.DenseVector.newBuilder();
    for (float f : v) b.addData(f);
    return b.build();
  }

  static Map<String, Value> payload(Map<String, Object> payload) {
    Map<String, Value> out = new LinkedHashMap<>();
    payload.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  private static Value value(Object v) {
    Value.Builder b = Value.newBuilder();
    if (v == null) return b.setNullValue(NullValue.NULL_VALUE).build();
    if (v instanceof String s) return b.setStringValue(s).build();
    if (v instanceof Boolean bool) return b.setBoolValue(bool).build();
    if (v instanceof Long l) return b.setIntegerValue(l).build();
    if (v instanceof Double d) return b.setDoubleValue(d).build();
    if (v instanceof List<?> list) {
      ListValue.Builder lb = ListValue.newBuilder();
      for (Object o : list) lb.addValues(value(o));
      return b.setListValue(lb).build();
    }
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
    return new Point((String) payload.get("track_id"), vector(p.getVectors()), payload);
  }

  static float[] vector(Points.VectorsOutput vectors) {
    Points.VectorOutput v = vectors.getVector();
    List<Float> data = v.hasDense() ? v.getDense().getDataList() : legacyData(v);
    float[] out = new float[data.size()];
    for (int i = 0; i < out.length; i++) out[i] = data.get(i);
    return out;
  }

  @SuppressWarnings("deprecation")
  private static List<Float> legacyData(Points.VectorOutput v) {
    return v.getDataList();
  }

  static Hit hit(Points.ScoredPoint p) {
    Map<String, Object> payload = fromPayload(p.getPayloadMap());
    return new Hit((String) payload.get("track_id"), p.getScore(), payload);
  }

  static Common.Filter filter(Filter f) {
    Common.Filter.Builder b = Common.Filter.newBuilder();
    f.must().forEach(c -> b.addMust(condition(c)));
    f.should().forEach(c -> b.addShould(condition(c)));
    f.mustNot().forEach(c -> b.addMustNot(condition(c)));
    return b.build();
  }

  private static Common.Condition condition(Condition c) {
    Common.Match.Builder match = Common.Match.newBuilder();
    if (c instanceof Condition.MatchValue mv) {
      match.setKeyword(mv.value());
    } else {
      match.setKeywords(Common.RepeatedStrings.newBuilder().addAllStrings(((Condition.MatchAny) c).values()));
    }
    return Common.Condition.newBuilder()
        .setField(Common.FieldCondition.newBuilder().setKey(c.key()).setMatch(match))
        .build();
  }

  static Points.RecommendStrategy strategy(RecommendStrategy s) {
    return switch (s) {
      case AVERAGE_VECTOR -> Points.RecommendStrategy.AverageVector;
      case BEST_SCORE -> Points.RecommendStrategy.BestScore;
      case SUM_SCORES -> Points.RecommendStrategy.SumScores;
    };
  }

  static Points.WithPayloadSelector allPayload() {
    return Points.WithPayloadSelector.newBuilder().setEnable(true).build();
  }
}
