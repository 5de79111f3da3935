package dev.vigil.incident;

import java.time.Instant;
import java.util.List;

/** Filters and a keyset cursor for listing incidents, newest first. */
record IncidentQuery(List<String> statuses, List<String> services, String urgency, Instant since, Instant until,
    Instant afterCreatedAt, Long afterId, int limit, List<String> severities) {

  IncidentQuery(List<String> statuses, List<String> services, String urgency, Instant since, Instant until,
      Instant afterCreatedAt, Long afterId, int limit) {
    this(statuses, services, urgency, since, until, afterCreatedAt, afterId, limit, List.of());
  }
}
