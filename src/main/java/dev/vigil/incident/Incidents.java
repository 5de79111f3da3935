package dev.vigil.incident;

import dev.vigil.incident.IncidentRepository.IncidentRow;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How other features read incidents: their facts, the people in their roles, the services they reach downstream and
 * their timeline in words, without knowing the incident tables.
 */
@Component
public class Incidents {

  /** One entry of an incident's timeline as a person reads it. */
  public record TimelineLine(Instant at, String text) {}

  private final IncidentRepository incidents;
  private final OperationsRepository operations;

  Incidents(IncidentRepository incidents, OperationsRepository operations) {
    this.incidents = incidents;
    this.operations = operations;
  }

  public Optional<IncidentFacts> find(long incidentId) {
    return incidents.find(incidentId).map(Incidents::facts);
  }

  /** The incident's facts, locking its row when called inside a transaction (so status cannot change under us). */
  public Optional<IncidentFacts> lock(long incidentId) {
    return incidents.lockIncident(incidentId).map(Incidents::facts);
  }

  /** The open (triggered, acknowledged or mitigated) incidents of these services, newest first, at most {@code limit}. */
  public List<IncidentFacts> open(Collection<String> services, int limit) {
    if (services.isEmpty()) {
      return List.of();
    }
    return incidents.page(new IncidentQuery(IncidentStatus.values(IncidentStatus.OPEN), List.copyOf(services), null,
        null, null, null, null, limit)).stream().limit(limit).map(Incidents::facts).toList();
  }

  /** Who holds a role (commander, communications, scribe) in the incident, if anyone does. */
  public Optional<String> roleHolder(long incidentId, String role) {
    return operations.roleHolder(incidentId, role);
  }

  /** The services whose alerts joined the incident as downstream impact, in the order they did. */
  public List<String> downstreamServices(long incidentId) {
    return operations.impacts(incidentId).stream().map(OperationsRepository.Impact::service).toList();
  }

  /** The incident's timeline in words, oldest first, leaving out entries that say nothing to a reader. */
  public List<TimelineLine> timelineInWords(long incidentId) {
    return incidents.events(incidentId).stream()
        .map(e -> new TimelineLine(e.at(), TimelineText.describe(e.kind(), e.actor(), e.channel(), e.detail())))
        .filter(line -> line.text() != null).toList();
  }

  static IncidentFacts facts(IncidentRow r) {
    return new IncidentFacts(r.id(), r.title(), r.service(), r.status(), r.urgency(), r.severity(), r.createdAt(),
        r.acknowledgedAt(), r.firstMitigatedAt(), r.resolvedAt(), r.resolvedBy(), r.mergedInto());
  }
}
