package dev.vigil.slo;

import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import dev.vigil.incident.SyntheticAlerts;
import dev.vigil.system.CatalogDurations;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Raises a burning SLO's alerts into Vigil's own incidents through the same intake as every other source: source
 * {@code slo}, one fingerprint per SLO and response ({@code slo:SERVICE/NAME:page}), so that the alerts group,
 * escalate, page and resolve like any other. A page is sent as a critical alert and a ticket as an info alert,
 * labelled {@code slo_response}; the incident policy decides the severity and with it how the incident pages
 * (ADR 0040).
 */
@Component
class SloAlerts {

  static final String SOURCE = "slo";

  private final SyntheticAlerts alerts;

  SloAlerts(SyntheticAlerts alerts) {
    this.alerts = alerts;
  }

  static String fingerprint(SloDefinition slo, BurnRatePolicy.Response response) {
    return fingerprint(slo.service(), slo.name(), response);
  }

  static String fingerprint(String service, String slo, BurnRatePolicy.Response response) {
    return SOURCE + ":" + service + "/" + slo + ":" + value(response);
  }

  static String value(BurnRatePolicy.Response response) {
    return response.name().toLowerCase(Locale.ROOT);
  }

  /** Opens (or joins) the incident of the SLO's response, saying which rules fire and how fast the budget burns. */
  void raise(SloDefinition slo, BurnRatePolicy.Response response, List<BurnRatePolicy.Rule> rules, String detail,
      Instant at) {
    String summary = "SLO " + slo.name() + " of " + slo.service() + " burns its error budget: " + rules.stream()
        .map(SloAlerts::describe).reduce((a, b) -> a + "; " + b).orElse("");
    alerts.ingest(slo.service(), new AlertEvent(SOURCE, fingerprint(slo, response), AlertEvent.Action.TRIGGER,
        summary, severity(response), labels(slo, response), Map.of("description", detail), List.of(), at, null));
  }

  /** Resolves the alert of the SLO's response: no rule asking for it fires any more. */
  void resolve(SloDefinition slo, BurnRatePolicy.Response response, Instant at) {
    resolve(slo.service(), slo.name(), response, "no longer burns fast", at);
  }

  /** Resolves the alert of an SLO that is no longer declared: nothing will evaluate it again. */
  void resolveRemoved(String service, String slo, BurnRatePolicy.Response response, Instant at) {
    resolve(service, slo, response, "is no longer declared", at);
  }

  private void resolve(String service, String slo, BurnRatePolicy.Response response, String why, Instant at) {
    alerts.ingest(service, new AlertEvent(SOURCE, fingerprint(service, slo, response), AlertEvent.Action.RESOLVE,
        "SLO " + slo + " of " + service + " " + why, severity(response), labels(service, slo, response), Map.of(),
        List.of(), null, at));
  }

  /** A rule as people read it: "burn rate above 14.4 over 1h and 5m". */
  static String describe(BurnRatePolicy.Rule rule) {
    return "burn rate above " + rule.factor().stripTrailingZeros().toPlainString() + " over "
        + CatalogDurations.text(rule.longWindow()) + " and " + CatalogDurations.text(rule.shortWindow());
  }

  private static AlertSeverity severity(BurnRatePolicy.Response response) {
    return response == BurnRatePolicy.Response.PAGE ? AlertSeverity.CRITICAL : AlertSeverity.INFO;
  }

  private static Map<String, String> labels(SloDefinition slo, BurnRatePolicy.Response response) {
    return labels(slo.service(), slo.name(), response);
  }

  private static Map<String, String> labels(String service, String slo, BurnRatePolicy.Response response) {
    return Map.of("service", service, "slo", slo, "slo_response", value(response));
  }
}
