package dev.vigil.incident;

import dev.vigil.incident.IncidentChanged.Change;
import dev.vigil.incident.IncidentRepository.IncidentRow;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link IncidentChanged} with the incident as the change left it, reading the changed incidents once per
 * batch of changes (one statement for an ingest batch of any size) instead of once per listener and incident.
 */
@Component
class IncidentChanges {

  /** One change to publish. */
  record Pending(long incidentId, Change change, String actor) {}

  private final IncidentRepository incidents;
  private final ApplicationEventPublisher events;

  IncidentChanges(IncidentRepository incidents, ApplicationEventPublisher events) {
    this.incidents = incidents;
    this.events = events;
  }

  /** Publishes one change, in the caller's transaction, after the change is written. */
  void publish(long incidentId, Change change, String actor) {
    publish(List.of(new Pending(incidentId, change, actor)));
  }

  /** Publishes changes in their order, in the caller's transaction, after the changes are written. */
  void publish(List<Pending> changes) {
    if (changes.isEmpty()) {
      return;
    }
    Set<Long> ids = new LinkedHashSet<>();
    changes.forEach(c -> ids.add(c.incidentId()));
    Map<Long, IncidentRow> rows = incidents.all(ids);
    for (Pending c : changes) {
      IncidentRow row = rows.get(c.incidentId());
      if (row == null) {
        // Written by this transaction a moment ago: gone only if the transaction deleted it, so nothing to tell.
        continue;
      }
      events.publishEvent(new IncidentChanged(c.change(), c.actor(), Incidents.facts(row)));
    }
  }
}
