package io.musicrec.enrich;

import io.musicrec.config.ConfigException;
import io.musicrec.source.Columns;
import static org.apache.spark.sql.functions.col;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
import org.apache.spark.sql.Column;
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
 * rows are then spread over the cluster. Only the entries left out (bad or repeated ones, see
 * {@link LabelsParser}) are collected on the driver, for the report.
 */
public final class LabelsReader {
  private static final Logger LOG = LoggerFactory.getLogger(LabelsReader.class);

  /** id, artist, name, album, genre, subgenres, other_subgenres, popularity, moods. */
  public static final StructType SCHEMA = new StructType()
      .add(Columns.ID, DataTypes.StringType, false)
      .add(Columns.ARTIST, DataTypes.StringType)
      .add(Columns.NAME, DataTypes.StringType)
      .add(Columns.ALBUM, DataTypes.StringType)
      .add(Columns.GENRE, DataTypes.StringType)
      .add(Columns.SUBGENRES, DataTypes.createArrayType(DataTypes.StringType, false))
      .add(Columns.OTHER_SUBGENRES, DataTypes.createArrayType(DataTypes.StringType, false))
      .add(Columns.POPULARITY, DataTypes.DoubleType)
      .add(Columns.MOODS, DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false));

  /** What the parsing task emits: SCHEMA, the entry's place in the file, and what was wrong with it, if anything. */
  private static final String ORDINAL = "_ordinal";
  private static final String PROBLEM = "_problem";
  private static final String DETAIL = "_detail";
  /** The problem of a file that cannot be used at all; the other problems are {@link LabelsReject.Reason} names. */
  private static final String FATAL = "FATAL";
  private static final StructType PARSED = SCHEMA
      .add(ORDINAL, DataTypes.LongType, false)
      .add(PROBLEM, DataTypes.StringType)
      .add(DETAIL, DataTypes.StringType);
  private static final Column[] SCHEMA_COLUMNS =
      java.util.Arrays.stream(SCHEMA.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);

  /** Rejected entries named in the log; the report lists all of them. */
  private static final int LOGGED_REJECTS = 20;

  private LabelsReader() {}

  /**
   * Reads, validates and caches the labels (about 200 bytes a track), so that a missing file or a
   * format problem is reported here, as a {@link ConfigException} (a {@link LabelsFormatException}
   * for a file that is not labels.json), rather than as a task failure deep inside a later join.
   * Bad and repeated entries are left out; {@link #load} also returns them.
   */
  public static Dataset<Row> read(SparkSession spark, String uri) {
    return load(spark, uri).rows();
  }

  /**
   * The labels read by {@link #read} and the entries that were left out.
   *
   * @param rows one row of {@link #SCHEMA} per track id (its first well-formed entry)
   * @param rejects bad entries (a track indexed without labels) and repeated ones, in file order
   */
  public record Labels(Dataset<Row> rows, List<LabelsReject> rejects) {}

  /** Like {@link #read}, and returns the entries that were left out as well. */
  public static Labels load(SparkSession spark, String uri) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String file = requireFile(uri, hadoop);
    Dataset<Row> parsed = spark.createDataset(List.of(file), Encoders.STRING())
        .flatMap(new StreamLabels(copyOf(hadoop)), Encoders.row(PARSED));
    int partitions = spark.sparkContext().defaultParallelism();
    Dataset<Row> all = (partitions > 1 ? parsed.repartition(partitions) : parsed).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Row> problems = new ArrayList<>(all.filter(col(PROBLEM).isNotNull()).collectAsList());
      problems.sort(java.util.Comparator.comparingLong(r -> r.<Long>getAs(ORDINAL)));
      List<LabelsReject> rejects = new ArrayList<>();
      for (Row problem : problems) {
        String kind = problem.getAs(PROBLEM);
        String detail = problem.getAs(DETAIL);
        if (kind.equals(FATAL)) {
          throw new LabelsFormatException(detail + ". Fix the file, or pass --labels with Ludwig's labels.json");
        }
        rejects.add(new LabelsReject(problem.getAs(Columns.ID), LabelsReject.Reason.valueOf(kind), detail));
      }
      Dataset<Row> rows = all.filter(col(PROBLEM).isNull()).select(SCHEMA_COLUMNS);
      long count = rows.count();
      LOG.info("Read labels of {} tracks from {} ({} entries left out)", count, uri, rejects.size());
      rejects.stream().limit(LOGGED_REJECTS).forEach(r -> LOG.warn("labels entry left out ({}): {}", r.reason(), r.detail()));
      if (rejects.size() > LOGGED_REJECTS) {
        LOG.warn("... and {} more labels entries left out; the run report lists them all", rejects.size() - LOGGED_REJECTS);
      }
      return new Labels(rows, List.copyOf(rejects));
    } catch (Exception e) { // SparkException is checked in Java's eyes but undeclared by Scala
      all.unpersist();
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
    return RowFactory.create(values(t, 0));
  }

  private static Object[] values(TrackLabels t, int extra) {
    Object[] values = new Object[9 + extra];
    values[0] = t.id();
    values[1] = t.artist();
    values[2] = t.name();
    values[3] = t.album();
    values[4] = t.genre();
    values[5] = t.subgenres() == null ? null : CollectionConverters.asScala(t.subgenres()).toSeq();
    values[6] = t.otherSubgenres() == null ? null : CollectionConverters.asScala(t.otherSubgenres()).toSeq();
    values[7] = t.popularity();
    values[8] = t.moods() == null ? null : CollectionConverters.asScala(t.moods());
    return values;
  }

  private static Row parsedRow(TrackLabels t, long ordinal) {
    Object[] values = values(t, 3);
    values[9] = ordinal;
    return RowFactory.create(values);
  }

  private static Row problemRow(String id, long ordinal, String problem, String detail) {
    Object[] values = new Object[12];
    values[0] = id;
    values[9] = ordinal;
    values[10] = problem;
    values[11] = detail;
    return RowFactory.create(values);
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
      Deque<Row> pending = new ArrayDeque<>();
      long[] ordinal = {0};
      LabelsParser parser = new LabelsParser(in, uri,
          reject -> pending.add(problemRow(reject.trackId(), ordinal[0]++, reject.reason().name(), reject.detail())));
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener((TaskCompletionListener) context -> parser.close());
      }
      return new Iterator<>() {
        private boolean done;

        @Override
        public boolean hasNext() {
          while (pending.isEmpty() && !done) {
            try {
              if (parser.hasNext()) {
                pending.add(parsedRow(parser.next(), ordinal[0]++));
              } else {
                done = true;
                parser.close();
              }
            } catch (LabelsFormatException e) {
              // Not a task failure (no retries, no stack trace in the log): the driver reports it.
              pending.add(problemRow("", ordinal[0]++, FATAL, e.getMessage()));
              done = true;
              parser.close();
            }
          }
          return !pending.isEmpty();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return pending.poll();
        }
      };
    }
  }
}
