package dev.declaude.bench;

import dev.declaude.testkit.TimelineEntry;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws one scenario's requests over time from the simulator's timelines: two stacked panels
 * sharing the time axis, successful requests and refused ones (429 and 529) per 100 ms, one line
 * per client. Headless: needs {@code java.awt.headless=true} when there is no display.
 */
final class LoadChart {
  static final Duration BUCKET = Duration.ofMillis(100);
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 760;
  private static final Color[] COLORS = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0x9467bd),
    new Color(0xff7f0e)
  };

  private LoadChart() {}

  /**
   * Writes {@code load-<scenario>.png} into {@code dir}, creating it if needed, and returns its
   * path.
   */
  static Path write(Scenario scenario, List<LoadRun> runs, Path dir) throws IOException {
    Files.createDirectories(dir);
    XYSeriesCollection successes = new XYSeriesCollection();
    XYSeriesCollection refusals = new XYSeriesCollection();
    for (LoadRun run : runs) {
      long[][] counts = perBucket(run);
      successes.addSeries(series(run.client, counts[0]));
      refusals.addSeries(series(run.client, counts[1]));
    }
    NumberAxis time = new NumberAxis("seconds since the run started");
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(12);
    plot.add(panel(successes, "successful requests / 100 ms", true), 1);
    plot.add(panel(refusals, "refused (429, 529) / 100 ms", false), 1);
    JFreeChart chart =
        new JFreeChart(
            scenario.name() + ": requests per 100 ms, by client",
            JFreeChart.DEFAULT_TITLE_FONT,
            plot,
            true);
    chart.setBackgroundPaint(Color.WHITE);
    Path file = dir.resolve("load-" + scenario.name() + ".png");
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    return file;
  }

  /** Counts each 100 ms bucket's successes ([0]) and refusals ([1]) from the run's start. */
  static long[][] perBucket(LoadRun run) {
    long last = 0;
    for (TimelineEntry entry : run.timeline) {
      last = Math.max(last, bucket(run, entry));
    }
    long[][] counts = new long[2][(int) last + 1];
    for (TimelineEntry entry : run.timeline) {
      int index = (int) bucket(run, entry);
      if (entry.isSuccess()) {
        counts[0][index]++;
      } else if (entry.isRateLimited() || entry.isOverloaded()) {
        counts[1][index]++;
      }
    }
    return counts;
  }

  private static long bucket(LoadRun run, TimelineEntry entry) {
    long nanos = Duration.between(run.startInstant, entry.at()).toNanos();
    return Math.max(0, nanos / BUCKET.toNanos());
  }

  private static XYSeries series(String client, long[] counts) {
    // Series keys must be unique per collection; the client's name is.
    XYSeries series = new XYSeries(client.replace("`", ""), false, false);
    double step = BUCKET.toNanos() / 1e9;
    for (int i = 0; i < counts.length; i++) {
      series.add(i * step, counts[i]);
    }
    series.add(counts.length * step, 0);
    return series;
  }

  private static XYPlot panel(XYSeriesCollection data, String label, boolean inLegend) {
    NumberAxis count = new NumberAxis(label);
    count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYStepRenderer renderer = new XYStepRenderer();
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
      renderer.setSeriesStroke(i, new BasicStroke(1.6f));
      // Both panels show the same clients in the same colours: one legend entry each.
      renderer.setSeriesVisibleInLegend(i, inLegend);
    }
    XYPlot plot = new XYPlot(data, null, count, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }
}
