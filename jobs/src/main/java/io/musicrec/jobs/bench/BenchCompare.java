package io.musicrec.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicrec.config.ConfigException;
import io.musicrec.jobs.report.Charts;
import io.musicrec.jobs.report.ReportFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code musicrec bench compare A B}: the headline figures of two bench reports side by side with
 * B/A, written as {@code compare.md} and {@code compare.png}. A figure either report lacks (a stage
 * it did not run) is shown as "-".
 */
public final class BenchCompare {
  public static final String MARKDOWN = "compare.md";
  public static final String CHART = "compare.png";

  /** A headline figure: its JSON path in report.json and which direction is better. */
  public record Figure(String path, boolean higherIsBetter) {}

  public static final List<Figure> FIGURES = List.of(
      new Figure("decode.ratio_vs_ffmpeg_cli", true),
      new Figure("embed.ratio_vs_raw_ort", true),
      new Figure("embed.stage_clips_per_s", true),
      new Figure("embed.achieved_gflops", true),
      new Figure("embed.ratio_vs_pytorch", true),
      new Figure("pipeline.tracks_per_s", true),
      new Figure("pipeline.ratio_vs_stage_bound", true),
      new Figure("query.recall_at_10", true),
      new Figure("query.p50_ms", false),
      new Figure("query.p99_ms", false),
      new Figure("query.qps", true),
      new Figure("quality.genre_precision_at_10", true),
      new Figure("quality.artist_precision_at_10", true));

  /** One compared figure; {@code a}, {@code b} or {@code ratio} are null where a report lacks it. */
  public record Row(String figure, Double a, Double b, Double ratio, boolean higherIsBetter) {
    /** "better", "worse" or "same" (within 2 %) for B against A; "" when not comparable. */
    public String verdict() {
      if (ratio == null) return "";
      if (Math.abs(ratio - 1) < 0.02) return "same";
      return (ratio > 1) == higherIsBetter ? "better" : "worse";
    }
  }

  public record Comparison(Path a, Path b, List<Row> rows) {}

  private BenchCompare() {}

  /** Reads both reports (a folder holding report.json, or the file itself) and compares them. */
  public static Comparison compare(Path a, Path b) {
    Path fileA = reportFile(a);
    Path fileB = reportFile(b);
    JsonNode ja = read(fileA);
    JsonNode jb = read(fileB);
    List<Row> rows = new ArrayList<>();
    for (Figure f : FIGURES) {
      Double va = number(ja, f.path());
      Double vb = number(jb, f.path());
      Double ratio = va != null && vb != null && va != 0 ? vb / va : null;
      rows.add(new Row(f.path(), va, vb, ratio, f.higherIsBetter()));
    }
    return new Comparison(fileA, fileB, rows);
  }

  /** Writes compare.md and compare.png into {@code out}; returns the Markdown. */
  public static String write(Comparison c, Path out) {
    String md = markdown(c);
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve(MARKDOWN), md);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out.resolve(MARKDOWN), e);
    }
    Map<String, Double> ratios = new LinkedHashMap<>();
    c.rows().stream().filter(r -> r.ratio() != null).forEach(r -> ratios.put(r.figure(), round(r.ratio())));
    Charts.bars(out.resolve(CHART), "B / A per headline figure (1 = unchanged)", "figure", "B / A", ratios);
    return md;
  }

  /** The fixed-width table printed on the console. */
  public static String table(Comparison c) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "A = %s%nB = %s%n", c.a(), c.b()));
    out.append(String.format(Locale.ROOT, "%-32s %12s %12s %8s  %s%n", "figure", "A", "B", "B/A", ""));
    for (Row r : c.rows()) {
      out.append(String.format(Locale.ROOT, "%-32s %12s %12s %8s  %s%n", r.figure(), fmt(r.a()), fmt(r.b()), fmt(r.ratio()), r.verdict()));
    }
    return out.toString();
  }

  private static String markdown(Comparison c) {
    StringBuilder md = new StringBuilder();
    md.append("# musicrec bench compare\n\n");
    md.append("- A: `").append(c.a()).append("`\n- B: `").append(c.b()).append("`\n\n");
    md.append("| figure | A | B | B/A | B vs A |\n|---|---:|---:|---:|---|\n");
    for (Row r : c.rows()) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", r.figure(), fmt(r.a()), fmt(r.b()), fmt(r.ratio()), r.verdict()));
    }
    md.append("\nLatencies (`_ms`): lower is better; every other figure: higher is better."
        + " Figures from different machines or load levels differ for reasons beyond the code: check each report's `environment`.\n\n");
    md.append("![B / A](").append(CHART).append(")\n");
    return md.toString();
  }

  private static Path reportFile(Path p) {
    Path file = Files.isDirectory(p) ? p.resolve("report.json") : p;
    if (!Files.isRegularFile(file)) throw new ConfigException("no bench report at " + file + " (give a bench output folder or its report.json)");
    return file;
  }

  private static JsonNode read(Path file) {
    try {
      JsonNode node = ReportFiles.JSON.readTree(file.toFile());
      if (!node.isObject() || !node.has("environment")) {
        throw new ConfigException(file + " is not a bench report (no 'environment' field)");
      }
      return node;
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Double number(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) node = node.path(part);
    return node.isNumber() ? node.asDouble() : null;
  }

  private static String fmt(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
