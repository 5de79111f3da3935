package dev.vigil.probe;

import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import dev.vigil.incident.SyntheticAlerts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns a probe going down or up into an alert through the same intake as every other source: an alert of source
 * "probe" on the internal integration {@code vigil:probe} (see {@link SyntheticAlerts}), fingerprint {@code probe:SERVICE/NAME} (stable while the
 * probe keeps its name), routed to the probe's service. Each probe has its own incident; it resolves when the probe
 * is up again.
 */
@Component
class ProbeAlerts {

  static final String SOURCE = "probe";

  private final SyntheticAlerts alerts;

  ProbeAlerts(SyntheticAlerts alerts) {
    this.alerts = alerts;
  }

  static String fingerprint(ProbeDefinition probe) {
    return "probe:" + probe.qualifiedName();
  }

  /** Opens (or joins) the probe's incident. */
  void down(ProbeDefinition probe, ProbeResult result, Instant since) {
    AlertSeverity severity = AlertSeverity.parse(probe.spec().severity());
    String summary = "Probe " + probe.qualifiedName() + " is down: " + result.message();
    send(probe, new AlertEvent(SOURCE, fingerprint(probe), AlertEvent.Action.TRIGGER, summary, severity,
        labels(probe), Map.of("description", result.message(), "target", probe.target()),
        List.of(), since, null));
  }

  /** Resolves the probe's alert, which resolves its incident. */
  void up(ProbeDefinition probe, ProbeResult result, Instant since) {
    send(probe, new AlertEvent(SOURCE, fingerprint(probe), AlertEvent.Action.RESOLVE,
        "Probe " + probe.qualifiedName() + " is up again", AlertSeverity.parse(probe.spec().severity()),
        labels(probe), Map.of("description", result.message() == null ? "" : result.message()), List.of(), null,
        since));
  }

  /** Resolves the alert of a probe that was removed while down: nothing watches it any more. */
  void removed(ProbeDefinition probe, Instant at) {
    send(probe, new AlertEvent(SOURCE, fingerprint(probe), AlertEvent.Action.RESOLVE,
        "Probe " + probe.qualifiedName() + " was removed", AlertSeverity.parse(probe.spec().severity()),
        labels(probe), Map.of("description", "the probe was removed from service " + probe.service()), List.of(),
        null, at));
  }

  private static Map<String, String> labels(ProbeDefinition probe) {
    return Map.of("service", probe.service(), "probe", probe.name(), "kind", probe.kind().value());
  }

  private void send(ProbeDefinition probe, AlertEvent event) {
    alerts.ingest(probe.service(), event);
  }
}
