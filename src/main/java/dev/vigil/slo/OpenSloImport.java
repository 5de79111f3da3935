package dev.vigil.slo;

import static dev.vigil.slo.OpenSloYaml.number;

import dev.vigil.catalog.Catalog.BurnRateRule;
import dev.vigil.catalog.Catalog.PrometheusSli;
import dev.vigil.catalog.Catalog.PrometheusSource;
import dev.vigil.catalog.Catalog.Sli;
import dev.vigil.catalog.Catalog.Slo;
import dev.vigil.system.CatalogDurations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenSLO documents read as Vigil's declarations: the Prometheus sources and each service's SLOs, with a line for
 * every field Vigil leaves out ({@code SLO checkout: spec.objectives[1]: ...}).
 */
public record OpenSloImport(List<PrometheusSource> sources, Map<String, List<Slo>> slos, List<String> lost) {

  public OpenSloImport {
    sources = List.copyOf(sources);
    slos = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slos));
    lost = List.copyOf(lost);
  }

  /** Reads a stream of OpenSLO v1 documents; refuses one Vigil cannot read, naming the document, line and field. */
  public static OpenSloImport read(String yaml) {
    return new OpenSloReader().read(yaml);
  }

  /** The part of vigil.yaml to add: the top-level {@code prometheus:} list and each service's {@code slos:}. */
  public String vigilYaml() {
    Map<String, Object> root = new LinkedHashMap<>();
    if (!sources.isEmpty()) {
      root.put("prometheus", sources.stream().map(OpenSloImport::source).toList());
    }
    List<Object> services = new ArrayList<>();
    slos.forEach((service, list) -> services.add(entries("name", service, "slos",
        list.stream().map(OpenSloImport::slo).toList())));
    if (!services.isEmpty()) {
      root.put("services", services);
    }
    return root.isEmpty() ? "" : OpenSloYaml.dump(root);
  }

  private static Map<String, Object> source(PrometheusSource source) {
    return entries("name", source.name(), "url", source.url(), "bearer_token", source.bearerToken(),
        "basic_auth", source.basicAuth() == null ? null : entries("username", source.basicAuth().username(),
            "password", source.basicAuth().password()),
        "timeout", duration(source.timeout()));
  }

  private static Map<String, Object> slo(Slo slo) {
    return entries("name", slo.name(), "description", slo.description(), "objective", number(slo.objective()),
        "window", slo.window(), "time_zone", slo.timeZone(),
        "budgeting", slo.budgeting() == null ? null : slo.budgeting().value(),
        "timeslice", slo.timeslice() == null ? null : entries("length", duration(slo.timeslice().length()),
            "objective", number(slo.timeslice().objective())),
        "alerting", slo.alerting() == null ? null : slo.alerting().value(),
        "burn_rate_rules", slo.burnRateRules().isEmpty() ? null
            : slo.burnRateRules().stream().map(OpenSloImport::rule).toList(),
        "budget_thresholds", slo.budgetThresholds().isEmpty() ? null
            : slo.budgetThresholds().stream().map(OpenSloYaml::number).toList(),
        "sli", sli(slo.sli()));
  }

  private static Map<String, Object> rule(BurnRateRule rule) {
    return entries("response", rule.response().value(), "burn_rate", number(rule.burnRate()),
        "long_window", duration(rule.longWindow()), "short_window", duration(rule.shortWindow()));
  }

  private static Map<String, Object> sli(Sli sli) {
    if (sli.probe() != null) {
      return entries("probe", entries("probe", sli.probe().probe(), "latency_below",
          duration(sli.probe().latencyBelow())));
    }
    if (sli.incidents() != null) {
      return entries("incidents", entries("severities", sli.incidents().severities()));
    }
    PrometheusSli p = sli.prometheus();
    return entries("prometheus", entries("source", p.source(), "good", p.good(), "bad", p.bad(), "total", p.total(),
        "histogram", p.histogram(), "latency_below", duration(p.latencyBelow()), "query", p.query(),
        "good_at_most", p.goodAtMost() == null ? null : number(p.goodAtMost()),
        "good_at_least", p.goodAtLeast() == null ? null : number(p.goodAtLeast())));
  }

  private static String duration(Duration d) {
    return d == null ? null : CatalogDurations.text(d);
  }

  /** A mapping of the pairs given, in order, without those whose value is null. */
  static Map<String, Object> entries(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        map.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return map;
  }
}
