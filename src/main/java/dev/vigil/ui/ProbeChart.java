package dev.vigil.ui;

import dev.vigil.probe.ProbeBoard;
import dev.vigil.web.Formats;
import dev.vigil.web.SvgChart;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A probe's history as the console's charts draw it ({@link SvgChart}): a bar per uptime slot (green the share of
 * known time it was up, red the share it was down, grey when the state was unknown), and its latency's p50, p95 and
 * p99 per step as lines, broken where a step had no successful check. Its uptime says the period it covers: the
 * range's name only when the state was known over all of it.
 */
record ProbeChart(ProbeBoard.History history, String uptime, String period, String downtime) {

  static final int BAR_HEIGHT = 40;
  static final int LATENCY_HEIGHT = 150;

  /** The chart of {@code h}, a range people know as {@code rangeName} (such as 24 hours). */
  static ProbeChart of(ProbeBoard.History h, String rangeName) {
    String period = h.covered() == null ? rangeName
        : Formats.coverage(h.covered().start(), h.covered().end(), h.from(), h.to(), rangeName);
    return new ProbeChart(h, percent(h.uptimePercent()), period, Formats.duration(h.down()));
  }

  /** The uptime bars of the probe named {@code probe}, their times in {@code zone}. */
  public String uptimeSvg(String probe, String zone) {
    List<SvgChart.Bucket> slots = new ArrayList<>();
    List<Double> up = new ArrayList<>();
    List<Double> down = new ArrayList<>();
    List<Double> unknown = new ArrayList<>();
    for (ProbeBoard.UptimeSlot s : history.uptime()) {
      Double p = s.percent();
      slots.add(new SvgChart.Bucket(s.start(), s.end(),
          p == null ? "unknown" : p >= 100 ? "up" : p <= 0 ? "down" : "partial"));
      up.add(p);
      down.add(p == null ? null : 100 - p);
      unknown.add(p == null ? 100.0 : null);
    }
    String title = "Uptime of " + probe + " over " + period + ": " + uptime;
    return SvgChart.bars(new SvgChart.Frame(title, "Down " + (downtime.isEmpty() ? "0s" : downtime) + "; "
            + history.uptime().size() + " bars, each the share of its time the probe was up, down or not yet known.",
            ZoneId.of(zone), "uptime-chart", v -> Math.round(v) + "%", BAR_HEIGHT),
        slots, List.of(new SvgChart.Stack("up", SvgChart.Tone.GREEN, up),
            new SvgChart.Stack("down", SvgChart.Tone.RED, down),
            new SvgChart.Stack("unknown", SvgChart.Tone.MUTED, unknown)), 100.0);
  }

  /** The latency lines of the probe named {@code probe}, their times in {@code zone}. */
  public String latencySvg(String probe, String zone) {
    String title = "Latency of " + probe + " over " + period + ": p50 " + p50Label() + ", p95 " + p95Label()
        + ", p99 " + p99Label();
    return SvgChart.lines(new SvgChart.Frame(title, "Percentiles of successful checks per step, with gaps where no"
            + " check succeeded.", ZoneId.of(zone), "latency-chart", v -> millis(v), LATENCY_HEIGHT),
        history.from(), history.to(), List.of(
            line("p50", SvgChart.Tone.LINK, SvgChart.Stroke.SOLID, ProbeBoard.LatencyPoint::p50),
            line("p95", SvgChart.Tone.AMBER, SvgChart.Stroke.DASHED, ProbeBoard.LatencyPoint::p95),
            line("p99", SvgChart.Tone.RED, SvgChart.Stroke.DOTTED, ProbeBoard.LatencyPoint::p99)));
  }

  private SvgChart.Line line(String name, SvgChart.Tone tone, SvgChart.Stroke stroke,
      Function<ProbeBoard.LatencyPoint, Double> value) {
    return new SvgChart.Line(name, tone, stroke,
        history.latency().stream().map(p -> new SvgChart.Point(p.start(), value.apply(p))).toList());
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
    return value < 10 && value != Math.rint(value) ? String.format(Locale.ROOT, "%.1f ms", value)
        : Math.round(value) + " ms";
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
}
