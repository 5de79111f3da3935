package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.InternalIntegrations;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The way for Vigil's own checks (heartbeats, probes) to raise and resolve alerts: through the same
 * {@link AlertIngest#ingest} as alerts from outside, so they open, group, re-open and page exactly alike. No
 * integration is declared for them: each source has an internal one ({@link InternalIntegrations}), and the
 * service an alert belongs to comes with the alert. An alert's identity is its source and fingerprint, so a
 * fingerprint must be stable per checked thing (such as {@code heartbeat:billing/invoice-export}).
 *
 * <p>Runs in the caller's transaction when there is one, so a check's state and its alert commit together.
 */
@Service
public class SyntheticAlerts {

  private final AlertIngest ingest;
  private final InternalIntegrations integrations;

  SyntheticAlerts(AlertIngest ingest, InternalIntegrations integrations) {
    this.ingest = ingest;
    this.integrations = integrations;
  }

  /**
   * Stores one alert event of {@code event.source()} for {@code service}: a trigger opens or joins that service's
   * incident for the fingerprint, a resolve resolves the alert and then, with no other alert firing, the incident.
   */
  public IngestedAlert ingest(String service, AlertEvent event) {
    long id = integrations.id(event.source());
    // Incidents resolve when their alert does, and an alert firing again within the hour re-opens its incident:
    // a flapping job gets one incident, not one per flap.
    Catalog.Integration integration = new Catalog.Integration(InternalIntegrations.name(event.source()),
        Catalog.IntegrationType.EVENTS, service, List.of(), null, null, List.of(), true, null, null);
    // The alert names its service, and internal integrations are never deleted: nothing here can refuse it.
    IngestOutcome outcome = ingest.ingest(id, integration, List.of(event));
    return outcome.accepted().orElseThrow(() -> new IllegalStateException(
        "the " + event.source() + " alert " + event.fingerprint() + " was refused: " + outcome)).getFirst();
  }
}
