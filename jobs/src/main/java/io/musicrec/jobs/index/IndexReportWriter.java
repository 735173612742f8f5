package io.musicrec.jobs.index;

import io.musicrec.jobs.report.Charts;
import io.musicrec.jobs.report.ReportFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes an index run's report.json, report.md and charts into the report folder. */
final class IndexReportWriter {
  private IndexReportWriter() {}

  static Path write(Path dir, IndexReport report) {
    Path json = ReportFiles.writeJson(dir, report);
    Map<String, Double> stages = new LinkedHashMap<>(report.timings());
    stages.remove("total_s");
    Charts.bars(dir.resolve("time_by_stage.png"), "Where the time went", "stage", "seconds", stages);
    if (!report.counts().rejectedByReason().isEmpty()) {
      Charts.bars(dir.resolve("rejects_by_reason.png"), "Rejected files by reason", "reason", "files",
          report.counts().rejectedByReason());
    }
    ReportFiles.writeMarkdown(dir, markdown(report));
    return json;
  }

  static String markdown(IndexReport r) {
    IndexReport.Counts c = r.counts();
    StringBuilder md = new StringBuilder();
    md.append("# musicrec index run\n\n");
    md.append(String.format(Locale.ROOT, "Started %s, mode **%s**, model **%s@%s** (%d-d), into `%s` (collection `%s`).%n%n",
        r.startedAt(), r.mode(), r.model().name(), r.model().version(), r.model().dimension(), r.store(), r.collection()));
    md.append("| count | tracks |\n|---|---:|\n");
    row(md, "listed audio files", c.listed());
    row(md, "decoded", c.decoded());
    row(md, "rejected", c.rejected());
    row(md, "embedded", c.embedded());
    row(md, "upserted", c.upserted());
    row(md, "of which from the embeddings table (not decoded)", c.fromTable());
    row(md, "unchanged (incremental)", c.unchanged());
    row(md, "relabelled (incremental)", c.relabelled());
    row(md, "deleted (file gone)", c.deleted());
    row(md, "longer than decode.max_seconds (duration capped)", c.durationCapped());
    row(md, "audio without usable labels", c.missingLabels());
    row(md, "labels entries left out", c.labelsRejected());
    row(md, "labels without audio", c.labelsWithoutAudio());
    row(md, "points in the collection", c.storeCount());
    md.append(String.format(Locale.ROOT, "%nThroughput: **%.2f tracks/s**, %.1f audio-seconds/s.%n%n",
        r.throughput().tracksPerS(), r.throughput().audioSecondsPerS()));
    md.append("## Time by stage\n\n![time by stage](time_by_stage.png)\n\n| stage | seconds |\n|---|---:|\n");
    r.timings().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", k, v)));
    if (!r.rejects().isEmpty()) {
      md.append("\n## Rejected files\n\n![rejects by reason](rejects_by_reason.png)\n\n| path | reason | detail |\n|---|---|---|\n");
      for (IndexReport.Reject reject : r.rejects()) {
        md.append("| `").append(reject.path()).append("` | ").append(reject.reason()).append(" | ")
            .append(reject.detail() == null ? "" : reject.detail().replace("|", "\\|").replace("\n", " ")).append(" |\n");
      }
    }
    if (!r.labelRejects().isEmpty()) {
      md.append("\n## Labels entries left out\n\nTheir tracks are indexed without labels.\n\n| track id | reason | detail |\n|---|---|---|\n");
      for (IndexReport.LabelReject reject : r.labelRejects()) {
        md.append("| `").append(reject.trackId()).append("` | ").append(reject.reason()).append(" | ")
            .append(reject.detail().replace("|", "\\|").replace("\n", " ")).append(" |\n");
      }
    }
    if (r.duplicates() != null) md.append(r.duplicates().markdown());
    if (!r.warnings().isEmpty()) {
      md.append("\n## Warnings\n\n");
      r.warnings().forEach(w -> md.append("- ").append(w).append('\n'));
    }
    md.append("\n## Environment\n\n");
    r.environment().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    return md.toString();
  }

  private static void row(StringBuilder md, String name, long value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }
}
