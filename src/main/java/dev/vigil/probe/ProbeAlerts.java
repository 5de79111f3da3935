package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import dev.vigil.incident.IncidentService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Turns a probe going down or up into an alert through the same intake as every other source: an alert of source
 * "probe" on the internal integration {@code vigil:probes}, fingerprint {@code probe:SERVICE/NAME} (stable while the
 * probe keeps its name), routed to the probe's service. Each probe has its own incident; it resolves when the probe
 * is up again.
 */
@Component
class ProbeAlerts {

  /** The internal integration every probe alert arrives on. */
  static final String INTEGRATION = "vigil:probes";
  static final String SOURCE = "probe";

  private final CatalogQueries catalog;
  private final IncidentService incidents;

  ProbeAlerts(CatalogQueries catalog, IncidentService incidents) {
    this.catalog = catalog;
    this.incidents = incidents;
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

  private static Map<String, String> labels(ProbeDefinition probe) {
    return Map.of("service", probe.service(), "probe", probe.name(), "kind", probe.kind().value());
  }

  private void send(ProbeDefinition probe, AlertEvent event) {
    // The routing of an internal integration is the probe's own service; nothing is read from the catalog for it.
    Catalog.Integration integration = new Catalog.Integration(INTEGRATION, Catalog.IntegrationType.EVENTS,
        probe.service(), List.of(), null, null, List.of(), true, null, null);
    for (int attempt = 1; ; attempt++) {
      try {
        // Looked up each time (alerts are rare): a cached id would outlive a restored or emptied database.
        incidents.ingest(catalog.internalIntegration(INTEGRATION, SOURCE), integration, List.of(event));
        return;
      } catch (DuplicateKeyException | ConcurrencyFailureException e) {
        // The same races as on the intake routes (a concurrent first alert, a deadlock): the retry finds them settled.
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }
}
