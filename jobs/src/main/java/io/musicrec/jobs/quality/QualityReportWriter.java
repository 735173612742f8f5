package io.musicrec.jobs.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.discover.QualityFigures;
import io.musicrec.discover.QualityMeasure;
import io.musicrec.jobs.report.Charts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes a quality report as {@code quality.json}, {@code quality.md} and {@code quality.png}. */
public final class QualityReportWriter {
  public static final String JSON = "quality.json";
  public static final String MARKDOWN = "quality.md";
  public static final String CHART = "quality.png";

  private QualityReportWriter() {}

  public static void write(Path dir, String title, QualityMeasure.Report report) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON).toFile(), report);
    Files.writeString(dir.resolve(MARKDOWN), "# Quality: " + title + "\n\n" + table(report) + "\n![before and after diversity](" + CHART + ")\n");
    Map<String, Map<String, ? extends Number>> series = new LinkedHashMap<>();
    // xchart's grouped bars need every series on the same categories: the random baselines, which
    // exist for the precisions only, stay in the table.
    series.put("store order", bars(report.plain()));
    series.put(diversityLabel(report), bars(report.diversified()));
    Charts.groupedBars(dir.resolve(CHART), title + ": top-" + report.k() + " similar lists of " + report.tracks() + " tracks",
        "figure", "share", series);
  }

  /** The report as a Markdown table: one row per figure, store order beside diversified. */
  public static String table(QualityMeasure.Report r) {
    QualityFigures a = r.plain();
    QualityFigures b = r.diversified();
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%d tracks, top-%d similar tracks of each; diversified: %s%n%n",
        r.tracks(), r.k(), diversityLabel(r)));
    s.append("| figure | random | store order | diversified |\n|---|---:|---:|---:|\n");
    row(s, "genre precision@" + r.k(), r.random().get("genre"), a.genrePrecision(), b.genrePrecision());
    row(s, "album precision@" + r.k(), r.random().get("album"), a.albumPrecision(), b.albumPrecision());
    row(s, "artist precision@" + r.k(), r.random().get("artist"), a.artistPrecision(), b.artistPrecision());
    row(s, "top artist's share of a list", null, a.topArtistShare(), b.topArtistShare());
    row(s, "hubness (skew of N" + r.k() + ")", null, a.hubness(), b.hubness());
    s.append(String.format(Locale.ROOT, "| largest N%d (lists the top hub is in) |  | %d | %d |%n", r.k(), a.maxOccurrence(), b.maxOccurrence()));
    row(s, "catalogue coverage", null, a.coverage(), b.coverage());
    row(s, "duplicate share of a list", null, a.duplicateShare(), b.duplicateShare());
    row(s, "results per list", null, a.meanResults(), b.meanResults());
    return s.toString();
  }

  private static void row(StringBuilder s, String name, Double random, double a, double b) {
    s.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f |%n", name, random == null ? "" : String.format(Locale.ROOT, "%.3f", random), a, b));
  }

  private static Map<String, Double> bars(QualityFigures f) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("coverage", f.coverage()); // first: the tallest bars stay clear of the legend (top right)
    m.put("genre p@k", f.genrePrecision());
    m.put("album p@k", f.albumPrecision());
    m.put("artist p@k", f.artistPrecision());
    m.put("top artist share", f.topArtistShare());
    return m;
  }

  static String diversityLabel(QualityMeasure.Report r) {
    return String.format(Locale.ROOT, "diversity %.2f, max %s per artist%s", r.diversity().diversity(),
        r.diversity().maxPerArtist() == 0 ? "any" : String.valueOf(r.diversity().maxPerArtist()),
        r.diversity().collapseDuplicates() ? ", duplicates collapsed" : "");
  }
}
