package dev.vigil.incident;

import java.time.Instant;

/**
 * What other features need to know of an incident to page, notify and follow up about it: the incident as it stands,
 * or as a change left it when carried by {@link IncidentChanged}.
 *
 * @param severity null while unclassified
 * @param firstMitigatedAt when impact first stopped (kept when the incident re-opens), null before
 * @param mergedInto the incident this one was merged into, null when it was not
 */
public record IncidentFacts(long id, String title, String service, IncidentStatus status, String urgency,
    String severity, Instant createdAt, Instant acknowledgedAt, Instant firstMitigatedAt, Instant resolvedAt,
    String resolvedBy, Long mergedInto) {

  /** Whether the incident is resolved. */
  public boolean resolved() {
    return status == IncidentStatus.RESOLVED;
  }
}
