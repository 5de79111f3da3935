package dev.vigil.slo;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.Durations;
import dev.vigil.web.FormTimes;
import dev.vigil.web.Formats;
import dev.vigil.web.SvgChart;
import dev.vigil.web.UiController;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The SLO pages: the list, least budget left first, each with its budget as a bar and a figure, filtered by service,
 * team or service tag; and one SLO with its objective, SLI and budget left as three big numbers, the budget burning
 * down over the window, the burn rates per lookback against the policy's factors, the alert rules with the incidents
 * they raised, and which periods met the objective. The same figures as the SLO API, from {@link SloViews}.
 */
@UiController
class SloPages {

  /** Windows longer than this draw the burn-down from the last point of each hour, not of each five minutes. */
  static final Duration HOURLY_BEYOND = Duration.ofDays(2);
  static final Duration BURN_RATE_SPAN = Duration.ofDays(3);

  /** An SLO on the list with its figures written out; {@code meter} is the share left from 0 to 100, or null. */
  record Row(SloViews.Slo slo, String objective, String sli, String left, Integer meter) {}

  /** A lookback's burn rate with the policy's rules that read it, each as "page above 14.4". */
  record LookbackRow(String lookback, String rate, boolean measured, List<String> rules) {}

  /** A period of the compliance table with its SLI written out. */
  record PeriodRow(SloViews.Period period, String name, String sli, boolean current) {}

  private final SloViews views;
  private final CatalogQueries catalog;

  SloPages(SloViews views, CatalogQueries catalog) {
    this.views = views;
    this.catalog = catalog;
  }

  @GetMapping("/slos")
  String list(@RequestParam(required = false) String service, @RequestParam(required = false) String team,
      @RequestParam(required = false) String label, Model model) {
    List<Row> rows = views.list(service, team, label).stream().map(SloPages::row).toList();
    Catalog all = catalog.catalog();
    model.addAttribute("section", "slos");
    model.addAttribute("rows", rows);
    model.addAttribute("service", service == null ? "" : service);
    model.addAttribute("team", team == null ? "" : team);
    model.addAttribute("label", label == null ? "" : label);
    model.addAttribute("services", all.services().stream().filter(s -> !s.slos().isEmpty())
        .map(Catalog.Service::name).sorted().toList());
    model.addAttribute("teams", all.teams().stream().map(Catalog.Team::name).sorted().toList());
    return "slo/slos";
  }

  @GetMapping("/slos/{name}")
  String one(@PathVariable String name, Model model) {
    SloViews.Detail detail = views.one(name, null, null);
    SloViews.Slo slo = detail.slo();
    ZoneId zone = FormTimes.readerZone(model);
    model.addAttribute("section", "slos");
    model.addAttribute("detail", detail);
    model.addAttribute("row", row(slo));
    model.addAttribute("budget", budget(slo.budget()));
    if (slo.periodStart() != null && !detail.history().fiveMinutes().isEmpty()) {
      model.addAttribute("burnDownSvg", burnDown(detail, zone));
      burnRates(detail, zone).ifPresent(svg -> model.addAttribute("burnRateSvg", svg));
    }
    model.addAttribute("lookbacks", detail.lookbacks().stream().map(l -> new LookbackRow(l.lookback(),
        l.burnRate() == null ? "nothing measured" : rate(l.burnRate()), l.burnRate() != null,
        detail.rules().stream().filter(r -> r.longWindow().equals(l.lookback()) || r.shortWindow().equals(l.lookback()))
            .map(r -> r.response() + " above " + r.burnRate().toPlainString()).toList())).toList());
    List<PeriodRow> periods = new ArrayList<>();
    for (int i = 0; i < detail.compliance().size(); i++) {
      SloViews.Period p = detail.compliance().get(i);
      periods.add(new PeriodRow(p, period(p, slo.window()), percent(p.sli()), i == detail.compliance().size() - 1));
    }
    model.addAttribute("periods", periods);
    return "slo/slo";
  }

  private static Row row(SloViews.Slo slo) {
    BigDecimal left = slo.budget().remainingShare();
    Integer meter = left == null ? null : left.movePointRight(2).max(BigDecimal.ZERO).min(BigDecimal.valueOf(100))
        .setScale(0, RoundingMode.DOWN).intValue();
    return new Row(slo, slo.objective().stripTrailingZeros().toPlainString() + " %", percent(slo.sli()),
        left == null ? "none measured" : percent(left) + (left.signum() < 0 ? " (overspent)" : ""), meter);
  }

  /** The budget in its unit, time, slices or events: the whole, what is spent and what is left. */
  private static String budget(SloViews.Budget b) {
    if (b.total() == null) {
      return "not evaluated yet";
    }
    if (b.totalSeconds() != null && b.unit().equals("seconds")) {
      return "Budget: " + time(b.totalSeconds()) + " down; " + time(b.consumedSeconds()) + " spent, "
          + time(b.remainingSeconds()) + " left";
    }
    return "Budget: " + plain(b.total()) + " bad " + b.unit() + "; " + plain(b.consumed()) + " spent, "
        + plain(b.remaining()) + " left";
  }

  private static String time(BigDecimal seconds) {
    Duration d = Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValue());
    String text = Formats.duration(d.abs().truncatedTo(ChronoUnit.SECONDS));
    return (d.isNegative() ? "-" : "") + (text.isEmpty() ? "0s" : text);
  }

  private static String plain(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  /** A ratio as a percentage with up to three decimals: 0.99925 is "99.925 %". */
  static String percent(BigDecimal ratio) {
    return ratio == null ? "none measured"
        : ratio.movePointRight(2).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " %";
  }

  private static String rate(BigDecimal rate) {
    return rate.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "×";
  }

  private static String period(SloViews.Period p, String window) {
    return switch (window) {
      case "week" -> "week of " + p.first();
      case "quarter" -> p.first().getYear() + " Q" + (p.first().getMonthValue() + 2) / 3;
      default -> p.first().getYear() + "-" + String.format("%02d", p.first().getMonthValue());
    };
  }

  /** The share of the budget left over the window, from the history; overspent shows as 0 on the chart. */
  private static String burnDown(SloViews.Detail detail, ZoneId zone) {
    SloViews.Slo slo = detail.slo();
    Instant from = slo.periodStart();
    Instant to = slo.periodEnd();
    boolean hourly = Duration.between(from, to).compareTo(HOURLY_BEYOND) > 0;
    Map<Instant, SloBoard.Point> shown = new LinkedHashMap<>();
    for (SloBoard.Point p : detail.history().fiveMinutes()) {
      shown.put(hourly ? p.at().truncatedTo(ChronoUnit.HOURS) : p.at(), p);
    }
    List<SvgChart.Point> points = shown.values().stream().map(p -> new SvgChart.Point(p.at(),
        p.remainingShare() == null ? null : Math.max(0, p.remainingShare().movePointRight(2).doubleValue()))).toList();
    String description = "Budget left now: " + (slo.budget().remainingShare() == null ? "none measured"
        : percent(slo.budget().remainingShare())) + " of the window's budget, " + points.size() + " points"
        + (hourly ? ", one an hour." : ", one every five minutes.");
    return SvgChart.lines(new SvgChart.Frame("Error budget left over the window", description, zone,
            "burn-down-chart", v -> Math.round(v) + " %", 140), from, to,
        List.of(new SvgChart.Line("Budget left", SvgChart.Tone.LINK, SvgChart.Stroke.SOLID, points)));
  }

  /**
   * The burn rate over the long lookback of each paging rule across the last three days of the history (or the
   * window, when shorter), from the five-minute points, with each rule's factor as a dashed line: the chart shows how
   * close the burn came to paging, and when it did. Empty when no rule pages or nothing was measured.
   */
  static Optional<String> burnRates(SloViews.Detail detail, ZoneId zone) {
    List<SloBoard.Point> points = detail.history().fiveMinutes();
    List<SloViews.Rule> paging = detail.rules().stream().filter(r -> r.response().equals("page")).toList();
    if (points.isEmpty() || paging.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal budget = BigDecimal.ONE.subtract(detail.slo().objective().movePointLeft(2));
    Instant to = points.getLast().at().plus(SloEvaluator.STEP);
    Instant from = to.minus(BURN_RATE_SPAN).isAfter(points.getFirst().at()) ? to.minus(BURN_RATE_SPAN)
        : points.getFirst().at();
    boolean hourly = Duration.between(from, to).compareTo(HOURLY_BEYOND) > 0;
    List<SvgChart.Line> lines = new ArrayList<>();
    List<SvgChart.Tone> tones = List.of(SvgChart.Tone.LINK, SvgChart.Tone.AMBER, SvgChart.Tone.TEXT);
    List<String> lookbacks = paging.stream().map(SloViews.Rule::longWindow).distinct().toList();
    for (int i = 0; i < lookbacks.size(); i++) {
      Duration lookback = Durations.parse(lookbacks.get(i));
      if (!lookback.isPositive()) {
        continue;
      }
      List<SvgChart.Point> rates = new ArrayList<>();
      for (SloBoard.Point p : points) {
        Instant end = p.at().plus(SloEvaluator.STEP);
        if (end.isAfter(from) && (!hourly || end.truncatedTo(ChronoUnit.HOURS).equals(end))) {
          rates.add(new SvgChart.Point(end, burnRate(points, end.minus(lookback), end, budget)));
        }
      }
      lines.add(new SvgChart.Line("Over " + lookbacks.get(i), tones.get(i % tones.size()), SvgChart.Stroke.SOLID,
          rates));
    }
    for (SloViews.Rule rule : paging) {
      double factor = rule.burnRate().doubleValue();
      lines.add(new SvgChart.Line("Pages above " + rule.burnRate().toPlainString() + "× over " + rule.longWindow()
          + " and " + rule.shortWindow(), SvgChart.Tone.RED, SvgChart.Stroke.DASHED,
          List.of(new SvgChart.Point(from, factor), new SvgChart.Point(to, factor))));
    }
    String description = "Burn rate over " + String.join(" and ", lookbacks) + " from " + (hourly ? "hourly"
        : "five-minute") + " points, against the factors above which the rules page.";
    return Optional.of(SvgChart.lines(new SvgChart.Frame("Burn rate", description, zone,
        "burn-rate-chart", v -> plain(BigDecimal.valueOf(v)) + "×", 140), from, to, lines));
  }

  /** The burn rate of the points whose five minutes lie in [from, to); null when they hold no events. */
  private static Double burnRate(List<SloBoard.Point> points, Instant from, Instant to, BigDecimal budget) {
    BigDecimal good = BigDecimal.ZERO;
    BigDecimal total = BigDecimal.ZERO;
    for (SloBoard.Point p : points) {
      if (!p.at().isBefore(from) && !p.at().plus(SloEvaluator.STEP).isAfter(to) && p.total() != null) {
        good = good.add(p.good());
        total = total.add(p.total());
      }
    }
    if (total.signum() == 0 || budget.signum() <= 0) {
      return null;
    }
    return total.subtract(good).divide(total.multiply(budget), 6, RoundingMode.HALF_UP).doubleValue();
  }
}
