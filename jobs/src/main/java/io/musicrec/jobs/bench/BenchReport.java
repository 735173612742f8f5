package io.musicrec.jobs.bench;

import io.musicrec.decode.DecodeBenchmarkResult;
import io.musicrec.embed.EmbedBenchmark;
import java.util.List;
import java.util.Map;

/**
 * A bench run's {@code report.json} (DESIGN.md "Reports"): field names are read by other tools,
 * {@code bench compare} among them. A stage that did not run is absent.
 *
 * @param decode {@code decode.ratio_vs_ffmpeg_cli} and the designs side by side
 * @param embed {@code embed.ratio_vs_raw_ort}, the batch sweep, MACs per clip, GFLOP/s vs peak
 * @param pipeline {@code pipeline.ratio_vs_stage_bound}
 * @param query {@code query.recall_at_10}, {@code query.p50_ms}, {@code query.p99_ms}, {@code query.qps}
 * @param quality {@code quality.genre_precision_at_10}, {@code quality.artist_precision_at_10}
 * @param scale {@code scale.<dimension>.<points>}: the project's embedded store beside raw Lucene
 * @param charts chart name -> PNG file name beside report.json
 */
public record BenchReport(
    String startedAt,
    double wallS,
    List<String> stages,
    Environment environment,
    DecodeBenchmarkResult decode,
    EmbedBenchmark.Result embed,
    PipelineResult pipeline,
    QueryResult query,
    QueryBenchmark.QualityResult quality,
    Map<String, Map<String, ScaleResult>> scale,
    Map<String, String> charts,
    List<String> notes) {}
