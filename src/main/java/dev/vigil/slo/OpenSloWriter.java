package dev.vigil.slo;

import static dev.vigil.slo.OpenSloImport.entries;
import static dev.vigil.slo.OpenSloYaml.number;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.Catalog.BurnRateRule;
import dev.vigil.catalog.Catalog.PrometheusSli;
import dev.vigil.catalog.Catalog.PrometheusSource;
import dev.vigil.catalog.Catalog.Service;
import dev.vigil.catalog.Catalog.Sli;
import dev.vigil.catalog.Catalog.Slo;
import dev.vigil.catalog.Catalog.SloAlerting;
import dev.vigil.catalog.Catalog.SloBudgeting;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a catalog's SLOs as OpenSLO v1 documents, naming what OpenSLO cannot carry. */
final class OpenSloWriter {

  /** Midnight on a Monday that is also the first of a month and of a quarter: where every Vigil period starts. */
  private static final String PERIOD_START = "2024-01-01 00:00:00";

  private final List<Map<String, Object>> documents = new ArrayList<>();
  private final List<String> lost = new ArrayList<>();
  private boolean alerts;

  /** The SRE workbook's rules, which an SLO without its own follows, as the catalog writes them. */
  static List<BurnRateRule> defaultRules() {
    return BurnRatePolicy.defaults().rules().stream().map(r -> new BurnRateRule(
        r.response() == BurnRatePolicy.Response.PAGE ? SloAlerting.PAGE : SloAlerting.TICKET,
        r.factor().doubleValue(), r.longWindow(), r.shortWindow())).toList();
  }

  OpenSloExport write(Catalog catalog) {
    catalog.prometheus().forEach(this::dataSource);
    for (Service service : catalog.services()) {
      if (service.slos().isEmpty()) {
        continue;
      }
      documents.add(object("Service", service.name(), null, entries("description", service.description())));
      if (service.errorBudgetPolicy() != null) {
        lost.add("Service " + service.name() + ": error_budget_policy " + service.errorBudgetPolicy().value()
            + " has no OpenSLO counterpart; left out");
      }
      service.slos().forEach(slo -> slo(service.name(), slo));
    }
    if (alerts) {
      documents.add(object("AlertNotificationTarget", OpenSloYaml.NOTIFICATION_TARGET, null, entries(
          "description", "Vigil pages through the service's escalation policy", "target",
          OpenSloYaml.NOTIFICATION_TARGET)));
    }
    return new OpenSloExport(documents, lost);
  }

  private void dataSource(PrometheusSource source) {
    String where = "DataSource " + source.name() + ": spec.connectionDetails.";
    Map<String, Object> details = entries("url", source.url(),
        "bearerToken", credential(source.bearerToken(), where + "bearerToken"),
        "username", source.basicAuth() == null ? null : source.basicAuth().username(),
        "password", source.basicAuth() == null ? null : credential(source.basicAuth().password(), where + "password"),
        "timeout", source.timeout() == null ? null : dev.vigil.system.CatalogDurations.text(source.timeout()));
    documents.add(object("DataSource", source.name(), null, entries("type", OpenSloYaml.PROMETHEUS,
        "connectionDetails", details)));
  }

  /** A credential only as the reference to the environment the catalog has; one written out is left out. */
  private String credential(String value, String where) {
    if (value == null || OpenSloYaml.ENV_REFERENCE.matcher(value).matches()) {
      return value;
    }
    lost.add(where + " a credential is never exported; left out, give it to the tool that reads this file");
    return null;
  }

  private void slo(String service, Slo slo) {
    String where = "SLO " + slo.name() + ": ";
    boolean timeslices = slo.budgetingOrDefault() == SloBudgeting.TIMESLICES;
    Map<String, Object> objective = entries("target", number(BigDecimal.valueOf(slo.objective()).movePointLeft(2)));
    Map<String, Object> indicator = indicator(slo.sli(), objective, where);
    if (timeslices) {
      objective.put("timeSliceTarget", number(BigDecimal.valueOf(slo.timeslice().objective()).movePointLeft(2)));
      objective.put("timeSliceWindow",
          shorthand(slo.timeslice().length(), where + "spec.objectives[0].timeSliceWindow"));
    }
    List<String> policies = new ArrayList<>();
    List<Map<String, Object>> policyDocuments = new ArrayList<>();
    if (slo.alertingOrDefault() != SloAlerting.NONE) {
      List<BurnRateRule> rules = slo.burnRateRules().isEmpty() ? defaultRules() : slo.burnRateRules();
      for (BurnRateRule rule : rules) {
        String name = slo.name() + "-burn-rate-" + (policies.size() + 1);
        policies.add(name);
        policyDocuments.add(policy(name, rule, where));
      }
    }
    Map<String, Object> annotations = entries(
        OpenSloYaml.ALERTING, slo.alerting() == null ? null : slo.alerting().value(),
        OpenSloYaml.BUDGET_THRESHOLDS, slo.budgetThresholds().isEmpty() ? null : String.join(",",
            slo.budgetThresholds().stream().map(t -> number(t).toString()).toList()));
    documents.add(object("SLO", slo.name(), annotations, entries(
        "description", slo.description(),
        "service", service,
        "indicator", entries("metadata", entries("name", slo.name()), "spec", indicator),
        "timeWindow", List.of(window(slo)),
        "budgetingMethod", timeslices ? "Timeslices" : "Occurrences",
        "objectives", List.of(objective),
        "alertPolicies", policies.isEmpty() ? null : policies)));
    documents.addAll(policyDocuments);
  }

  private static Map<String, Object> window(Slo slo) {
    if (slo.window().endsWith("d")) {
      return entries("duration", slo.window(), "isRolling", true);
    }
    String duration = switch (slo.window()) {
      case "week" -> "1w";
      case "month" -> "1M";
      default -> "1Q";
    };
    return entries("duration", duration, "isRolling", false, "calendar", entries("startTime", PERIOD_START,
        "timeZone", slo.timeZone() == null ? "UTC" : slo.timeZone()));
  }

  private Map<String, Object> indicator(Sli sli, Map<String, Object> objective, String where) {
    if (sli.probe() != null) {
      lost.add(where + "spec.indicator: reads Vigil's probe '" + sli.probe().probe() + "' (metricSource type "
          + OpenSloYaml.PROBE + "), which only Vigil reads back");
      return ratio("good", metric(OpenSloYaml.PROBE, null, entries("probe", sli.probe().probe(), "latencyBelow",
              sli.probe().latencyBelow() == null ? null
                  : dev.vigil.system.CatalogDurations.text(sli.probe().latencyBelow()))),
          metric(OpenSloYaml.PROBE, null, entries("probe", sli.probe().probe())));
    }
    if (sli.incidents() != null) {
      lost.add(where + "spec.indicator: reads the service's incidents (metricSource type " + OpenSloYaml.INCIDENTS
          + "), which only Vigil reads back");
      return ratio("good", metric(OpenSloYaml.INCIDENTS, null, entries("severities",
          String.join(",", sli.incidents().severities()))), metric(OpenSloYaml.INCIDENTS, null, entries()));
    }
    PrometheusSli p = sli.prometheus();
    if (p.query() != null) {
      if (p.goodAtLeast() != null || p.goodAtMost() == null) {
        objective.put("op", p.goodAtLeast() == null ? "gt" : "gte");
        objective.put("value", p.goodAtLeast() == null ? 0 : number(p.goodAtLeast()));
      } else {
        objective.put("op", "lte");
        objective.put("value", number(p.goodAtMost()));
      }
      if (p.goodAtLeast() != null && p.goodAtMost() != null) {
        lost.add(where + "spec.objectives[0]: OpenSLO has one op per objective; good_at_most " + number(p.goodAtMost())
            + " is left out");
      }
      return entries("thresholdMetric", query(p.source(), p.query()));
    }
    if (p.histogram() != null) {
      String le = number(BigDecimal.valueOf(p.latencyBelow().toNanos()).movePointLeft(9)).toString();
      lost.add(where + "spec.indicator: OpenSLO has no histogram SLI; written as the ratio of the bucket at le=\"" + le
          + "\" over the count, which comes back as a good/total ratio");
      return ratio("good", query(p.source(), series(p.histogram(), "_bucket", ",le=\"" + le + "\"")),
          query(p.source(), series(p.histogram(), "_count", "")));
    }
    return ratio(p.good() != null ? "good" : "bad", query(p.source(), p.good() != null ? p.good() : p.bad()),
        query(p.source(), p.total()));
  }

  /** The histogram's series of this suffix, with a label added to its matchers. */
  private static String series(String histogram, String suffix, String label) {
    int brace = histogram.indexOf('{');
    if (brace < 0) {
      return histogram + suffix + (label.isEmpty() ? "" : "{" + label.substring(1) + "}");
    }
    String matchers = histogram.substring(brace + 1, histogram.lastIndexOf('}')).strip();
    return histogram.substring(0, brace) + suffix + "{" + matchers
        + (matchers.isEmpty() ? label.substring(Math.min(1, label.length())) : label) + "}";
  }

  private static Map<String, Object> ratio(String counted, Map<String, Object> numerator,
      Map<String, Object> total) {
    return entries("ratioMetric", entries("counter", true, counted, numerator, "total", total));
  }

  private static Map<String, Object> query(String source, String query) {
    return metric(OpenSloYaml.PROMETHEUS, source, entries("query", query));
  }

  private static Map<String, Object> metric(String type, String ref, Map<String, Object> spec) {
    return entries("metricSource", entries("metricSourceRef", ref, "type", type, "spec", spec));
  }

  private Map<String, Object> policy(String name, BurnRateRule rule, String where) {
    alerts = true;
    String lookback = shorthand(rule.longWindow(), where + "burn rate rule " + name + " long_window");
    String shortWindow = shorthand(rule.shortWindow(), where + "burn rate rule " + name + " short_window");
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("kind", "AlertCondition");
    condition.put("metadata", entries("name", name, "annotations", entries(OpenSloYaml.SHORT_WINDOW, shortWindow)));
    condition.put("spec", entries("severity", rule.response().value(), "condition", entries("kind", "burnrate",
        "threshold", number(rule.burnRate()), "lookbackWindow", lookback, "alertAfter", "0m")));
    return object("AlertPolicy", name, null, entries("alertWhenNoData", false, "alertWhenBreaching", true,
        "alertWhenResolved", true, "conditions", List.of(condition),
        "notificationTargets", List.of(entries("targetRef", OpenSloYaml.NOTIFICATION_TARGET))));
  }

  /** A duration in OpenSLO's shorthand; one of seconds, which OpenSLO cannot write, is rounded up to minutes. */
  private String shorthand(Duration d, String where) {
    String text = OpenSloDurations.text(d);
    if (text != null) {
      return text;
    }
    Duration minutes = Duration.ofMinutes(Math.max(1, (d.toSeconds() + 59) / 60));
    lost.add(where + ": OpenSLO counts in whole minutes; " + dev.vigil.system.CatalogDurations.text(d)
        + " is written as " + OpenSloDurations.text(minutes));
    return OpenSloDurations.text(minutes);
  }

  private static Map<String, Object> object(String kind, String name, Map<String, Object> annotations,
      Map<String, Object> spec) {
    return entries("apiVersion", "openslo/v1", "kind", kind, "metadata", entries("name", name, "annotations",
        annotations == null || annotations.isEmpty() ? null : annotations), "spec", spec);
  }
}
