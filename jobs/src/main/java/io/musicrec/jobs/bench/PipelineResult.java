package io.musicrec.jobs.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The whole indexing job against the bound its stages set, measured in the same run.
 *
 * <p>Units: the decode stage measures tracks/s directly. The embed stage measures clips/s, and
 * the model's clip policy turns one track into {@code clipsPerTrack} clips (K windows for the
 * windows policy, else 1), so embed tracks/s = clips/s / clipsPerTrack.
 *
 * @param tracks points the job upserted
 * @param tracksPerS tracks / index phase seconds (the job's {@code throughput.tracks_per_s}: decode,
 *     embed and upsert inside the Spark tasks)
 * @param tracksPerSWithSetup tracks / whole job seconds (Spark session, listing, labels, alias switch too)
 * @param stageBoundTracksPerS min(decode tracks/s, embed tracks/s), each measured alone on all cores
 * @param boundBy the stage that sets the bound
 * @param ratioVsStageBound tracksPerS / stageBoundTracksPerS; target >= {@code target}
 * @param sharedCpuBoundTracksPerS 1 / (1/decode + 1/embed): the bound when both stages need the same
 *     cores (CPU only), which the min() bound ignores
 * @param timings the job's own step timings (list_s, labels_s, index_s, total_s)
 */
public record PipelineResult(
    long tracks,
    String sparkMaster,
    double tracksPerS,
    @JsonProperty("tracks_per_s_with_setup") double tracksPerSWithSetup,
    double decodeTracksPerS,
    double embedClipsPerS,
    int clipsPerTrack,
    double embedTracksPerS,
    double stageBoundTracksPerS,
    String boundBy,
    double ratioVsStageBound,
    double target,
    double sharedCpuBoundTracksPerS,
    double ratioVsSharedCpuBound,
    Map<String, Double> timings,
    String conversion,
    String indexReport) {

  public static final double TARGET = 0.8;

  static PipelineResult of(long tracks, String sparkMaster, double tracksPerS, Map<String, Double> timings,
      double decodeTracksPerS, double embedClipsPerS, int clipsPerTrack, String indexReport) {
    double total = timings.getOrDefault("total_s", 0.0);
    double embedTracksPerS = embedClipsPerS / clipsPerTrack;
    double bound = Math.min(decodeTracksPerS, embedTracksPerS);
    double shared = 1 / (1 / decodeTracksPerS + 1 / embedTracksPerS);
    String conversion = String.format(java.util.Locale.ROOT,
        "embed tracks/s = embed clips/s / clips per track = %.1f / %d = %.1f (the model's clip policy makes %d clip(s) per track)",
        embedClipsPerS, clipsPerTrack, embedTracksPerS, clipsPerTrack);
    return new PipelineResult(tracks, sparkMaster, r(tracksPerS), r(total > 0 ? tracks / total : 0),
        r(decodeTracksPerS), r(embedClipsPerS), clipsPerTrack, r(embedTracksPerS), r(bound),
        decodeTracksPerS <= embedTracksPerS ? "decode" : "embed", r(tracksPerS / bound), TARGET,
        r(shared), r(tracksPerS / shared), timings, conversion, indexReport);
  }

  private static double r(double v) {
    return Latencies.round(v);
  }
}
