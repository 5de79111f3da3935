package dev.vigil.ui;

import dev.vigil.probe.ProbeBoard;
import dev.vigil.web.Formats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A probe's history drawn as SVG on the server: a bar per uptime slot (the red top is the share of known time it
 * was down; grey when the state was unknown), and its latency's p50 and p95 per step as lines, broken where a step
 * had no successful check. Its uptime says the period it covers: the range's name only when the state was known
 * over all of it.
 */
record ProbeChart(ProbeBoard.History history, List<Bar> bars, List<String> p50, List<String> p95, double yMax,
    String uptime, String period, String downtime) {

  static final int WIDTH = 720;
  static final int BAR_HEIGHT = 40;
  static final int LATENCY_HEIGHT = 150;
  /** Room above the highest line for the axis label. */
  static final int TOP = 12;

  /** One uptime slot: its box, and the red part on top for the time it was down. */
  record Bar(ProbeBoard.UptimeSlot slot, double x, double width, double downHeight, String css, String percent) {}

  /** The chart of {@code h}, a range people know as {@code rangeName} (such as 24 hours). */
  static ProbeChart of(ProbeBoard.History h, String rangeName) {
    List<Bar> bars = new ArrayList<>();
    int n = h.uptime().size();
    double slotWidth = (double) WIDTH / n;
    for (int i = 0; i < n; i++) {
      ProbeBoard.UptimeSlot s = h.uptime().get(i);
      double down = s.percent() == null ? 0 : (100 - s.percent()) / 100 * BAR_HEIGHT;
      String css = s.percent() == null ? "unknown" : s.percent() >= 100 ? "up" : s.percent() <= 0 ? "down" : "partial";
      // A short outage still shows: at least two pixels of red.
      bars.add(new Bar(s, round(i * slotWidth), round(Math.max(1, slotWidth - 1)),
          round(css.equals("partial") ? Math.max(2, down) : down), css, percent(s.percent())));
    }
    double max = 0;
    for (ProbeBoard.LatencyPoint p : h.latency()) {
      max = Math.max(max, p.p95() == null ? 0 : p.p95());
    }
    double yMax = nice(max);
    String period = h.covered() == null ? rangeName
        : Formats.coverage(h.covered().start(), h.covered().end(), h.from(), h.to(), rangeName);
    return new ProbeChart(h, bars, lines(h, yMax, true), lines(h, yMax, false), yMax, percent(h.uptimePercent()),
        period, Formats.duration(h.down()));
  }

  /** Polylines' points, one per run of steps that had successful checks. */
  private static List<String> lines(ProbeBoard.History h, double yMax, boolean median) {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    double span = Duration.between(h.from(), h.to()).toMillis();
    for (ProbeBoard.LatencyPoint p : h.latency()) {
      Double v = median ? p.p50() : p.p95();
      if (v == null) {
        if (!current.isEmpty()) {
          lines.add(current.toString());
          current.setLength(0);
        }
        continue;
      }
      double x = Math.max(0, Duration.between(h.from(), p.start()).toMillis() / span * WIDTH);
      double y = LATENCY_HEIGHT - v / yMax * (LATENCY_HEIGHT - TOP);
      if (!current.isEmpty()) {
        current.append(' ');
      }
      current.append(fixed(x)).append(',').append(fixed(y));
    }
    if (!current.isEmpty()) {
      lines.add(current.toString());
    }
    // A single point draws nothing as a polyline: make it a short flat segment.
    return lines.stream().map(l -> l.contains(" ") ? l : l + " " + shifted(l)).toList();
  }

  private static String shifted(String point) {
    int comma = point.indexOf(',');
    return fixed(Double.parseDouble(point.substring(0, comma)) + 3) + point.substring(comma);
  }

  /** The smallest of 1, 2 or 5 times a power of ten at or above {@code value}; 1 for nothing measured. */
  static double nice(double value) {
    if (value <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= value) {
        return m * power;
      }
    }
    return 10 * power;
  }

  /** A share as people read uptime: two decimals, rounded down, so that 99.999 % never shows as 100 %. */
  static String percent(Double value) {
    if (value == null) {
      return "no data";
    }
    return String.format(Locale.ROOT, "%.2f%%", Math.floor(value * 100 + 1e-9) / 100);
  }

  /** Milliseconds as the charts label them: 0.5 ms, 42 ms, 1.2 s. */
  static String millis(Double value) {
    if (value == null) {
      return "–";
    }
    if (value >= 1000) {
      return String.format(Locale.ROOT, "%.1f s", value / 1000);
    }
    return value < 10 ? String.format(Locale.ROOT, "%.1f ms", value) : Math.round(value) + " ms";
  }

  public int width() {
    return WIDTH;
  }

  public int barHeight() {
    return BAR_HEIGHT;
  }

  public int latencyHeight() {
    return LATENCY_HEIGHT;
  }

  public double middleY() {
    return LATENCY_HEIGHT - (LATENCY_HEIGHT - TOP) / 2.0;
  }

  public int topY() {
    return TOP;
  }

  public String yMaxLabel() {
    return millis(yMax);
  }

  public String yMiddleLabel() {
    return millis(yMax / 2);
  }

  public String p50Label() {
    return millis(history.p50());
  }

  public String p95Label() {
    return millis(history.p95());
  }

  public String p99Label() {
    return millis(history.p99());
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String fixed(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
