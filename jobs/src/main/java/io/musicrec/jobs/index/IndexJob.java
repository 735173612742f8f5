package io.musicrec.jobs.index;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.musicrec.config.ConfigException;
import io.musicrec.config.IndexMode;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.embed.EmbedRejection;
import io.musicrec.enrich.LabelsReader;
import io.musicrec.enrich.LabelsReject;
import io.musicrec.jobs.SparkSessions;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.source.TrackSource;
import io.musicrec.store.CollectionLayout;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.VectorStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexing job: list audio, join labels, decode + embed + upsert inside each partition, then
 * finish the mode's bookkeeping (deletions, alias switch) and write the report.
 *
 * <p>Everything that can be checked before work starts is checked first (model, input, labels,
 * store reachable, collection dimension), so a bad config costs seconds, not a cluster hour.
 */
public final class IndexJob {
  private static final Logger LOG = LoggerFactory.getLogger(IndexJob.class);
  /** Share of a collection an incremental run may delete before it asks for a rebuild instead. */
  static final double MAX_INCREMENTAL_DELETE_SHARE = 0.5;
  private static final int DELETE_BATCH = 1000;
  /** Reject reasons about this attempt to read a file, not about the file itself. */
  private static final Set<String> TRANSIENT_REJECTS = Set.of("io_error", "timeout");

  private final MusicrecConfig config;
  private final DuplicatesSection.Mode duplicates;

  /** An index run that finds and marks near-duplicates once the points are written. */
  public IndexJob(MusicrecConfig config) {
    this(config, DuplicatesSection.Mode.MARK);
  }

  public IndexJob(MusicrecConfig config, DuplicatesSection.Mode duplicates) {
    this.config = config;
    this.duplicates = duplicates;
  }

  public IndexReport run() {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    ModelSpec spec = ModelSpecs.resolve(config.model());
    SparkSession spark = SparkSessions.create(config);
    Timings timings = new Timings();
    try {
      requireSharedJvmForEmbeddedStore(spark);
      refuseGpuResourcesInLocalMode(spark);
      Dataset<Row> files = TrackSource.list(spark, config.input()).cache();
      long listed = timings.time("list_s", files::count);
      LabelsReader.Labels loaded = timings.time("labels_s", () -> LabelsReader.load(spark, config.labels()));
      Dataset<Row> labels = loaded.rows();
      VectorStore store = SharedStores.get(config);
      store.checkReachable();
      Optional<String> live = store.aliasTarget(config.collection());
      live.ifPresent(l -> adoptLiveVersion(store, l));
      String target = prepareCollection(store, spec, live);
      boolean newVersion = live.map(l -> !l.equals(target)).orElse(true);
      try {
        Map<String, TrackPayload.StoredTrack> existing = config.mode() == IndexMode.INCREMENTAL
            ? existingFingerprints(store, target) : Map.of();
        if (config.mode() == IndexMode.INCREMENTAL) requirePlausibleListing(files, existing);
        List<TrackOutcome> outcomes = index(spark, files, labels, spec, target, existing, listed, timings);
        long deleted = config.mode() == IndexMode.INCREMENTAL ? deleteStale(store, target, existing, outcomes) : 0;
        // A full or rebuild load rewrote the collection: compact it before it answers queries.
        if (config.mode() != IndexMode.INCREMENTAL) {
          timings.time("finish_load_s", () -> {
            store.finishLoad(target);
            return null;
          });
        }
        // Before the version goes live, so that its first queries can already collapse copies.
        DuplicatesSection duplicatesSection = timings.time("duplicates_s",
            () -> DuplicatesSection.compute(store, target, duplicates));
        // Only now is the version complete: a run that dies before this line leaves a version that
        // never counts as one (not kept as a rollback, dropped by the next successful rebuild).
        store.markComplete(target);
        if (newVersion) {
          store.switchAlias(config.collection(), target);
          List<String> dropped = store.dropOldVersions(config.collection(), config.keepVersions());
          LOG.info("alias {} -> {}; dropped old versions {}", config.collection(), target, dropped);
        }
        long labelsWithoutAudio = labels.join(files, labels.col("id").equalTo(files.col("track_id")), "left_anti").count();
        long storeCount = store.count(target);
        timings.put("total_s", seconds(System.nanoTime() - t0));
        IndexReport report = report(started, spec, target, listed, outcomes, loaded.rejects(), deleted, labelsWithoutAudio,
            storeCount, timings, spark, duplicatesSection);
        IndexReportWriter.write(Path.of(config.report()), report);
        return report;
      } catch (RuntimeException e) {
        // A half-filled version must not linger and later count as the rollback version.
        if (newVersion) dropQuietly(store, target);
        throw e;
      }
    } finally {
      SharedStores.close(config.store());
      spark.stop();
    }
  }

  private List<TrackOutcome> index(SparkSession spark, Dataset<Row> files, Dataset<Row> labels, ModelSpec spec,
      String target, Map<String, TrackPayload.StoredTrack> existing, long listed, Timings timings) {
    Dataset<Row> tracks = files
        .join(labels.withColumn("labelled", lit(true)), files.col("track_id").equalTo(labels.col("id")), "left")
        .drop("id");
    LongAccumulator done = spark.sparkContext().longAccumulator("tracks done");
    Broadcast<Map<String, TrackPayload.StoredTrack>> existingBc = spark.sparkContext()
        .broadcast(existing, scala.reflect.ClassTag$.MODULE$.apply(Map.class));
    PartitionIndexer indexer = new PartitionIndexer(config, spec, target, existingBc, done);
    int partitions = Partitioning.choose(config.spark().partitions(), listed, spark.sparkContext().defaultParallelism());
    LOG.info("indexing {} files in {} partitions into {} ({})", listed, partitions, config.store(), target);
    long start = System.nanoTime();
    try (Progress progress = new Progress("indexing", listed, done::value)) {
      List<TrackOutcome> outcomes = tracks.repartition(partitions).javaRDD().mapPartitions(indexer).collect();
      progress.finish(outcomes.size());
      return outcomes;
    } finally {
      timings.put("index_s", seconds(System.nanoTime() - start));
    }
  }

  /**
   * An incremental run deletes what the listing no longer holds, so a listing that lost most of
   * the collection (a mistyped input, an unmounted volume) stops the run instead of emptying it.
   */
  private void requirePlausibleListing(Dataset<Row> files, Map<String, TrackPayload.StoredTrack> existing) {
    if (existing.isEmpty()) return;
    Set<String> listedIds = new HashSet<>(files.select("track_id").as(Encoders.STRING()).collectAsList());
    long vanished = existing.keySet().stream().filter(id -> !listedIds.contains(id)).count();
    if (vanished > existing.size() * MAX_INCREMENTAL_DELETE_SHARE) {
      throw new ConfigException("input: " + config.input() + " lacks " + vanished + " of the " + existing.size()
          + " tracks in collection " + config.collection() + "; an incremental run would delete them. Check"
          + " 'input'; if the catalogue really shrank that much, run with --mode rebuild");
    }
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

  /** Lucene allows one writer per folder, so an embedded store needs tasks in the driver's JVM. */
  private void requireSharedJvmForEmbeddedStore(SparkSession spark) {
    if (config.store().startsWith("embedded:") && !spark.sparkContext().isLocal()) {
      throw new ConfigException("store: the embedded store is written from one JVM and needs a local[N] master;"
          + " with the cluster master " + spark.sparkContext().master() + " use qdrant://HOST:6334");
    }
  }

  /** Spark's local mode cannot schedule GPUs: tasks asking for one would wait forever. */
  private static void refuseGpuResourcesInLocalMode(SparkSession spark) {
    if (!spark.sparkContext().isLocal()) return;
    for (String key : List.of("spark.executor.resource.gpu.amount", "spark.task.resource.gpu.amount")) {
      if (spark.conf().contains(key)) {
        throw new ConfigException("spark.conf." + key + ": Spark's local[N] master cannot schedule GPUs (tasks would"
            + " wait forever); use a cluster master (standalone, YARN, Kubernetes, or local-cluster[...]) with"
            + " conf/spark-defaults-gpu.conf and its discovery script, or remove the GPU resource settings");
      }
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

  private static Map<String, TrackPayload.StoredTrack> existingFingerprints(VectorStore store, String collection) {
    Map<String, TrackPayload.StoredTrack> fingerprints = new TreeMap<>();
    store.listPayloads(collection, TrackPayload.storedFields())
        .forEach((id, payload) -> fingerprints.put(id, TrackPayload.stored(payload)));
    return fingerprints;
  }

  /**
   * In incremental runs, points whose audio file is gone, or whose file no longer decodes, are
   * removed: the store holds what the catalogue holds now. A read that failed or timed out says
   * nothing about the file, so its point stays until a run can read it.
   */
  private static long deleteStale(VectorStore store, String collection, Map<String, TrackPayload.StoredTrack> existing,
      List<TrackOutcome> outcomes) {
    Set<String> current = outcomes.stream()
        .filter(o -> o.status() != TrackOutcome.Status.REJECTED || TRANSIENT_REJECTS.contains(o.reason()))
        .map(TrackOutcome::trackId).collect(Collectors.toCollection(HashSet::new));
    List<String> stale = existing.keySet().stream().filter(id -> !current.contains(id)).toList();
    for (int from = 0; from < stale.size(); from += DELETE_BATCH) {
      store.delete(collection, stale.subList(from, Math.min(stale.size(), from + DELETE_BATCH)));
    }
    return stale.size();
  }

  private IndexReport report(Instant started, ModelSpec spec, String collection, long listed,
      List<TrackOutcome> outcomes, List<LabelsReject> labelRejects, long deleted, long labelsWithoutAudio, long storeCount,
      Timings timings, SparkSession spark, DuplicatesSection duplicates) {
    Map<String, Long> byReason = outcomes.stream().filter(o -> o.status() == TrackOutcome.Status.REJECTED)
        .collect(Collectors.groupingBy(TrackOutcome::reason, TreeMap::new, Collectors.counting()));
    long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();
    long upserted = count(outcomes, TrackOutcome.Status.UPSERTED);
    long unchanged = count(outcomes, TrackOutcome.Status.UNCHANGED);
    long relabelled = count(outcomes, TrackOutcome.Status.RELABELLED);
    long embedRejects = java.util.Arrays.stream(EmbedRejection.Reason.values())
        .mapToLong(r -> byReason.getOrDefault(r.code(), 0L)).sum();
    long missingLabels = outcomes.stream().filter(o -> !o.labelled()).count();
    double audioSeconds = outcomes.stream().mapToDouble(TrackOutcome::audioSeconds).sum();
    double indexSeconds = timings.get("index_s");
    long capped = outcomes.stream().filter(TrackOutcome::capped).count();
    IndexReport.Counts counts = new IndexReport.Counts(listed, upserted + embedRejects, rejected, byReason,
        upserted, upserted, unchanged, relabelled, deleted, capped, missingLabels, labelRejects.size(),
        labelsWithoutAudio, storeCount);
    List<IndexReport.Reject> rejects = outcomes.stream().filter(o -> o.status() == TrackOutcome.Status.REJECTED)
        .sorted(java.util.Comparator.comparing(TrackOutcome::path))
        .map(o -> new IndexReport.Reject(o.path(), o.reason(), o.detail())).toList();
    List<IndexReport.LabelReject> labelRejectList = labelRejects.stream()
        .map(r -> new IndexReport.LabelReject(r.trackId(), r.reason().label(), r.detail())).toList();
    Map<String, Object> environment = new LinkedHashMap<>();
    environment.put("spark_master", spark.sparkContext().master());
    environment.put("spark_version", spark.version());
    environment.put("default_parallelism", spark.sparkContext().defaultParallelism());
    environment.put("driver_cores", Runtime.getRuntime().availableProcessors());
    environment.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    return new IndexReport(started.toString(), config.mode().name().toLowerCase(java.util.Locale.ROOT),
        config.input(), config.labels(), config.store(), collection,
        new IndexReport.Model(spec.name(), spec.version(), spec.dimension(), spec.source()),
        counts, rejects, labelRejectList, timings.asMap(),
        new IndexReport.Throughput(upserted / Math.max(indexSeconds, 1e-9), audioSeconds / Math.max(indexSeconds, 1e-9)),
        environment, duplicates);
  }

  private static long count(List<TrackOutcome> outcomes, TrackOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }
}
