package io.musicrec.jobs.index;

import static org.apache.spark.sql.functions.lit;

import io.musicrec.config.ConfigException;
import io.musicrec.config.IndexMode;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.enrich.LabelsReader;
import io.musicrec.jobs.SparkSessions;
import io.musicrec.jobs.table.EmbeddingsTable;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.runtime.PerJvm;
import io.musicrec.source.Columns;
import io.musicrec.source.TrackSource;
import io.musicrec.store.CollectionLayout;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.VectorStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexing job's orchestration, on the driver: list audio, join labels, plan (the
 * {@link IncrementalPlan}), join what the embeddings table knows ({@link TableStep}), run
 * {@link PartitionIndexer} tasks (decode + embed + upsert, or the table's vector, given only their
 * {@link TaskSettings} and the broadcast plan; each returns its {@link TrackOutcome}s and the table
 * rows of the points it wrote), write the table, then finish the mode's bookkeeping (stale
 * deletions, alias switch) and write the report that {@link IndexReports} assembles from the
 * outcomes. The table is written before the collection counts as complete, so a run that fails
 * after it still kept its inference.
 *
 * <p>Everything that can be checked before work starts is checked first (model, input, labels,
 * store reachable, embeddings table writable, collection dimension), so a bad config costs seconds, not a cluster hour.
 */
public final class IndexJob {
  private static final Logger LOG = LoggerFactory.getLogger(IndexJob.class);
  private static final int DELETE_BATCH = 1000;
  private static final String HEARTBEAT_INTERVAL = "spark.executor.heartbeatInterval";
  /**
   * Executors report running tasks' counters with each heartbeat (Spark's default: every 10 s);
   * the index job asks for one every 2 s so progress moves per track. It must stay below
   * {@code spark.network.timeout} (default 120 s); a user's own setting of either wins.
   */
  static final String PROGRESS_HEARTBEAT = "2s";
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  private final MusicrecConfig config;
  private final DuplicatesSection.Mode duplicates;
  private final TaskHooks hooks;

  /** An index run that finds and marks near-duplicates once the points are written. */
  public IndexJob(MusicrecConfig config) {
    this(config, DuplicatesSection.Mode.MARK);
  }

  public IndexJob(MusicrecConfig config, DuplicatesSection.Mode duplicates) {
    this(config, duplicates, TaskHooks.NONE);
  }

  /** The test seam: {@code hooks} run inside every task (e.g. to fail one attempt mid-partition). */
  IndexJob(MusicrecConfig config, TaskHooks hooks) {
    this(config, DuplicatesSection.Mode.MARK, hooks);
  }

  private IndexJob(MusicrecConfig config, DuplicatesSection.Mode duplicates, TaskHooks hooks) {
    this.config = config;
    this.duplicates = duplicates;
    this.hooks = hooks;
  }

  public IndexReport run() {
    Instant started = Instant.now();
    Timings.Stopwatch stopwatch = new Timings.Stopwatch();
    ModelSpec spec = ModelSpecs.resolve(config.model());
    SparkSession spark = SparkSessions.create(config, progressHeartbeat());
    try {
      RunChecks.requireSharedJvmForEmbeddedStore(config, spark);
      RunChecks.refuseGpuResourcesInLocalMode(spark);
      Dataset<Row> files = TrackSource.list(spark, config.input()).cache();
      long listed = stopwatch.time("list_s", files::count);
      LabelsReader.Labels loaded = stopwatch.time("labels_s", () -> LabelsReader.load(spark, config.labels()));
      Dataset<Row> labels = loaded.rows();
      VectorStore store = PerJvm.store(config.store(), config.sink(), config.qdrant(), config.search());
      store.checkReachable();
      Optional<EmbeddingsTable> table = RunChecks.embeddingsTable(config, spark);
      Optional<String> live = store.aliasTarget(config.collection());
      live.ifPresent(l -> adoptLiveVersion(store, l));
      String target = prepareCollection(store, spec, live);
      boolean newVersion = live.map(l -> !l.equals(target)).orElse(true);
      boolean published = false;
      try {
        // Timed because it grows with the catalogue: every stored point's fingerprint is read.
        IncrementalPlan plan = stopwatch.time("plan_s", () -> plan(store, target, spec, files));
        Optional<TableStep> tableStep = table.map(t -> stopwatch.time("table_read_s",
            () -> TableStep.open(spark, t, spec.fingerprint(), spec.dimension())));
        Indexed indexed = stopwatch.time("index_s", () -> index(spark, files, labels, spec, target, plan, listed, tableStep));
        List<String> warnings = new ArrayList<>();
        try {
          tableStep.ifPresent(t -> stopwatch.run("table_write_s", () -> writeTable(t, spark, indexed, config.mode() == IndexMode.FULL, warnings)));
        } finally {
          indexed.release();
        }
        List<TrackOutcome> outcomes = indexed.outcomes();
        long deleted = delete(store, target, plan.staleIds(outcomes));
        // A full or rebuild load rewrote the collection: compact it before it answers queries.
        if (config.mode() != IndexMode.INCREMENTAL) stopwatch.run("finish_load_s", () -> store.finishLoad(target));
        // Before the version goes live, so that its first queries can already collapse copies.
        DuplicatesSection duplicatesSection = stopwatch.time("duplicates_s",
            () -> DuplicatesSection.compute(store, target, duplicates));
        publish(store, target, newVersion);
        published = true;
        long labelsWithoutAudio = labels.join(files, labels.col(Columns.ID).equalTo(files.col(Columns.TRACK_ID)), "left_anti").count();
        IndexReports.Outcomes done = new IndexReports.Outcomes(listed, outcomes, loaded.rejects(), deleted,
            labelsWithoutAudio, store.count(target), duplicatesSection, warnings);
        IndexReport report = IndexReports.from(
            new IndexReports.Run(started, config, spec, target, IndexReports.environment(spark)), done, stopwatch.withTotal());
        IndexReportWriter.write(Path.of(config.report()), report);
        return report;
      } catch (RuntimeException e) {
        // A half-filled version must not linger and later count as the rollback version; once
        // published it is the live version, whatever fails after that (a report folder, a count).
        if (newVersion && !published) dropQuietly(store, target);
        throw e;
      }
    } finally {
      PerJvm.closeStore(config.store(), config.sink(), config.qdrant(), config.search());
      spark.stop();
    }
  }

  /**
   * What the tasks did: one outcome per listed track, collected; and, kept where they ran, every
   * task's results with the table rows (persisted when the run keeps a table, until it is written).
   */
  private record Indexed(List<TrackOutcome> outcomes, JavaRDD<TaskResult> results, Broadcast<IncrementalPlan> plan) {
    /** The persisted results and the broadcast plan their tasks were serialized with (the table write reads both). */
    void release() {
      results.unpersist(false);
      plan.destroy();
    }
  }

  private Indexed index(SparkSession spark, Dataset<Row> files, Dataset<Row> labels, ModelSpec spec,
      String target, IncrementalPlan plan, long listed, Optional<TableStep> table) {
    Dataset<Row> labelled = files
        .join(labels.withColumn(Columns.LABELLED, lit(true)), files.col(Columns.TRACK_ID).equalTo(labels.col(Columns.ID)), "left")
        .drop(Columns.ID);
    Dataset<Row> tracks = table.map(t -> t.join(spark, labelled, plan.storedWithThisModel())).orElse(labelled);
    int partitions = Partitioning.choose(config.spark().partitions(), listed, spark.sparkContext().defaultParallelism());
    // The joins before the tasks (labels, embeddings table) shuffle into as many partitions as the
    // tasks use, not Spark's fixed 200 (adaptive execution is off: it would undo our partitioning).
    if (SparkSessions.userSetting(config, SHUFFLE_PARTITIONS).isEmpty()) spark.conf().set(SHUFFLE_PARTITIONS, partitions);
    LongAccumulator done = spark.sparkContext().longAccumulator("tracks done");
    Broadcast<IncrementalPlan> planBc = spark.sparkContext()
        .broadcast(plan, scala.reflect.ClassTag$.MODULE$.apply(IncrementalPlan.class));
    PartitionIndexer indexer = new PartitionIndexer(TaskSettings.of(config, spec, target, hooks), planBc, done);
    LOG.info("indexing {} files in {} partitions into {} ({})", listed, partitions, config.store(), target);
    TaskProgress progressOfTasks = new TaskProgress(done);
    spark.sparkContext().addSparkListener(progressOfTasks);
    try (Progress progress = new Progress("indexing", listed, progressOfTasks)) {
      JavaRDD<TaskResult> results = tracks.repartition(partitions).javaRDD().mapPartitions(indexer);
      // The table is written from these after the outcomes are collected: kept, not recomputed
      // (that would decode and embed again). Vectors never travel to the driver.
      if (table.isPresent()) results.persist(StorageLevel.MEMORY_AND_DISK());
      List<TrackOutcome> outcomes = results.map(TaskResult::outcome).collect();
      progress.finish(outcomes.size());
      return new Indexed(outcomes, results, planBc);
    } catch (RuntimeException e) {
      planBc.destroy();
      throw e;
    } finally {
      spark.sparkContext().removeSparkListener(progressOfTasks);
    }
  }

  private static List<String> listedIds(Dataset<Row> files) {
    return files.select(Columns.TRACK_ID).as(Encoders.STRING()).collectAsList();
  }

  /** The index job's heartbeat, unless the user set one, or a network timeout it would not fit under. */
  private Map<String, String> progressHeartbeat() {
    Optional<String> timeout = SparkSessions.userSetting(config, "spark.network.timeout");
    boolean fits = timeout.map(t -> JavaUtils.timeStringAsMs(t) > JavaUtils.timeStringAsMs(PROGRESS_HEARTBEAT)).orElse(true);
    return fits ? Map.of(HEARTBEAT_INTERVAL, PROGRESS_HEARTBEAT) : Map.of();
  }

  /**
   * The version the alias points to served queries, so it is complete even when it predates
   * completeness marks; marking it keeps the next cleanup from taking it for a failed run's leftover.
   */
  private void adoptLiveVersion(VectorStore store, String live) {
    if (store.incompleteVersions(config.collection()).contains(live)) {
      LOG.info("marking the live version {} complete (it was built before versions were marked)", live);
      store.markComplete(live);
    }
  }

  private static void dropQuietly(VectorStore store, String collection) {
    try {
      store.dropCollection(collection);
    } catch (RuntimeException e) {
      LOG.warn("could not drop the unfinished version {}: {}", collection, e.getMessage());
    }
  }

  /**
   * The collection this run writes: a new version for a rebuild (or a first run), else the one
   * the alias points to. Fails before any work when its dimension does not fit the model.
   */
  private String prepareCollection(VectorStore store, ModelSpec spec, Optional<String> current) {
    CollectionSpec collection = new CollectionSpec(config.collection(), spec.dimension(), CollectionLayout.from(config.layout()));
    if (config.mode() != IndexMode.REBUILD && current.isPresent()) {
      int dimension = store.dimension(current.get()).orElse(spec.dimension());
      if (dimension != spec.dimension()) {
        throw new ConfigException("store: collection " + config.collection() + " holds " + dimension
            + "-d vectors but model " + spec.name() + " makes " + spec.dimension() + "-d ones; run with"
            + " --mode rebuild to build a new version for this model, or use another 'collection'");
      }
      return current.get();
    }
    return store.createVersion(collection);
  }

  private static SortedMap<String, StoredTrack> storedTracks(VectorStore store, String collection) {
    SortedMap<String, StoredTrack> stored = new TreeMap<>();
    store.listPayloads(collection, TrackPayload.storedFields())
        .forEach((id, payload) -> stored.put(id, TrackPayload.stored(payload)));
    return stored;
  }

  /**
   * The table is a cache of this run's inference, not part of the index: when writing it fails
   * (an object store's 5xx, a refused rename), the run still publishes its complete version and
   * reports the failure; the next run recovers the table folder and embeds what it lacks.
   */
  private static void writeTable(TableStep table, SparkSession spark, Indexed indexed, boolean keepUnlisted,
      List<String> warnings) {
    try {
      table.write(spark, indexed.results(), keepUnlisted);
    } catch (Exception e) { // Spark's writers also throw checked IOExceptions they do not declare
      LOG.warn("the embeddings table was not written; the index is complete, the next run embeds again what the table lacks", e);
      warnings.add("embeddings table not written: " + e.getMessage());
    }
  }

  /**
   * Only now is the version complete: a run that dies before this point leaves a version that never
   * counts as one (not kept as a rollback, dropped by the next successful rebuild). A new version
   * then takes the alias, and versions beyond {@code keep_versions} go.
   */
  private void publish(VectorStore store, String target, boolean newVersion) {
    store.markComplete(target);
    if (!newVersion) return;
    store.switchAlias(config.collection(), target);
    List<String> dropped = store.dropOldVersions(config.collection(), config.keepVersions());
    LOG.info("alias {} -> {}; dropped old versions {}", config.collection(), target, dropped);
  }

  /** What an incremental run compares against: the stored points, checked against the listing. */
  private IncrementalPlan plan(VectorStore store, String target, ModelSpec spec, Dataset<Row> files) {
    if (config.mode() != IndexMode.INCREMENTAL) return IncrementalPlan.fullRun();
    IncrementalPlan plan = IncrementalPlan.incremental(storedTracks(store, target), spec.fingerprint());
    if (plan.storedTracks() > 0) plan.requirePlausibleListing(listedIds(files), config.input(), config.collection());
    return plan;
  }

  private static long delete(VectorStore store, String collection, List<String> stale) {
    for (int from = 0; from < stale.size(); from += DELETE_BATCH) {
      store.delete(collection, stale.subList(from, Math.min(stale.size(), from + DELETE_BATCH)));
    }
    return stale.size();
  }
}
