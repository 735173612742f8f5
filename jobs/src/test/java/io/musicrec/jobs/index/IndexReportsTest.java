package io.musicrec.jobs.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.enrich.LabelsReject;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.reject.RejectCode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report assembled from outcomes alone: every listed file counted once, in the stable fields. */
class IndexReportsTest {
  @Test
  void countsAddUpAndModelRejectsCountAsDecodedNotEmbedded() {
    MusicrecConfig config = ConfigLoader.load(null, Map.of(), Map.of("mode", "incremental", "input", "data/x"));
    ModelSpec spec = ModelSpecs.resolve("builtin:logmel");
    List<TrackOutcome> tracks = List.of(
        TrackOutcome.upserted("a", "file:/x/mp3/rock/a.mp3", true, 30.0, false),
        TrackOutcome.upserted("b", "file:/x/mp3/rock/b.mp3", false, 600.0, true),
        TrackOutcome.rejected("c", "file:/x/mp3/rock/c.mp3", RejectCode.NON_FINITE_OUTPUT, "NaN", true),
        TrackOutcome.rejected("d", "file:/x/mp3/jazz/d.mp3", RejectCode.TRUNCATED, "cut", true),
        TrackOutcome.rejected("e", "file:/x/mp3/jazz/e.mp3", RejectCode.BROKEN_LINK, "gone", false),
        TrackOutcome.unchanged("f", "file:/x/mp3/pop/f.mp3", true),
        TrackOutcome.relabelled("g", "file:/x/mp3/pop/g.mp3", true));
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put("list_s", 0.5);
    seconds.put("index_s", 10.0);
    IndexReport report = IndexReports.from(
        new IndexReports.Run(Instant.parse("2026-01-02T03:04:05Z"), config, spec, "musicrec_1", Map.of("spark_master", "local[2]")),
        new IndexReports.Outcomes(7, tracks, List.of(new LabelsReject("z", LabelsReject.Reason.BAD_ENTRY, "bad")), 2, 1, 9, null, List.of()),
        new Timings(seconds));

    IndexReport.Counts c = report.counts();
    assertEquals(7, c.listed());
    assertEquals(3, c.decoded(), "two upserted and the one the model refused");
    assertEquals(2, c.embedded());
    assertEquals(3, c.rejected());
    assertEquals(Map.of("broken_link", 1L, "non_finite_output", 1L, "truncated", 1L), c.rejectedByReason());
    assertEquals(c.listed(), c.decoded() + c.rejected() - 1 + c.unchanged() + c.relabelled(), "the documented identity");
    assertEquals(1, c.durationCapped());
    assertEquals(2, c.missingLabels());
    assertEquals(1, c.labelsRejected());
    assertEquals(2, c.deleted());
    assertEquals(9, c.storeCount());
    assertEquals(List.of("file:/x/mp3/jazz/d.mp3", "file:/x/mp3/jazz/e.mp3", "file:/x/mp3/rock/c.mp3"),
        report.rejects().stream().map(IndexReport.Reject::path).toList(), "sorted by path");
    assertEquals("truncated", report.rejects().get(0).reason());
    assertEquals("incremental", report.mode());
    assertEquals(0.2, report.throughput().tracksPerS(), 1e-9);
    assertEquals(63.0, report.throughput().audioSecondsPerS(), 1e-9);
    assertEquals(List.of("list_s", "index_s"), List.copyOf(report.timings().keySet()), "in the order they happened");
  }
}
