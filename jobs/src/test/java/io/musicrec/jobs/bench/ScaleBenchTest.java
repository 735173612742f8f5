package io.musicrec.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicrec.cli.Main;
import io.musicrec.jobs.report.ReportFiles;
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
 * {@code bench --stages scale --quick} through the CLI: the report's structure and the sanity of
 * its figures (not their speed, which only the full run on a quiet machine says anything about).
 */
class ScaleBenchTest {
  private static final List<String> HEADLINE = List.of("ingest_ratio_vs_lucene", "search_p99_ratio_vs_lucene",
      "recall_at_10", "best_score_p99_ms", "sum_scores_p99_ms", "average_vector_p99_ms", "rss_peak_mb");
  @TempDir static Path dir;
  static Path out;
  static JsonNode report;

  @BeforeAll
  static void runQuickScaleBench() throws Exception {
    out = dir.resolve("scale");
    assertEquals(Main.OK, Main.run("bench", "--stages", "scale", "--quick", "--out", out.toString()));
    report = ReportFiles.JSON.readTree(out.resolve("report.json").toFile());
  }

  @Test
  void everyQuickSizeHasTheHeadlineFigures() {
    JsonNode scale = report.path("scale");
    for (ScaleOptions.Run run : ScaleOptions.quick().runs()) {
      JsonNode r = scale.path(Integer.toString(run.dimension())).path(Integer.toString(run.points()));
      assertFalse(r.isMissingNode(), "scale." + run.dimension() + "." + run.points());
      for (String field : HEADLINE) assertTrue(r.path(field).isNumber(), field + " in " + r);
      assertEquals(run.points(), r.path("points").asLong());
      assertTrue(r.path("ingest_ratio_vs_lucene").asDouble() > 0);
      assertTrue(r.path("search_p99_ratio_vs_lucene").asDouble() > 0);
      assertTrue(r.path("rss_peak_mb").asDouble() > 0);
      for (String side : List.of("project", "lucene")) {
        JsonNode s = r.path(side);
        assertTrue(s.path("ingest_points_per_s").asDouble() > 0, side);
        assertEquals(s.path("add_seconds").asDouble() + s.path("finish_seconds").asDouble(),
            s.path("time_to_searchable_s").asDouble(), 0.01, side);
        assertTrue(s.path("disk_mb").asDouble() > 0, side);
        assertTrue(s.path("load_cpu_seconds").asDouble() > 0, side);
        assertTrue(s.path("rss_peak_mb").asDouble() >= s.path("rss_start_mb").asDouble() * 0.5, side);
        assertTrue(s.path("search").path("p99_ms").asDouble() >= s.path("search").path("p50_ms").asDouble(), side);
        assertTrue(s.path("search_at_cores").path("qps").asDouble() > 0, side);
        assertTrue(s.path("load_average_start").isNumber() && s.path("query_load_average_end").isNumber(), side);
        // A few thousand points with 100 HNSW candidates: the graph search is close to exact on both sides.
        assertTrue(s.path("recall_at_10").asDouble() >= 0.9, side + " recall " + s.path("recall_at_10"));
        assertTrue(s.path("filtered_recall_at_10").asDouble() >= 0.9, side + " filtered recall");
      }
      // Both indexes hold the same vectors: their sizes on disk are of the same order.
      double diskRatio = r.path("project").path("disk_mb").asDouble() / r.path("lucene").path("disk_mb").asDouble();
      assertTrue(diskRatio > 0.5 && diskRatio < 3, "disk ratio " + diskRatio);
      JsonNode recall = r.path("project").path("recommend_recall_at_10");
      assertEquals(Set.of("average_vector", "best_score", "sum_scores"),
          Set.copyOf(ReportFiles.JSON.convertValue(recall, java.util.Map.class).keySet()));
      recall.forEach(v -> assertTrue(v.asDouble() >= 0.9, "recommend recall " + recall));
      assertTrue(r.path("lucene").path("recommend").isEmpty(), "raw Lucene has no recommend API");
    }
  }

  @Test
  void bothSidesAreSweptOverSearchEffortsAndTheHeadlineUsesTheAutomaticOne() {
    for (ScaleOptions.Run run : ScaleOptions.quick().runs()) {
      JsonNode r = report.path("scale").path(Integer.toString(run.dimension())).path(Integer.toString(run.points()));
      assertEquals(100, r.path("search_effort").asInt(), "a few thousand points get the base effort");
      JsonNode sweep = r.path("effort_sweep");
      assertEquals(ScaleOptions.quick().searchEfforts().size(), sweep.size(), sweep.toString());
      for (int i = 0; i < sweep.size(); i++) {
        JsonNode e = sweep.get(i);
        assertEquals(ScaleOptions.quick().searchEfforts().get(i).intValue(), e.path("search_effort").asInt());
        for (String field : List.of("project_recall_at_10", "lucene_recall_at_10", "project_p99_ms", "lucene_p99_ms")) {
          assertTrue(e.path(field).asDouble() > 0, field + " in " + e);
        }
        assertEquals(3, e.path("recommend_recall_at_10").size(), e.toString());
      }
      // 10 candidates for a top 10 is a greedy walk; 100 explores more of the graph and finds more.
      JsonNode narrow = sweep.get(0);
      JsonNode wide = sweep.get(sweep.size() - 1);
      assertTrue(wide.path("project_recall_at_10").asDouble() >= narrow.path("project_recall_at_10").asDouble(), sweep.toString());
      assertTrue(wide.path("lucene_recall_at_10").asDouble() >= narrow.path("lucene_recall_at_10").asDouble(), sweep.toString());
      // The same index (one segment after finishLoad) searched with the same 100 candidates gives
      // the same answers, whether the 100 come from the setting or from the automatic rule.
      assertEquals(r.path("recall_at_10").asDouble(), wide.path("project_recall_at_10").asDouble(), 0.0,
          "the headline (automatic effort 100) answers as the sweep's effort 100");
    }
  }

  @Test
  void onlyTheScaleStageRanAndNoAudioWasMade() {
    assertEquals(List.of("scale"), ReportFiles.JSON.convertValue(report.path("stages"), List.class));
    assertTrue(report.path("decode").isMissingNode() && report.path("query").isMissingNode());
    assertFalse(Files.exists(out.resolve("corpus")), "the scale stage needs no audio corpus");
    assertFalse(Files.exists(out.resolve("scale-index")) && out.resolve("scale-index").toFile().list().length > 0,
        "indexes are deleted once measured");
  }

  @Test
  void markdownAndChartsShowCostAgainstSize() throws Exception {
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("## Scale"), md);
    assertTrue(md.contains("scale.256.2000"), "headline row per size");
    for (String chart : List.of("scale_ingest", "scale_search_p99", "scale_recommend_p99", "scale_memory_disk", "scale_effort_recall")) {
      String file = report.path("charts").path(chart).asText();
      assertTrue(md.contains("](" + file + ")"), chart);
      BufferedImage image = ImageIO.read(out.resolve(file).toFile());
      assertNotNull(image, file);
      assertTrue(Files.size(out.resolve(file)) > 5_000, file + " is nearly empty");
    }
  }

  @Test
  void aDefaultRunRecordsTheStoresDefaultGraph() {
    for (ScaleOptions.Run run : ScaleOptions.quick().runs()) {
      JsonNode r = report.path("scale").path(Integer.toString(run.dimension())).path(Integer.toString(run.points()));
      assertEquals(16, r.path("hnsw_m").asInt(), r.toString());
      assertEquals(100, r.path("hnsw_ef_construct").asInt(), r.toString());
    }
  }

  /**
   * A graph of 2 links per point built with a beam of 4: both sides build the graph they were asked
   * for, because on both the greedy search at effort 10 finds far fewer true neighbours than on the
   * default graph (the quick run's).
   */
  @Test
  void bothSidesBuildTheGraphTheyAreAskedFor() throws Exception {
    Path sparse = dir.resolve("sparse");
    assertEquals(Main.OK, Main.run("bench", "--stages", "scale", "--quick", "--scale-runs", "256x2000", "--scale-efforts", "10",
        "--scale-hnsw-m", "2", "--scale-ef-construct", "4", "--out", sparse.toString()));
    JsonNode r = ReportFiles.JSON.readTree(sparse.resolve("report.json").toFile()).path("scale").path("256").path("2000");
    assertEquals(2, r.path("hnsw_m").asInt());
    assertEquals(4, r.path("hnsw_ef_construct").asInt());
    JsonNode sparsePoint = r.path("effort_sweep").get(0);
    JsonNode defaultPoint = report.path("scale").path("256").path("2000").path("effort_sweep").get(0);
    for (String side : List.of("project_recall_at_10", "lucene_recall_at_10")) {
      double sparseRecall = sparsePoint.path(side).asDouble();
      double defaultRecall = defaultPoint.path(side).asDouble();
      assertTrue(sparseRecall < defaultRecall - 0.05, side + " at effort 10, M 2 / beam 4: " + sparseRecall
          + ", M 16 / beam 100: " + defaultRecall);
    }
    assertTrue(Files.readString(sparse.resolve("report.md")).contains("HNSW M 2, ef_construct 4"));
  }

  /** {@code --scale-reference none}: the store alone, and nothing in the report pretends to be a Lucene figure. */
  @Test
  void aStoreOnlyRunLeavesTheLuceneFiguresOut() throws Exception {
    Path alone = dir.resolve("alone");
    assertEquals(Main.OK, Main.run("bench", "--stages", "scale", "--quick", "--scale-runs", "256x2000", "--scale-efforts", "10,100",
        "--scale-reference", "none", "--out", alone.toString()));
    JsonNode r = ReportFiles.JSON.readTree(alone.resolve("report.json").toFile()).path("scale").path("256").path("2000");
    // Reports leave out what was not measured, rather than write nulls or zeros a reader could take for figures.
    for (String field : List.of("lucene", "ingest_ratio_vs_lucene", "search_p99_ratio_vs_lucene")) {
      assertTrue(r.path(field).isMissingNode(), field + " in " + r);
    }
    for (JsonNode point : r.path("effort_sweep")) {
      assertTrue(point.path("lucene_recall_at_10").isMissingNode() && point.path("lucene_p99_ms").isMissingNode(), point.toString());
    }
    for (String field : List.of("recall_at_10", "best_score_p99_ms", "rss_peak_mb")) assertTrue(r.path(field).asDouble() > 0, field);
    assertTrue(r.path("project").path("recall_at_10").asDouble() >= 0.9, "effort 100 on 2,000 points is close to exact");
    String md = Files.readString(alone.resolve("report.md"));
    assertTrue(md.contains("raw Lucene was left out of this run") && !md.contains("| raw Lucene |"), md);
    assertTrue(md.contains("ingest - (no raw Lucene)"), md);
    assertTrue(Files.size(alone.resolve(ScaleCharts.EFFORT)) > 5_000);
  }

  @Test
  void badRunListsAreUsageErrors() {
    assertEquals(2, Main.run("bench", "--stages", "scale", "--scale-runs", "256by100", "--out", dir.resolve("bad").toString()));
    assertEquals(2, Main.run("bench", "--stages", "scale", "--scale-efforts", "100,lots", "--out", dir.resolve("bad").toString()));
    assertEquals(2, Main.run("bench", "--stages", "scale", "--scale-hnsw-m", "1", "--out", dir.resolve("bad").toString()));
    assertEquals(2, Main.run("bench", "--stages", "scale", "--scale-ef-construct", "5000", "--out", dir.resolve("bad").toString()));
    assertEquals(2, Main.run("bench", "--stages", "scale", "--scale-reference", "qdrant", "--out", dir.resolve("bad").toString()));
  }
}
