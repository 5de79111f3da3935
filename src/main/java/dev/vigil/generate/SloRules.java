package dev.vigil.generate;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.Catalog.BurnRateRule;
import dev.vigil.catalog.Catalog.SloAlerting;
import dev.vigil.generate.AlertRule.Series;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Sloth-compatible rules for an SLO with a Prometheus SLI: the error ratio recorded over every lookback its burn-rate
 * rules read ({@code slo:sli_error:ratio_rate5m} ...), its objective and budget, and one multiwindow multi-burn-rate
 * alert per response (page, ticket), with the same rules Vigil's own evaluation applies (the SRE workbook's four
 * when the SLO declares none).
 */
final class SloRules {

  /** Sloth's recording rules and alerts of one SLO. */
  record Generated(List<Recording> recordings, List<AlertRule> alerts) {}

  /** A recording rule: the series {@code record} computed by {@code expr}, with {@code labels}. */
  record Recording(String record, String expr, Map<String, String> labels) {}

  static final List<BurnRateRule> WORKBOOK = List.of(
      new BurnRateRule(SloAlerting.PAGE, 14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
      new BurnRateRule(SloAlerting.PAGE, 6, Duration.ofHours(6), Duration.ofMinutes(30)),
      new BurnRateRule(SloAlerting.TICKET, 3, Duration.ofDays(1), Duration.ofHours(2)),
      new BurnRateRule(SloAlerting.TICKET, 1, Duration.ofDays(3), Duration.ofHours(6)));

  private SloRules() {}

  /** Whether the generator can write the SLO's error ratio: a Prometheus SLI of counters or a histogram. */
  static boolean applies(Catalog.Slo slo) {
    Catalog.PrometheusSli sli = slo.sli() == null ? null : slo.sli().prometheus();
    return sli != null && sli.query() == null
        && (sli.histogram() != null ? sli.latencyBelow() != null : sli.total() != null);
  }

  static Generated of(Catalog.Service service, Catalog.Slo slo) {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("sloth_id", service.name() + "-" + slo.name());
    ids.put("sloth_service", service.name());
    ids.put("sloth_slo", slo.name());
    List<BurnRateRule> rules = slo.burnRateRules().isEmpty() ? WORKBOOK : slo.burnRateRules();
    SortedSet<Duration> lookbacks = new TreeSet<>();
    rules.forEach(r -> {
      lookbacks.add(r.shortWindow());
      lookbacks.add(r.longWindow());
    });
    List<Recording> recordings = new ArrayList<>();
    for (Duration lookback : lookbacks) {
      Map<String, String> labels = new LinkedHashMap<>(ids);
      labels.put("sloth_window", Promql.duration(lookback));
      recordings.add(new Recording(errorRatio(lookback), errorExpr(slo.sli().prometheus(), lookback), labels));
    }
    BigDecimal budget = BigDecimal.valueOf(100).subtract(BigDecimal.valueOf(slo.objective()))
        .divide(BigDecimal.valueOf(100), 12, RoundingMode.UNNECESSARY).stripTrailingZeros();
    recordings.add(new Recording("slo:objective:ratio",
        "vector(" + BigDecimal.valueOf(slo.objective()).movePointLeft(2).stripTrailingZeros().toPlainString() + ")",
        ids));
    recordings.add(new Recording("slo:error_budget:ratio", "vector(" + budget.toPlainString() + ")", ids));
    recordings.add(new Recording("slo:time_period:days", "vector(" + days(slo.window()) + ")", ids));

    List<AlertRule> alerts = new ArrayList<>();
    if (slo.alertingOrDefault() != SloAlerting.NONE) {
      for (SloAlerting response : List.of(SloAlerting.PAGE, SloAlerting.TICKET)) {
        List<BurnRateRule> asking = rules.stream()
            .filter(r -> effective(slo, r) == response).toList();
        if (!asking.isEmpty()) {
          alerts.add(alert(service, slo, ids, response, asking, budget));
        }
      }
    }
    return new Generated(recordings, alerts);
  }

  /** An SLO declared to open tickets asks for a ticket where its rules say page. */
  private static SloAlerting effective(Catalog.Slo slo, BurnRateRule rule) {
    return slo.alertingOrDefault() == SloAlerting.TICKET ? SloAlerting.TICKET : rule.response();
  }

  private static AlertRule alert(Catalog.Service service, Catalog.Slo slo, Map<String, String> ids,
      SloAlerting response, List<BurnRateRule> rules, BigDecimal budget) {
    String selector = "{sloth_id=\"" + ids.get("sloth_id") + "\", sloth_service=\"" + service.name()
        + "\", sloth_slo=\"" + slo.name() + "\"}";
    List<String> conditions = new ArrayList<>();
    StringBuilder windows = new StringBuilder();
    for (BurnRateRule rule : rules) {
      String factor = "(" + Promql.number(rule.burnRate()) + " * " + budget.toPlainString() + ")";
      conditions.add("(max(" + errorRatio(rule.shortWindow()) + selector + " > " + factor
          + ") without (sloth_window) and max(" + errorRatio(rule.longWindow()) + selector + " > " + factor
          + ") without (sloth_window))");
      windows.append(windows.isEmpty() ? "" : "; ").append(Promql.number(rule.burnRate())).append("x over ")
          .append(Promql.duration(rule.longWindow())).append(" and ").append(Promql.duration(rule.shortWindow()));
    }
    List<Series> firing = new ArrayList<>();
    List<Series> healthy = new ArrayList<>();
    for (BurnRateRule rule : rules) {
      for (Duration lookback : List.of(rule.shortWindow(), rule.longWindow())) {
        String series = errorRatio(lookback) + "{sloth_id=\"" + ids.get("sloth_id") + "\",sloth_service=\""
            + service.name() + "\",sloth_slo=\"" + slo.name() + "\",sloth_window=\"" + Promql.duration(lookback)
            + "\"}";
        if (firing.stream().noneMatch(s -> s.selector().equals(series))) {
          firing.add(new Series(series, 1, 0));
          healthy.add(new Series(series, 0, 0));
        }
      }
    }
    boolean page = response == SloAlerting.PAGE;
    String name = page ? "SloBurnRatePage" : "SloBurnRateTicket";
    return new AlertRule(name, String.join("\nor\n", conditions), Duration.ZERO, page ? "critical" : "warning",
        service.name() + " burns the error budget of " + slo.name() + (page ? " fast" : ""),
        "The SLO " + slo.name() + " (" + BigDecimal.valueOf(slo.objective()).stripTrailingZeros().toPlainString()
            + "% over " + slo.window() + ") spends its error budget faster than its " + (page ? "paging" : "ticket")
            + " rules allow: " + windows + ".",
        ids, firing, healthy, Duration.ofMinutes(5));
  }

  static String errorRatio(Duration lookback) {
    return "slo:sli_error:ratio_rate" + Promql.duration(lookback);
  }

  /** The share of bad events over a lookback, from the SLI's bad, good or histogram series and its total. */
  static String errorExpr(Catalog.PrometheusSli sli, Duration lookback) {
    String range = "[" + Promql.duration(lookback) + "]";
    if (sli.histogram() != null) {
      return "1 - (sum(rate(" + histogramSeries(sli.histogram(), "_bucket", bucketMatcher(sli.latencyBelow()))
          + range + ")) / sum(rate(" + histogramSeries(sli.histogram(), "_count", "") + range + ")))";
    }
    String total = "sum(rate(" + sli.total().strip() + range + "))";
    return sli.bad() != null
        ? "sum(rate(" + sli.bad().strip() + range + ")) / " + total
        : "1 - (sum(rate(" + sli.good().strip() + range + ")) / " + total + ")";
  }

  /** The bucket at the latency threshold in seconds, however its {@code le} label writes the number. */
  private static String bucketMatcher(Duration latencyBelow) {
    String seconds = BigDecimal.valueOf(latencyBelow.toNanos(), 9).stripTrailingZeros().toPlainString();
    String pattern = seconds.contains(".") ? seconds.replace(".", "\\\\.") + "0*" : seconds + "(\\\\.0*)?";
    return "le=~\"" + pattern + "\"";
  }

  private static String histogramSeries(String histogram, String suffix, String extra) {
    String h = histogram.strip();
    int brace = h.indexOf('{');
    String name = brace < 0 ? h : h.substring(0, brace);
    String matchers = brace < 0 ? "" : h.substring(brace + 1, h.lastIndexOf('}')).strip();
    String all = matchers.isEmpty() ? extra : extra.isEmpty() ? matchers : matchers + ", " + extra;
    return name + suffix + "{" + all + "}";
  }

  /** The window's length in days, as Sloth records it; calendar windows at their longest. */
  private static String days(String window) {
    return switch (window) {
      case "week" -> "7";
      case "month" -> "31";
      case "quarter" -> "92";
      default -> window.substring(0, window.length() - 1);
    };
  }
}
