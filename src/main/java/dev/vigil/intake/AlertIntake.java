package dev.vigil.intake;

import dev.vigil.catalog.CatalogQueries.KnownIntegration;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.IncidentService;
import dev.vigil.incident.IngestedAlert;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Takes a validated batch of alert events from one integration: counts it against the integration's rate limit,
 * then stores it whole through {@link IncidentService#ingest}, so that a 2xx answer means every event is durable.
 */
@Service
class AlertIntake {

  private final IncidentService incidents;
  private final RateLimits rateLimits;
  private final MeterRegistry meters;

  AlertIntake(IncidentService incidents, RateLimits rateLimits, MeterRegistry meters) {
    this.incidents = incidents;
    this.rateLimits = rateLimits;
    this.meters = meters;
  }

  List<IngestedAlert> accept(KnownIntegration integration, String source, List<AlertEvent> events) {
    try {
      rateLimits.take(integration.id(), integration.integration().name(),
          integration.integration().rateLimitOrDefault(), events.size());
    } catch (RateLimitedException e) {
      rejected(source, "rate_limited");
      throw e;
    }
    if (events.isEmpty()) {
      return List.of();
    }
    boolean stored = false;
    try {
      List<IngestedAlert> ingested = incidents.ingest(integration.id(), integration.integration(), events);
      stored = true;
      meters.counter("vigil.intake.alerts", "source", source).increment(events.size());
      return ingested;
    } finally {
      if (!stored) {
        rateLimits.giveBack(integration.id(), events.size());
      }
    }
  }

  /** Counts a request refused before anything was stored, by why: invalid, unknown_key, rate_limited, unroutable. */
  void rejected(String source, String reason) {
    meters.counter("vigil.intake.rejected", "source", source, "reason", reason).increment();
  }
}
