package dev.vigil.incident;

import dev.vigil.catalog.IntegrationsDeleting;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Deletes the alerts of integrations in the transaction that deletes them (ADR 0015: no foreign key cascades). */
@Component
class AlertsOfDeletedIntegrations {

  private final IngestRepository ingest;

  AlertsOfDeletedIntegrations(IngestRepository ingest) {
    this.ingest = ingest;
  }

  @EventListener
  void on(IntegrationsDeleting deleting) {
    if (!deleting.ids().isEmpty()) {
      ingest.deleteAlertsOf(deleting.ids());
    }
  }
}
