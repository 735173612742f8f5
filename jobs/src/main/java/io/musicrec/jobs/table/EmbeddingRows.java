package io.musicrec.jobs.table;

import io.musicrec.store.Payloads;
import io.musicrec.store.Point;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the embeddings table per track: the file as listed, the vector, and the point's
 * payload as typed columns named like the payload keys. Typed columns (rather than one JSON
 * string) keep the table queryable from Spark SQL and let tools that map columns to payload
 * fields, such as Qdrant's Spark connector, load it as it is.
 */
public final class EmbeddingRows {
  public static final String TRACK_ID = Payloads.TRACK_ID;
  public static final String PATH = "path";
  /** The listed file's size and modification time when it was embedded. */
  public static final String LENGTH = "length";
  public static final String MODIFICATION_TIME = "modification_time";
  public static final String VECTOR = "vector";
  /** The partition column: one folder per model name and version ({@code name@version}). */
  public static final String MODEL_FINGERPRINT = "model_fingerprint";

  /** Payload keys the pipeline writes, in column order, with their column types. */
  private static final List<StructField> PAYLOAD = List.of(
      field(Payloads.CONTENT_HASH, DataTypes.StringType),
      field(Payloads.MODEL, DataTypes.StringType),
      field(Payloads.MODEL_VERSION, DataTypes.StringType), // a spec's version is text ("1", "2024-05")
      field(Payloads.ARTIST, DataTypes.StringType),
      field(Payloads.NAME, DataTypes.StringType),
      field(Payloads.ALBUM, DataTypes.StringType),
      field(Payloads.GENRE, DataTypes.StringType),
      field(Payloads.SUBGENRES, DataTypes.createArrayType(DataTypes.StringType, false)),
      field(Payloads.URL, DataTypes.StringType),
      field(Payloads.TAGS, DataTypes.createArrayType(DataTypes.StringType, false)),
      field(Payloads.DURATION, DataTypes.DoubleType),
      field(Payloads.DURATION_CAPPED, DataTypes.BooleanType),
      field(Payloads.LABELS_HASH, DataTypes.StringType));

  /** The columns written into each model's folder (the partition column is the folder name). */
  public static final StructType SCHEMA = schema();

  private EmbeddingRows() {}

  /** The file's listing facts travel with the row so a later run can tell an unchanged file cheaply. */
  public record ListedFile(String path, long length, long modificationTime) implements java.io.Serializable {}

  public static Row of(Point point, ListedFile file) {
    Object[] values = new Object[SCHEMA.size()];
    values[0] = point.trackId();
    values[1] = file.path();
    values[2] = file.length();
    values[3] = file.modificationTime();
    values[4] = point.vector().clone(); // Spark's row encoder takes a float[] as an array<float> as it is
    for (Map.Entry<String, Object> e : point.payload().entrySet()) {
      if (e.getKey().equals(TRACK_ID)) continue;
      int i = payloadColumn(e.getKey());
      values[i] = asColumnType(e.getValue(), SCHEMA.fields()[i].dataType(), e.getKey());
    }
    return RowFactory.create(values);
  }

  /** The point a row describes: its vector and every non-null payload column. */
  public static Point toPoint(Row row) {
    String trackId = row.getAs(TRACK_ID);
    List<Float> vector = row.getList(row.fieldIndex(VECTOR));
    float[] values = new float[vector.size()];
    for (int i = 0; i < values.length; i++) values[i] = vector.get(i);
    Map<String, Object> payload = new LinkedHashMap<>();
    for (StructField field : PAYLOAD) {
      int i = row.fieldIndex(field.name());
      if (row.isNullAt(i)) continue;
      Object value = row.get(i);
      payload.put(field.name(), value instanceof scala.collection.Seq<?> || value instanceof List<?> ? row.getList(i) : value);
    }
    return new Point(trackId, values, payload);
  }

  /** The payload keys this table stores; a point with any other key cannot be written. */
  public static List<String> payloadKeys() {
    return PAYLOAD.stream().map(StructField::name).toList();
  }

  private static int payloadColumn(String key) {
    for (int i = 0; i < PAYLOAD.size(); i++) {
      if (PAYLOAD.get(i).name().equals(key)) return 5 + i;
    }
    throw new IllegalArgumentException("payload key '" + key + "' has no column in the embeddings table "
        + "(columns: " + payloadKeys() + ")");
  }

  /**
   * A payload value in its column's Java type: stores hand numbers back as whatever their format
   * kept (a whole-number duration may come back as a long), and Spark accepts only the exact type.
   */
  private static Object asColumnType(Object value, DataType type, String key) {
    if (value == null) return null;
    if (type.equals(DataTypes.LongType) && value instanceof Number n) return n.longValue();
    if (type.equals(DataTypes.DoubleType) && value instanceof Number n) return n.doubleValue();
    if (type.equals(DataTypes.StringType) && (value instanceof String || value instanceof Number)) return value.toString();
    if (type.equals(DataTypes.BooleanType) && value instanceof Boolean) return value;
    // An external Row holds arrays as Scala sequences; Java lists are refused when rows are encoded.
    if (type instanceof org.apache.spark.sql.types.ArrayType && value instanceof List<?> list) {
      return scala.jdk.javaapi.CollectionConverters.asScala(List.copyOf(list)).toSeq();
    }
    throw new IllegalArgumentException("payload key '" + key + "' holds " + value.getClass().getSimpleName()
        + " but its embeddings table column is " + type.simpleString());
  }

  private static StructType schema() {
    StructType schema = new StructType()
        .add(TRACK_ID, DataTypes.StringType, false)
        .add(PATH, DataTypes.StringType, false)
        .add(LENGTH, DataTypes.LongType, false)
        .add(MODIFICATION_TIME, DataTypes.LongType, false)
        .add(VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false);
    for (StructField f : PAYLOAD) schema = schema.add(f);
    return schema;
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(Objects.requireNonNull(name), type, true);
  }
}
