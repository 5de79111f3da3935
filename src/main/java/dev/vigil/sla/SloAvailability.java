package dev.vigil.sla;

import dev.vigil.availability.Interval;
import java.time.Duration;
import java.util.Optional;

/**
 * The port through which a contract that names an SLO is measured from that SLO, implemented by the feature that
 * evaluates SLOs. Until a bean implements it, such a contract is measured from its services' incidents and its
 * ledger says so.
 */
public interface SloAvailability {

  /** The SLO's bad time within {@code period} up to its end or now, or empty when the SLO has no measure there. */
  Optional<Duration> downtime(String slo, Interval period);
}
