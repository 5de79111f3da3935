package dev.vigil.report;

import dev.vigil.incident.OpenIntervals;
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
 * @param open the times it was open: from its creation, and from each re-opening, to the resolution after it
 */
record IncidentTimes(long id, String title, String service, String team, String severity, String status,
    Instant createdAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt, Duration rto,
    Instant rtoBreachedAt, OpenIntervals open) {

  IncidentTimes withOpen(OpenIntervals intervals) {
    return new IncidentTimes(id, title, service, team, severity, status, createdAt, acknowledgedAt, mitigatedAt,
        resolvedAt, rto, rtoBreachedAt, intervals);
  }

  /** How long it was open before its first acknowledgement; null if never acknowledged. */
  Duration timeToAcknowledge() {
    return acknowledgedAt == null ? null : open.openBefore(acknowledgedAt);
  }

  /** Its downtime: how long it was open before each opening was mitigated or resolved; null while that goes on. */
  Duration timeToMitigate() {
    return open.downtime();
  }

  /** How long it was open in all; null while it is open. */
  Duration timeToResolve() {
    return open.openTime();
  }

  /**
   * Past its RTO: flagged by Vigil, or an opening (the first or a re-opening) took longer than the RTO to be
   * mitigated or resolved, or has not been for longer than the RTO at {@code now}.
   */
  boolean rtoBreached(Instant now) {
    if (rtoBreachedAt != null) {
      return true;
    }
    return rto != null && open.longestDowntime(now).compareTo(rto) > 0;
  }
}
