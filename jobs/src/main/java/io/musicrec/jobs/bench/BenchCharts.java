package io.musicrec.jobs.bench;

import io.musicrec.decode.DecodeBenchmarkResult;
import io.musicrec.embed.EmbedBenchmark;
import io.musicrec.jobs.report.Charts;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The PNG charts of a bench report, one per question a reader asks of a stage. */
final class BenchCharts {
  static final String DECODE = "decode_designs.png";
  static final String EMBED = "embed_batch_sweep.png";
  static final String PIPELINE = "pipeline_time.png";
  static final String LATENCY = "query_latency.png";
  static final String THROUGHPUT = "query_throughput.png";
  static final String RECALL = "query_recall_latency.png";

  private BenchCharts() {}

  /** Writes the charts the report's stages allow; returns chart name -> file name. */
  static Map<String, String> write(Path dir, BenchReport report) {
    Map<String, String> charts = new LinkedHashMap<>();
    if (report.decode() != null) charts.put("decode_designs", decode(dir, report.decode()));
    if (report.embed() != null) charts.put("embed_batch_sweep", embed(dir, report.embed()));
    if (report.pipeline() != null) charts.put("pipeline_time", pipeline(dir, report.pipeline()));
    if (report.query() != null) {
      charts.put("query_latency", latency(dir, report.query()));
      charts.put("query_throughput", throughput(dir, report.query()));
      if (!report.query().effortSweep().isEmpty()) charts.put("query_recall_latency", recall(dir, report.query()));
    }
    if (report.scale() != null && !report.scale().isEmpty()) charts.putAll(ScaleCharts.write(dir, report.scale()));
    return charts;
  }

  private static String decode(Path dir, DecodeBenchmarkResult d) {
    Map<String, Double> values = new LinkedHashMap<>();
    d.designs().forEach(design -> values.put(design.name(), design.tracksPerS()));
    Charts.bars(dir.resolve(DECODE), "Decode designs, same files, parallelism " + d.parallelism(), "design", "tracks/s", values);
    return DECODE;
  }

  private static String embed(Path dir, EmbedBenchmark.Result e) {
    Map<String, double[][]> series = new LinkedHashMap<>();
    series.put("bare ONNX Runtime", new double[][] {
        e.sweep().stream().mapToDouble(EmbedBenchmark.SweepPoint::batchSize).toArray(),
        e.sweep().stream().mapToDouble(EmbedBenchmark.SweepPoint::clipsPerS).toArray()});
    series.put("batching stage (batch " + e.batchSize() + ")", new double[][] {{e.batchSize()}, {e.stageClipsPerS()}});
    Charts.lines(dir.resolve(EMBED), "Embed throughput by batch size (" + e.model() + ", " + e.provider() + ")",
        "batch size", "clips/s", series, true);
    return EMBED;
  }

  private static String pipeline(Path dir, PipelineResult p) {
    Map<String, Double> t = p.timings();
    double list = t.getOrDefault("list_s", 0.0);
    double labels = t.getOrDefault("labels_s", 0.0);
    double index = t.getOrDefault("index_s", 0.0);
    double total = t.getOrDefault("total_s", 0.0);
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("list files", list);
    values.put("read labels", labels);
    values.put("index phase", index);
    values.put("other (Spark, alias, report)", Math.max(0, total - list - labels - index));
    values.put("decode alone (stage bench)", p.tracks() / p.decodeTracksPerS());
    values.put("embed alone (stage bench)", p.tracks() / p.embedTracksPerS());
    Charts.bars(dir.resolve(PIPELINE), "Index job: where " + total + " s went (" + p.tracks() + " tracks, " + p.sparkMaster() + ")",
        "step", "seconds", values);
    return PIPELINE;
  }

  private static String latency(Path dir, QueryResult q) {
    Map<String, Map<String, ? extends Number>> series = new LinkedHashMap<>();
    Map<String, Double> p50 = new LinkedHashMap<>();
    Map<String, Double> p95 = new LinkedHashMap<>();
    Map<String, Double> p99 = new LinkedHashMap<>();
    q.workloads().forEach((name, levels) -> {
      Latencies single = levels.get(0);
      p50.put(name, single.p50Ms());
      p95.put(name, single.p95Ms());
      p99.put(name, single.p99Ms());
    });
    series.put("p50", p50);
    series.put("p95", p95);
    series.put("p99", p99);
    int clients = q.workloads().values().iterator().next().get(0).concurrency();
    Charts.groupedBars(dir.resolve(LATENCY), "Query latency by workload (" + clients + " client" + (clients == 1 ? "" : "s")
        + ", " + q.indexSize() + " points)", "workload", "ms", series);
    return LATENCY;
  }

  private static String throughput(Path dir, QueryResult q) {
    Map<String, double[][]> series = new LinkedHashMap<>();
    q.workloads().forEach((name, levels) -> series.put(name, new double[][] {
        levels.stream().mapToDouble(Latencies::concurrency).toArray(),
        levels.stream().mapToDouble(Latencies::qps).toArray()}));
    Charts.lines(dir.resolve(THROUGHPUT), "Query throughput vs concurrency (closed loop)", "clients", "queries/s", series, false);
    return THROUGHPUT;
  }

  private static String recall(Path dir, QueryResult q) {
    List<QueryBenchmark.EffortPoint> sweep = q.effortSweep();
    Map<String, double[][]> series = new LinkedHashMap<>();
    series.put("search effort " + sweep.get(0).searchEffort() + ".." + sweep.get(sweep.size() - 1).searchEffort(),
        new double[][] {
            sweep.stream().mapToDouble(QueryBenchmark.EffortPoint::p50Ms).toArray(),
            sweep.stream().mapToDouble(QueryBenchmark.EffortPoint::recallAt10).toArray()});
    Charts.lines(dir.resolve(RECALL), "Recall@10 vs median latency (\"similar\", embedded HNSW)", "p50 latency (ms)",
        "recall@10", series, false);
    return RECALL;
  }
}
