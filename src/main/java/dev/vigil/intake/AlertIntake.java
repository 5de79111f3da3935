package dev.vigil.intake;

import dev.vigil.catalog.CatalogQueries.KnownIntegration;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertIngest;
import dev.vigil.incident.IngestOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Takes a validated batch of alert events from one integration: counts it against the integration's rate limit,
 * then stores it whole through {@link AlertIngest#ingest}, so that a 2xx answer means every event is durable.
 */
@Service
class AlertIntake {

  private final AlertIngest ingest;
  private final RateLimits rateLimits;
  private final MeterRegistry meters;

  AlertIntake(AlertIngest ingest, RateLimits rateLimits, MeterRegistry meters) {
    this.ingest = ingest;
    this.rateLimits = rateLimits;
    this.meters = meters;
  }

  /** What became of the batch; a refused one is counted as rejected and not against the rate limit. */
  IngestOutcome accept(KnownIntegration integration, String source, List<AlertEvent> events) {
    try {
      rateLimits.take(integration.id(), integration.integration().name(),
          integration.integration().rateLimitOrDefault(), events.size());
    } catch (RateLimitedException e) {
      rejected(source, "rate_limited");
      throw e;
    }
    if (events.isEmpty()) {
      return new IngestOutcome.Accepted(List.of());
    }
    boolean stored = false;
    try {
      IngestOutcome outcome = ingest.ingest(integration.id(), integration.integration(), events);
      switch (outcome) {
        case IngestOutcome.Accepted accepted -> {
          stored = true;
          meters.counter("vigil.intake.alerts", "source", source).increment(events.size());
        }
        case IngestOutcome.Unroutable unroutable -> rejected(source, "unroutable");
        // Deleted while this request was being stored: counted as any unknown key is.
        case IngestOutcome.IntegrationGone gone -> rejected(source, "unknown_key");
      }
      return outcome;
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
