package dev.vigil.report;

import java.time.Duration;
import java.time.Instant;

/**
 * The instants of one incident that reliability numbers are computed from.
 *
 * @param acknowledgedAt the first acknowledgement, kept across re-opens; null if never acknowledged
 * @param mitigatedAt the first mitigation; null if never marked mitigated
 * @param resolvedAt when it was resolved; null while open
 * @param rto the service's recovery time objective; null when it has none
 * @param rtoBreachedAt when Vigil flagged the incident as past its RTO; null if it did not
 */
record IncidentTimes(long id, String title, String service, String team, String severity, String status,
    Instant createdAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt, Duration rto,
    Instant rtoBreachedAt) {

  Duration timeToAcknowledge() {
    return acknowledgedAt == null ? null : Duration.between(createdAt, acknowledgedAt);
  }

  /** Until the first mitigation, or the resolution when it was never marked mitigated; null while neither. */
  Duration timeToMitigate() {
    Instant at = mitigatedAt != null ? mitigatedAt : resolvedAt;
    return at == null ? null : Duration.between(createdAt, at);
  }

  Duration timeToResolve() {
    return resolvedAt == null ? null : Duration.between(createdAt, resolvedAt);
  }

  /**
   * Past its RTO: flagged by Vigil, or mitigated later than the RTO allowed, or still unmitigated at {@code now}
   * longer than the RTO.
   */
  boolean rtoBreached(Instant now) {
    if (rtoBreachedAt != null) {
      return true;
    }
    if (rto == null) {
      return false;
    }
    Duration restored = timeToMitigate();
    return (restored != null ? restored : Duration.between(createdAt, now)).compareTo(rto) > 0;
  }
}
