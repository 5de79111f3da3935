package dev.vigil.intake;

import dev.vigil.catalog.CatalogQueries.KnownIntegration;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.IncidentService;
import dev.vigil.incident.IngestedAlert;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Takes a validated batch of alert events from one integration: counts it against the integration's rate limit,
 * then stores it whole through {@link IncidentService#ingest}, so that a 2xx answer means every event is durable.
 */
@Service
class AlertIntake {

  /** One try and two retries: enough for the races below, which the retry always sees settled. */
  private static final int ATTEMPTS = 3;

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
      List<IngestedAlert> ingested = ingest(integration, events);
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

  private List<IngestedAlert> ingest(KnownIntegration integration, List<AlertEvent> events) {
    for (int attempt = 1; ; attempt++) {
      try {
        return incidents.ingest(integration.id(), integration.integration(), events);
      } catch (DuplicateKeyException | ConcurrencyFailureException e) {
        // Two requests carrying the same new alert race to insert it (an Alertmanager HA pair sends every
        // notification twice), or two batches lock the same alerts in opposite orders and PostgreSQL breaks the
        // deadlock. Either way the whole batch rolled back and the other request has committed: doing it again
        // finds the alert and joins it.
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
