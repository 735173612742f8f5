package io.musicrec.jobs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** PNG charts for reports, drawn with XChart (headless). */
public final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** One bar per entry, in the map's order. */
  public static Path bars(Path file, String title, String xTitle, String yTitle, Map<String, ? extends Number> values) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setLegendVisible(false);
    List<String> names = new ArrayList<>(values.keySet());
    rotateIfCrowded(chart, names);
    List<Number> ys = new ArrayList<>(values.values());
    if (names.isEmpty()) {
      names.add("none");
      ys.add(0);
    }
    chart.addSeries(yTitle, names, ys);
    return save(chart, file);
  }

  /** Grouped bars: one series per outer key, categories from the inner maps. */
  public static Path groupedBars(Path file, String title, String xTitle, String yTitle,
      Map<String, Map<String, ? extends Number>> series) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    series.values().stream().findFirst().ifPresent(first -> rotateIfCrowded(chart, new ArrayList<>(first.keySet())));
    series.forEach((name, values) ->
        chart.addSeries(name, new ArrayList<>(values.keySet()), new ArrayList<Number>(values.values())));
    return save(chart, file);
  }

  /** Lines through (x, y) points, one per series; logarithmic x when asked. */
  public static Path lines(Path file, String title, String xTitle, String yTitle,
      Map<String, double[][]> series, boolean logX) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    series.forEach((name, xy) -> chart.addSeries(name, xy[0], xy[1]));
    return save(chart, file);
  }

  /** Slants category labels that would overlap when written side by side (about 7 px a character). */
  private static void rotateIfCrowded(CategoryChart chart, List<String> categories) {
    int longest = categories.stream().mapToInt(String::length).max().orElse(0);
    boolean crowded = categories.size() > 6 || longest * 7 > (WIDTH - 120) / Math.max(1, categories.size());
    chart.getStyler().setXAxisLabelRotation(crowded ? 30 : 0);
  }

  private static Path save(Chart<?, ?> chart, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + file, e);
    }
  }
}
