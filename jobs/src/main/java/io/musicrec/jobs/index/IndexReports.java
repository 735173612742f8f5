package io.musicrec.jobs.index;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.enrich.LabelsReject;
import io.musicrec.model.ModelSpec;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/** Assembles the {@link IndexReport} from what a run was and what happened to its tracks. */
final class IndexReports {
  private IndexReports() {}

  /**
   * What the run was.
   *
   * @param collection the collection version it wrote
   * @param environment where it ran ({@link #environment})
   */
  record Run(Instant started, MusicrecConfig config, ModelSpec spec, String collection, Map<String, Object> environment) {}

  /**
   * What the run did.
   *
   * @param listed entries the listing found
   * @param tracks one outcome per listed entry
   * @param labelRejects labels entries left out
   * @param deleted stale points removed (incremental runs)
   * @param labelsWithoutAudio labels entries with no listed file
   * @param storeCount points in the collection after the run
   * @param duplicates the near-duplicate groups found after the load
   * @param warnings what went wrong without failing the run
   */
  record Outcomes(long listed, List<TrackOutcome> tracks, List<LabelsReject> labelRejects, long deleted,
      long labelsWithoutAudio, long storeCount, DuplicatesSection duplicates, List<String> warnings) {}

  static IndexReport from(Run run, Outcomes outcomes, Timings timings) {
    List<TrackOutcome> tracks = outcomes.tracks();
    List<TrackOutcome> rejected = tracks.stream().filter(o -> o.status() == TrackOutcome.Status.REJECTED).toList();
    Map<String, Long> byReason = rejected.stream()
        .collect(Collectors.groupingBy(o -> o.reason().code(), TreeMap::new, Collectors.counting()));
    long upserted = count(tracks, TrackOutcome.Status.UPSERTED);
    long fromTable = tracks.stream().filter(TrackOutcome::fromTable).count();
    long embedded = upserted - fromTable;
    // The model refused these after their audio decoded: they count as decoded, not as embedded.
    long modelRejects = rejected.stream().filter(o -> o.reason().afterDecoding()).count();
    long missingLabels = tracks.stream().filter(o -> !o.labelled()).count();
    long capped = tracks.stream().filter(TrackOutcome::capped).count();
    IndexReport.Counts counts = new IndexReport.Counts(outcomes.listed(), embedded + modelRejects, rejected.size(),
        byReason, embedded, upserted, fromTable, count(tracks, TrackOutcome.Status.UNCHANGED),
        count(tracks, TrackOutcome.Status.RELABELLED), outcomes.deleted(), capped, missingLabels,
        outcomes.labelRejects().size(), outcomes.labelsWithoutAudio(), outcomes.storeCount());
    List<IndexReport.Reject> rejects = rejected.stream().sorted(Comparator.comparing(TrackOutcome::path))
        .map(o -> new IndexReport.Reject(o.path(), o.reason().code(), o.detail())).toList();
    List<IndexReport.LabelReject> labelRejects = outcomes.labelRejects().stream()
        .map(r -> new IndexReport.LabelReject(r.trackId(), r.reason().label(), r.detail())).toList();
    double indexSeconds = Math.max(timings.get("index_s"), 1e-9);
    double audioSeconds = tracks.stream().mapToDouble(TrackOutcome::audioSeconds).sum();
    MusicrecConfig config = run.config();
    ModelSpec spec = run.spec();
    return new IndexReport(run.started().toString(), config.mode().name().toLowerCase(Locale.ROOT),
        config.input(), config.labels(), config.store(), run.collection(),
        new IndexReport.Model(spec.name(), spec.version(), spec.dimension(), spec.source()),
        counts, rejects, labelRejects, timings.seconds(),
        new IndexReport.Throughput(upserted / indexSeconds, audioSeconds / indexSeconds),
        run.environment(), outcomes.duplicates(), outcomes.warnings());
  }

  /** Where a run ran: master, Spark and JVM versions, parallelism and the driver's cores. */
  static Map<String, Object> environment(SparkSession spark) {
    Map<String, Object> environment = new LinkedHashMap<>();
    environment.put("spark_master", spark.sparkContext().master());
    environment.put("spark_version", spark.version());
    environment.put("default_parallelism", spark.sparkContext().defaultParallelism());
    environment.put("driver_cores", Runtime.getRuntime().availableProcessors());
    environment.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    return environment;
  }

  private static long count(List<TrackOutcome> outcomes, TrackOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }
}
