package io.musicrec.jobs.bench;

import io.musicrec.decode.DecodeBenchmarkResult;
import io.musicrec.embed.EmbedBenchmark;
import java.util.Locale;
import java.util.Map;

/** report.md: the headline table first, then the environment, then one section per stage with its charts. */
final class BenchMarkdown {
  private final StringBuilder md = new StringBuilder();

  private BenchMarkdown() {}

  static String render(BenchReport r) {
    BenchMarkdown m = new BenchMarkdown();
    m.header(r);
    m.headline(r);
    m.environment(r.environment());
    if (r.decode() != null) m.decode(r.decode(), r.charts());
    if (r.embed() != null) m.embed(r.embed(), r.charts());
    if (r.pipeline() != null) m.pipeline(r.pipeline(), r.charts());
    if (r.query() != null) m.query(r.query(), r.quality(), r.charts());
    if (r.scale() != null) m.md.append(ScaleMarkdown.render(r.scale(), r.charts()));
    return m.md.toString();
  }

  private void header(BenchReport r) {
    line("# musicrec bench");
    line("");
    line("Started %s, %.0f s wall time; stages: %s.", r.startedAt(), r.wallS(), String.join(", ", r.stages()));
    for (String note : r.notes()) line("%n> %s", note);
    line("");
  }

  private void headline(BenchReport r) {
    line("## Headline");
    line("");
    line("| figure | value | meaning |");
    line("|---|---:|---|");
    if (r.decode() != null) {
      row("decode.ratio_vs_ffmpeg_cli", f(r.decode().ratioVsFfmpegCli()),
          "project decoder tracks/s / a shell loop of the raw ffmpeg binary, same files and parallelism (1 = no overhead)");
    }
    if (r.embed() != null) {
      row("embed.ratio_vs_raw_ort", f(r.embed().ratioVsRawOrt()),
          "batching embed stage clips/s / bare OrtSession.run on pre-built batches (1 = no overhead)");
      if (r.embed().ratioVsPytorch() != null) {
        row("embed.ratio_vs_pytorch", f(r.embed().ratioVsPytorch()),
            "batching embed stage clips/s / PyTorch eager on the same clips, batch size and threads");
      }
    }
    if (r.pipeline() != null) {
      PipelineResult p = r.pipeline();
      row("pipeline.ratio_vs_stage_bound", f(p.ratioVsStageBound()) + (p.ratioVsStageBound() >= p.target() ? " (meets" : " (below")
          + " target >= " + p.target() + ")", String.format(Locale.ROOT,
              "index job %.2f tracks/s / min(decode %.2f, embed %.2f tracks/s)", p.tracksPerS(), p.decodeTracksPerS(), p.embedTracksPerS()));
    }
    if (r.query() != null) {
      QueryResult q = r.query();
      row("query.recall_at_10", f(q.recallAt10()), "\"similar tracks\" top 10 vs exact search over the stored vectors");
      row("query.p50_ms", f(q.p50Ms()), "median latency of \"similar\", one client");
      row("query.p99_ms", f(q.p99Ms()), "99th percentile latency of \"similar\", one client");
      row("query.qps", f(q.qps()), "best \"similar\" throughput (at " + q.qpsAtConcurrency() + " clients)");
    }
    if (r.quality() != null) {
      QueryBenchmark.QualityResult q = r.quality();
      row("quality.genre_precision_at_10", f(q.genrePrecisionAt10()), "share of the 10 similar tracks in the query's genre (random ranking: " + f(q.genreRandomBaseline()) + ")");
      row("quality.artist_precision_at_10", f(q.artistPrecisionAt10()), "share by the query's artist (random ranking: " + f(q.artistRandomBaseline()) + ")");
      row("quality.album_precision_at_10", f(q.albumPrecisionAt10()), "share from the query's album (random ranking: " + f(q.albumRandomBaseline()) + ")");
    }
    if (r.scale() != null) {
      r.scale().forEach((dimension, bySize) -> bySize.forEach((points, x) -> row("scale." + dimension + "." + points,
          String.format(Locale.ROOT, "M %d, ef_construct %d: ingest %s, search p99 %s, recall@10 %.3f; recommend p99"
              + " best_score %.1f, sum_scores %.1f, average_vector %.1f ms; RSS %.0f MB", x.hnswM(), x.hnswEfConstruct(),
              ScaleResult.ratioText(x.ingestRatioVsLucene()), ScaleResult.ratioText(x.searchP99RatioVsLucene()), x.recallAt10(),
              x.bestScoreP99Ms(), x.sumScoresP99Ms(), x.averageVectorP99Ms(), x.rssPeakMb()),
          "embedded store, beside raw Lucene on the same vectors unless the run left it out (targets: ingest >= 0.8x, search p99 <= 1.5x, recall >= 0.98,"
              + " recommend p99 < 50 ms at 1M)")));
    }
    line("");
  }

  private void environment(Environment e) {
    line("## Environment");
    line("");
    line("| | |");
    line("|---|---|");
    row("cores", e.cores());
    row("memory", String.format(Locale.ROOT, "%.1f GiB (JVM heap limit %.1f GiB)", e.memoryBytes() / 1073741824.0, e.maxHeapBytes() / 1073741824.0));
    row("JVM", e.jvm());
    row("OS", e.os());
    row("Spark", e.sparkVersion() + ", " + e.sparkMaster());
    row("model", e.model());
    row("store", e.store());
    if (e.dataset() != null) row("dataset", String.format(Locale.ROOT, "%d files%s, %.1f MB, in %s", e.datasetTracks(),
        e.datasetSecondsPerTrack() != null ? String.format(Locale.ROOT, " of %.0f s", e.datasetSecondsPerTrack()) : "",
        e.datasetBytes() / 1e6, e.dataset()));
    if (e.indexPoints() != null) row("index", e.indexPoints() + " points");
    row("load average", e.loadAverageStart() + " at the start, " + e.loadAverageEnd() + " at the end");
    line("");
    line("_%s._", e.note());
    line("");
  }

  private void decode(DecodeBenchmarkResult d, Map<String, String> charts) {
    line("## Decode");
    line("");
    line("%d files (%.0f s of audio) decoded to mono %d Hz float PCM by each design at parallelism %d; median of %d round(s). CPU time: %s.",
        d.tracks(), d.audioSeconds(), d.sampleRate(), d.parallelism(), d.rounds(), d.cpuTimeMethod());
    line("");
    line("| design | tracks/s | audio s per CPU s | wall s | CPU s | what it is |");
    line("|---|---:|---:|---:|---:|---|");
    for (DecodeBenchmarkResult.Design x : d.designs()) {
      line("| %s | %.2f | %.1f | %.2f | %.2f | %s |", x.name(), x.tracksPerS(), x.audioSPerCpuS(), x.wallS(), x.cpuS(), x.description());
    }
    line("");
    line("**decode.ratio_vs_ffmpeg_cli = %s**", f(d.ratioVsFfmpegCli()));
    chart(charts, "decode_designs", "Decode designs");
  }

  private void embed(EmbedBenchmark.Result e, Map<String, String> charts) {
    line("## Embed");
    line("");
    line("Model %s on %s with %d intra-op threads; %d clips of %.0f s, batch size %d, %d concurrent submitters, best of %d round(s).",
        e.model(), e.provider(), e.intraOpThreads(), e.clips(), e.clipSeconds(), e.batchSize(), e.submitters(), e.rounds());
    line("");
    line("| | |");
    line("|---|---:|");
    row("batching stage, clips/s", f(e.stageClipsPerS()));
    row("bare ONNX Runtime, clips/s", f(e.rawOrtClipsPerS()));
    row("bare ONNX Runtime, CPU seconds per clip (all threads)", f(e.rawOrtCpuSecondsPerClip()));
    row("**embed.ratio_vs_raw_ort**", f(e.ratioVsRawOrt()));
    if (e.pytorch() != null) {
      EmbedBenchmark.Reference t = e.pytorch();
      if (e.ratioVsPytorch() != null) {
        row("PyTorch eager " + t.version() + ", clips/s (" + t.threads() + " threads, batch " + t.batchSize() + ")", f(t.clipsPerS()));
        row("PyTorch eager, CPU seconds per clip (all threads)", f(t.cpuSecondsPerClip()));
        row("**embed.ratio_vs_pytorch**", f(e.ratioVsPytorch()));
      } else {
        row("PyTorch eager", t.note());
      }
    }
    row("mean batch fill", f(e.stageMeanBatchFill()));
    row("multiply-adds per clip", String.format(Locale.ROOT, "%,d", e.macsPerClip()));
    row("achieved GFLOP/s (2 x MACs x clips/s)", f(e.achievedGflops()));
    row("estimated peak GFLOP/s", f(e.peakGflops()) + " (" + e.peakAssumption() + ")");
    row("fraction of peak", f(e.fractionOfPeak()));
    line("");
    line("Batch sweep (bare ONNX Runtime):");
    line("");
    line("| batch | clips/s | GFLOP/s |");
    line("|---:|---:|---:|");
    for (EmbedBenchmark.SweepPoint s : e.sweep()) line("| %d | %.1f | %.2f |", s.batchSize(), s.clipsPerS(), s.gflops());
    chart(charts, "embed_batch_sweep", "Embed batch sweep");
  }

  private void pipeline(PipelineResult p, Map<String, String> charts) {
    line("## Pipeline");
    line("");
    line("The whole index job (%s) on the corpus: %d tracks upserted. Its own report: `%s`.", p.sparkMaster(), p.tracks(), p.indexReport());
    line("");
    line("| | tracks/s |");
    line("|---|---:|");
    row("index job, index phase (decode + embed + upsert in the tasks)", f(p.tracksPerS()));
    row("index job, whole run (Spark start, listing, labels, alias switch included)", f(p.tracksPerSWithSetup()));
    row("decode stage alone (project decoder, all cores)", f(p.decodeTracksPerS()));
    row("embed stage alone (all cores)", f(p.embedTracksPerS()) + " (= " + f(p.embedClipsPerS()) + " clips/s / " + p.clipsPerTrack() + ")");
    row("stage bound = min(decode, embed)", f(p.stageBoundTracksPerS()) + " (" + p.boundBy() + ")");
    row("**pipeline.ratio_vs_stage_bound**", "**" + f(p.ratioVsStageBound()) + "** (target >= " + p.target() + ")");
    row("shared-CPU bound = 1 / (1/decode + 1/embed)", f(p.sharedCpuBoundTracksPerS()) + " (ratio " + f(p.ratioVsSharedCpuBound()) + ")");
    line("");
    line("Units: %s. The min() bound assumes decode and embed overlap perfectly; on a CPU-only machine both"
        + " need the same cores, so the shared-CPU bound is the tighter one to judge against.", p.conversion());
    line("");
    line("Step timings (s): %s", p.timings());
    chart(charts, "pipeline_time", "Pipeline time by step");
  }

  private void query(QueryResult q, QueryBenchmark.QualityResult quality, Map<String, String> charts) {
    line("## Query");
    line("");
    line("%d points in %s%s. Closed-loop clients: each sends its next query when the previous one answers;"
        + " latency measured on the client. Headline workload: `%s`.", q.indexSize(), q.store(),
        q.searchEffort() != null ? " (search effort " + q.searchEffort() + ")" : "", q.headlineWorkload());
    line("");
    line("| workload | clients | queries | q/s | p50 ms | p95 ms | p99 ms | max ms |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|");
    q.workloads().forEach((name, levels) -> {
      for (Latencies l : levels) {
        line("| %s | %d | %d | %.1f | %.3f | %.3f | %.3f | %.3f |", name, l.concurrency(), l.queries(), l.qps(), l.p50Ms(), l.p95Ms(), l.p99Ms(), l.maxMs());
      }
    });
    chart(charts, "query_latency", "Query latency by workload");
    chart(charts, "query_throughput", "Query throughput vs concurrency");
    line("**query.recall_at_10 = %s** (\"similar\" against brute force over every stored vector, the query track excluded on both sides).", f(q.recallAt10()));
    line("");
    if (!q.effortSweep().isEmpty()) {
      line("Search effort sweep (embedded HNSW: candidates explored per query; the best 10 are kept):");
      line("");
      line("| search effort | recall@10 | p50 ms |");
      line("|---:|---:|---:|");
      for (QueryBenchmark.EffortPoint e : q.effortSweep()) line("| %d | %.3f | %.3f |", e.searchEffort(), e.recallAt10(), e.p50Ms());
      chart(charts, "query_recall_latency", "Recall vs latency");
    }
    if (quality != null) {
      line("### Recommendation quality");
      line("");
      line("Over %d query tracks, the 10 \"similar\" results:", quality.queries());
      line("");
      line("| | precision@10 | random ranking | lift |");
      line("|---|---:|---:|---:|");
      line("| same genre | %.3f | %.3f | %.1fx |", quality.genrePrecisionAt10(), quality.genreRandomBaseline(), lift(quality.genrePrecisionAt10(), quality.genreRandomBaseline()));
      line("| same artist | %.3f | %.3f | %.1fx |", quality.artistPrecisionAt10(), quality.artistRandomBaseline(), lift(quality.artistPrecisionAt10(), quality.artistRandomBaseline()));
      line("| same album | %.3f | %.3f | %.1fx |", quality.albumPrecisionAt10(), quality.albumRandomBaseline(), lift(quality.albumPrecisionAt10(), quality.albumRandomBaseline()));
      line("");
    }
  }

  private static double lift(double value, double baseline) {
    return baseline > 0 ? value / baseline : 0;
  }

  private void chart(Map<String, String> charts, String name, String alt) {
    String file = charts.get(name);
    if (file == null) return;
    line("");
    line("![%s](%s)", alt, file);
    line("");
  }

  private void row(String name, Object value, String meaning) {
    line("| %s | %s | %s |", name, value, meaning);
  }

  private void row(String name, Object value) {
    line("| %s | %s |", name, value);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private void line(String format, Object... args) {
    md.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
