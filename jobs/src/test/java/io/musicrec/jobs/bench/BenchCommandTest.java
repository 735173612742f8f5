package io.musicrec.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.cli.Main;
import io.musicrec.jobs.report.ReportFiles;
import io.musicrec.testing.corpus.TestCorpus;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One quick bench of every stage through the CLI entry point, on the shared test corpus (with its
 * defect files), then checks of what it wrote and of {@code bench compare}.
 */
class BenchCommandTest {
  @TempDir static Path dir;
  static Path out;
  static JsonNode report;
  static TestCorpus corpus;

  @BeforeAll
  static void runQuickBench() throws Exception {
    corpus = TestCorpus.standard();
    out = dir.resolve("bench");
    int code = Main.run("bench", "--quick", "--corpus", corpus.root().toString(), "--out", out.toString());
    assertEquals(Main.OK, code);
    report = ReportFiles.JSON.readTree(out.resolve("report.json").toFile());
  }

  @Test
  void reportHasEveryDesignFieldInRange() {
    assertTrue(number("decode.ratio_vs_ffmpeg_cli") > 0);
    assertTrue(number("embed.ratio_vs_raw_ort") > 0);
    assertTrue(number("pipeline.ratio_vs_stage_bound") > 0);
    double recall = number("query.recall_at_10");
    assertTrue(recall >= 0 && recall <= 1, "recall " + recall);
    assertTrue(number("query.p50_ms") > 0);
    assertTrue(number("query.p99_ms") >= number("query.p50_ms"));
    assertTrue(number("query.qps") > 0);
    for (String q : List.of("quality.genre_precision_at_10", "quality.artist_precision_at_10",
        "quality.genre_random_baseline", "quality.artist_random_baseline")) {
      double v = number(q);
      assertTrue(v >= 0 && v <= 1, q + " = " + v);
    }
    JsonNode env = report.path("environment");
    assertEquals(Runtime.getRuntime().availableProcessors(), env.path("cores").asInt());
    assertTrue(env.path("memory_bytes").asLong() > 0);
    assertTrue(env.path("jvm").asText().contains("17"), env.path("jvm").asText());
    assertEquals("4.1.3", env.path("spark_version").asText());
    assertEquals("logmel@" + io.musicrec.model.ModelSpecs.resolve("builtin:logmel").version(), env.path("model").asText());
    assertTrue(env.path("store").asText().startsWith("embedded:"));
    assertEquals(corpus.manifest().decodable().size(), env.path("dataset_tracks").asInt());
    assertTrue(env.path("load_average_start").isNumber() && env.path("load_average_end").isNumber());
    assertEquals(List.of("decode", "embed", "pipeline", "query"),
        ReportFiles.JSON.convertValue(report.path("stages"), List.class));
  }

  @Test
  void stagesMeasuredTheCorpusTheyWereGiven() {
    int decodable = corpus.manifest().decodable().size();
    // Every decodable file is indexed (the defect files are rejected), and the query stage saw them all.
    assertEquals(decodable, report.path("pipeline").path("tracks").asInt());
    assertEquals(decodable, report.path("query").path("index_size").asInt());
    assertEquals(decodable, report.path("environment").path("index_points").asInt());
    // The decode stage compared 5 designs that all decoded every file.
    JsonNode designs = report.path("decode").path("designs");
    assertEquals(5, designs.size());
    designs.forEach(d -> assertEquals(report.path("decode").path("tracks").asInt(), d.path("decoded").asInt(), d.toString()));
    // Units: the logmel clip policy makes 2 windows per track.
    JsonNode p = report.path("pipeline");
    assertEquals(2, p.path("clips_per_track").asInt());
    assertEquals(p.path("embed_clips_per_s").asDouble() / 2, p.path("embed_tracks_per_s").asDouble(), 0.01);
    assertEquals(Math.min(p.path("decode_tracks_per_s").asDouble(), p.path("embed_tracks_per_s").asDouble()),
        p.path("stage_bound_tracks_per_s").asDouble(), 0.01);
    assertTrue(p.path("tracks_per_s_with_setup").asDouble() <= p.path("tracks_per_s").asDouble());
    assertEquals(p.path("tracks_per_s").asDouble() / p.path("stage_bound_tracks_per_s").asDouble(),
        p.path("ratio_vs_stage_bound").asDouble(), 0.01);
    // Embed: a sweep point per batch size, and a compute rate below the estimated peak.
    assertEquals(BenchSizes.quick().embed().sweepBatchSizes().size(), report.path("embed").path("sweep").size());
    assertTrue(report.path("embed").path("macs_per_clip").asLong() > 0);
    assertTrue(report.path("embed").path("achieved_gflops").asDouble() < report.path("embed").path("peak_gflops").asDouble());
  }

  @Test
  void queryStageRanEveryWorkloadAndTheEffortSweep() {
    JsonNode workloads = report.path("query").path("workloads");
    assertEquals(Set.of("similar", "recommend_average_vector", "recommend_best_score", "recommend_sum_scores",
        "recommend_filtered", "search_vector"), Set.copyOf(ReportFiles.JSON.convertValue(workloads, java.util.Map.class).keySet()));
    workloads.forEach(levels -> {
      assertEquals(BenchSizes.quick().query().concurrency().size(), levels.size());
      levels.forEach(l -> assertTrue(l.path("queries").asLong() > 0, l.toString()));
    });
    JsonNode sweep = report.path("query").path("effort_sweep");
    assertEquals(BenchSizes.quick().searchEfforts().size(), sweep.size());
    // With the default effort (100) above the index size, HNSW visits every point: search is exact.
    assertEquals(1.0, number("query.recall_at_10"));
  }

  @Test
  void similarTracksShareGenreMoreOftenThanChance() {
    assertTrue(number("quality.genre_precision_at_10") > number("quality.genre_random_baseline"), report.path("quality").toString());
    assertTrue(number("quality.artist_precision_at_10") > number("quality.artist_random_baseline"), report.path("quality").toString());
  }

  @Test
  void theDiscoveryQualityReportComparesStoreOrderWithDiversity() throws Exception {
    JsonNode q = ReportFiles.JSON.readTree(out.resolve("quality.json").toFile());
    assertTrue(Files.size(out.resolve("quality.png")) > 0);
    assertTrue(Files.readString(out.resolve("quality.md")).contains("hubness"));
    assertEquals(report.path("query").path("index_size").asInt(q.path("tracks").asInt()), q.path("tracks").asInt());
    JsonNode plain = q.path("store_order");
    JsonNode diversified = q.path("diversified");
    // At most 2 of 10 slots per artist once capped; the store order is bounded only by the corpus.
    assertTrue(diversified.path("top_artist_share").asDouble() <= 0.2, diversified.toString());
    assertTrue(plain.path("top_artist_share").asDouble() >= diversified.path("top_artist_share").asDouble(), q.toString());
    assertTrue(plain.path("genre_precision_at_k").asDouble() > q.path("random").path("genre").asDouble(), q.toString());
    for (JsonNode f : List.of(plain, diversified)) {
      double coverage = f.path("coverage").asDouble();
      assertTrue(coverage > 0 && coverage <= 1, f.toString());
    }
    // Full lists of 10: the mean N10 is 10, so the biggest hub is in at least 10 lists.
    assertEquals(10.0, plain.path("mean_results").asDouble());
    assertTrue(plain.path("max_occurrence").asInt() >= 10, plain.toString());
  }

  @Test
  void markdownLeadsWithTheHeadlineAndShowsEveryChart() throws Exception {
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.startsWith("# musicrec bench"));
    int headline = md.indexOf("## Headline");
    assertTrue(headline > 0 && headline < md.indexOf("## Decode"), "headline table first");
    for (String figure : List.of("decode.ratio_vs_ffmpeg_cli", "embed.ratio_vs_raw_ort", "pipeline.ratio_vs_stage_bound",
        "query.recall_at_10", "query.p50_ms", "query.p99_ms", "query.qps", "quality.genre_precision_at_10",
        "quality.artist_precision_at_10")) {
      assertTrue(md.indexOf(figure) > headline && md.indexOf(figure) < md.indexOf("## Environment"), figure);
    }
    JsonNode charts = report.path("charts");
    assertEquals(6, charts.size(), charts.toString());
    charts.forEach(file -> assertTrue(md.contains("](" + file.asText() + ")"), file.asText()));
  }

  @Test
  void everyChartIsARealImage() throws Exception {
    for (JsonNode file : report.path("charts")) {
      Path png = out.resolve(file.asText());
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, png + " does not decode");
      assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400, png + ": " + image.getWidth() + "x" + image.getHeight());
      assertTrue(Files.size(png) > 5_000, png + " is nearly empty");
    }
  }

  @Test
  void compareShowsRatiosOfTwoReports() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.copy(out.resolve("report.json"), a.resolve("report.json"));
    // B: the same run with twice the throughput and half the median latency, and no decode stage.
    ObjectNode changed = report.deepCopy();
    ObjectNode query = (ObjectNode) changed.path("query");
    query.put("qps", report.path("query").path("qps").asDouble() * 2);
    query.put("p50_ms", report.path("query").path("p50_ms").asDouble() / 2);
    changed.remove("decode");
    ReportFiles.JSON.writeValue(b.resolve("report.json").toFile(), changed);

    Path compared = dir.resolve("compared");
    assertEquals(Main.OK, Main.run("bench", "compare", a.toString(), b.resolve("report.json").toString(), "--out", compared.toString()));
    String md = Files.readString(compared.resolve("compare.md"));
    assertTrue(md.matches("(?s).*\\| query\\.qps \\| [0-9.]+ \\| [0-9.]+ \\| 2\\.000 \\| better \\|.*"), md);
    assertTrue(md.matches("(?s).*\\| query\\.p50_ms \\| [0-9.]+ \\| [0-9.]+ \\| 0\\.500 \\| better \\|.*"), md);
    assertTrue(md.matches("(?s).*\\| query\\.recall_at_10 \\| 1\\.000 \\| 1\\.000 \\| 1\\.000 \\| same \\|.*"), md);
    assertTrue(md.matches("(?s).*\\| decode\\.ratio_vs_ffmpeg_cli \\| [0-9.]+ \\| - \\| - \\|  \\|.*"), md);
    assertNotNull(ImageIO.read(compared.resolve("compare.png").toFile()));

    BenchCompare.Comparison c = BenchCompare.compare(a, b);
    assertEquals(BenchCompare.FIGURES.size(), c.rows().size());
  }

  @Test
  void usageAndInputErrorsExitWithTwo() {
    assertEquals(Main.USAGE, Main.run("bench", "--quick", "--corpus", corpus.root().toString()));
    assertEquals(Main.USAGE, Main.run("bench", "--stages", "decode,tokenize", "--out", dir.resolve("x").toString()));
    assertEquals(Main.USAGE, Main.run("bench", "compare", dir.resolve("missing").toString(), out.toString()));
    assertEquals(Main.USAGE, Main.run("bench", "--corpus", dir.resolve("nothing").toString(), "--out", dir.resolve("y").toString()));
  }

  private static double number(String path) {
    JsonNode node = report;
    for (String part : path.split("\\.")) node = node.path(part);
    assertTrue(node.isNumber(), path + " missing or not a number: " + node);
    double v = node.asDouble();
    assertTrue(Double.isFinite(v), path + " = " + v);
    return v;
  }
}
