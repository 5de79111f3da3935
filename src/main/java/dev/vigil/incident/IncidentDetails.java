package dev.vigil.incident;

import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentController.AlertView;
import dev.vigil.incident.IncidentController.EventView;
import dev.vigil.incident.IncidentController.IncidentDetail;
import dev.vigil.incident.IncidentController.IncidentView;
import dev.vigil.incident.OperationsRepository.State;
import dev.vigil.system.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds the detail of an incident that the API shows after reads and after every action. */
@Component
class IncidentDetails {

  private final IncidentRepository incidents;
  private final OperationsRepository operations;
  private final PostmortemStatus postmortems;
  private final CatalogQueries catalog;

  IncidentDetails(IncidentRepository incidents, OperationsRepository operations, PostmortemStatus postmortems,
      CatalogQueries catalog) {
    this.incidents = incidents;
    this.operations = operations;
    this.postmortems = postmortems;
    this.catalog = catalog;
  }

  /**
   * How an incident is run: its severity and the rule (or person) that set it, mitigation, the RTO flag, what it
   * was merged into, who holds which role, the services whose alerts joined it as downstream impact, and its blast
   * radius in the catalog as it is now.
   */
  record Operations(String severity, String severityRule, Instant mitigatedAt, Instant rtoBreachedAt, Long mergedInto,
      List<OperationsRepository.RoleHolder> roles, List<OperationsRepository.Impact> downstreamImpact,
      Topology.BlastRadius blastRadius, String postmortem) {}

  IncidentDetail detail(long id) {
    IncidentRepository.IncidentRow incident = incidents.find(id)
        .orElseThrow(() -> new NotFoundException("no incident with id " + id));
    List<AlertView> alerts = incidents.alerts(id).stream().map(IncidentController::alert).toList();
    List<EventView> timeline = incidents.events(id).stream()
        .map(e -> new EventView(e.at(), e.kind(), e.actor(), e.channel(), e.detail())).toList();
    State state = operations.find(id).orElseThrow();
    Operations ops = new Operations(state.severity(), state.severityRule(), state.mitigatedAt(),
        state.rtoBreachedAt(), state.mergedInto(), operations.roles(id), operations.impacts(id),
        Topology.blastRadius(catalog.catalog(), state.service()),
        postmortems.of(id).orElse(null));
    return new IncidentDetail(IncidentView.of(incident), alerts, timeline, ops);
  }
}
