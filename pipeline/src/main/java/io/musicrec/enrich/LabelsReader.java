package io.musicrec.enrich;

import io.musicrec.config.ConfigException;
import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads Ludwig's labels.json (DynamoDB-typed JSON) into a DataFrame with {@link #SCHEMA}.
 *
 * <p>The file is one JSON object of tens of thousands of fields, which Spark's JSON source would
 * have to infer and hold as one record. Instead a single task opens it through the Hadoop
 * {@link FileSystem} (plain paths, {@code file://}, {@code s3a://}; gzip when the name ends in
 * {@code .gz}) and streams it with {@link LabelsParser}, emitting rows one by one; the
 * rows are then spread over the cluster. Nothing is collected on the driver.
 */
public final class LabelsReader {
  private static final Logger LOG = LoggerFactory.getLogger(LabelsReader.class);

  /** id, artist, name, album, genre, subgenres, other_subgenres, popularity, moods. */
  public static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("artist", DataTypes.StringType)
      .add("name", DataTypes.StringType)
      .add("album", DataTypes.StringType)
      .add("genre", DataTypes.StringType)
      .add("subgenres", DataTypes.createArrayType(DataTypes.StringType, false))
      .add("other_subgenres", DataTypes.createArrayType(DataTypes.StringType, false))
      .add("popularity", DataTypes.DoubleType)
      .add("moods", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false));

  private LabelsReader() {}

  /**
   * Reads, validates and caches the labels (about 200 bytes a track), so that a missing file or a
   * format problem is reported here, as a {@link ConfigException} or a {@link LabelsFormatException},
   * rather than as a task failure deep inside a later join.
   */
  public static Dataset<Row> read(SparkSession spark, String uri) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String file = requireFile(uri, hadoop);
    Dataset<Row> rows = spark.createDataset(List.of(file), Encoders.STRING())
        .flatMap(new StreamLabels(copyOf(hadoop)), Encoders.row(SCHEMA));
    int partitions = spark.sparkContext().defaultParallelism();
    Dataset<Row> labels = (partitions > 1 ? rows.repartition(partitions) : rows).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long count = labels.count();
      LOG.info("Read labels of {} tracks from {}", count, uri);
      return labels;
    } catch (Exception e) { // SparkException is checked in Java's eyes but undeclared by Scala
      labels.unpersist();
      rethrowUserFacing(e);
      throw e;
    }
  }

  /** Streams every track of a labels.json to {@code sink}, in file order. */
  public static void parse(InputStream in, String source, Consumer<TrackLabels> sink) {
    try (LabelsParser parser = new LabelsParser(in, source)) {
      parser.forEachRemaining(sink);
    }
  }

  /** The row of {@link #SCHEMA} for one track. */
  public static Row toRow(TrackLabels t) {
    return RowFactory.create(
        t.id(), t.artist(), t.name(), t.album(), t.genre(),
        t.subgenres() == null ? null : CollectionConverters.asScala(t.subgenres()).toSeq(),
        t.otherSubgenres() == null ? null : CollectionConverters.asScala(t.otherSubgenres()).toSeq(),
        t.popularity(),
        t.moods() == null ? null : CollectionConverters.asScala(t.moods()));
  }

  private static String requireFile(String uri, Configuration hadoop) {
    if (uri == null || uri.isBlank()) {
      throw new ConfigException("no labels file given: pass --labels URI (Ludwig's labels.json) or put labels.json at the dataset root");
    }
    Path path = new Path(uri);
    FileStatus status;
    try {
      status = path.getFileSystem(hadoop).getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw new ConfigException("labels file not found: " + uri
          + ". Pass --labels URI pointing at Ludwig's labels.json, or put labels.json at the dataset root.");
    } catch (IOException e) {
      throw new ConfigException("cannot open labels file " + uri + ": " + e.getMessage(), e);
    }
    if (status.isDirectory()) {
      throw new ConfigException("labels path " + uri + " is a directory; pass --labels with the labels.json file itself");
    }
    return status.getPath().toString();
  }

  /** Task failures reach the driver wrapped in SparkException; the caller should see our own, clear error. */
  private static void rethrowUserFacing(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LabelsFormatException format) {
        throw new LabelsFormatException(format.getMessage(), e);
      }
      if (t instanceof UncheckedIOException io) {
        throw new UncheckedIOException(io.getMessage(), io.getCause());
      }
    }
  }

  private static Map<String, String> copyOf(Configuration hadoop) {
    Map<String, String> copy = new HashMap<>();
    for (Map.Entry<String, String> e : hadoop) {
      copy.put(e.getKey(), e.getValue());
    }
    return copy;
  }

  /** Runs in the task: opens the file and returns a lazy iterator of rows over the streaming parser. */
  private static final class StreamLabels implements FlatMapFunction<String, Row>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final int BUFFER = 1 << 16;
    private final Map<String, String> hadoop;

    StreamLabels(Map<String, String> hadoop) {
      this.hadoop = hadoop;
    }

    @Override
    public Iterator<Row> call(String uri) throws IOException {
      Configuration conf = new Configuration(false);
      hadoop.forEach(conf::set);
      Path path = new Path(uri);
      InputStream in = path.getFileSystem(conf).open(path, BUFFER);
      if (uri.endsWith(".gz")) {
        // The JDK's zlib inflater: Hadoop's GzipCodec falls back to a far slower pure-Java one without native libraries.
        in = new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
      }
      LabelsParser parser = new LabelsParser(in, uri);
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener((TaskCompletionListener) context -> parser.close());
      }
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          boolean more = parser.hasNext();
          if (!more) {
            parser.close();
          }
          return more;
        }

        @Override
        public Row next() {
          return toRow(parser.next());
        }
      };
    }
  }
}
