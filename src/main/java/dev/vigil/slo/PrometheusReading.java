package dev.vigil.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What one evaluation of a Prometheus SLI read for each of its lookbacks: events (empty where the source had no data),
 * judged time slices, or the failure that stands for every lookback, since one request carried them all.
 */
sealed interface PrometheusReading permits PrometheusReading.Occurrences, PrometheusReading.Slices,
    PrometheusFailure {

  /**
   * Good and total events over each lookback up to {@code at}.
   *
   * @param events by lookback, empty for a lookback without data (no series), zero events for zero traffic
   */
  record Occurrences(Instant at, Map<Duration, Optional<Events>> events) implements PrometheusReading {
    public Occurrences {
      events = Map.copyOf(events);
    }
  }

  /**
   * The slices of each lookback ending at {@code at}, the end of the last whole slice, judged good or bad, or counted
   * apart without data or without traffic.
   */
  record Slices(Instant at, Map<Duration, Timeslices> slices) implements PrometheusReading {
    public Slices {
      slices = Map.copyOf(slices);
    }
  }
}
