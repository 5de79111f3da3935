package dev.vigil.change;

import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentFacts;
import dev.vigil.incident.Incidents;
import dev.vigil.incident.RecentChanges;
import dev.vigil.incident.Topology;
import dev.vigil.system.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An incident's suspects: the changes on its service and on everything upstream of it (by {@code depends_on}) that
 * started in the lookback before it opened, and any change linked to it, likeliest first (ADR 0049): changes to the
 * incident's own service before those upstream, then failed or rolled back before succeeded, then the closest in
 * time to the incident's start.
 */
@Component
class SuspectChanges implements RecentChanges {

  /** The order in which a responder should look at changes, likeliest cause first. */
  static final Comparator<Candidate> LIKELIEST = Comparator.comparing((Candidate c) -> !c.sameService())
      .thenComparing(c -> !c.change().outcome().bad())
      .thenComparing(Candidate::distance)
      .thenComparing(c -> c.change().id());

  /** A change weighed against one incident. */
  record Candidate(ChangeRepository.ChangeRow change, boolean sameService, Duration distance) {}

  private final ChangeRepository changes;
  private final Incidents incidents;
  private final CatalogQueries catalog;
  private final ChangeProperties properties;

  SuspectChanges(ChangeRepository changes, Incidents incidents, CatalogQueries catalog,
      ChangeProperties properties) {
    this.changes = changes;
    this.incidents = incidents;
    this.catalog = catalog;
    this.properties = properties;
  }

  @Override
  @Transactional(readOnly = true)
  public List<Suspect> of(long incidentId) {
    IncidentFacts incident = incidents.find(incidentId)
        .orElseThrow(() -> new NotFoundException("no incident with id " + incidentId));
    List<String> services = new ArrayList<>();
    services.add(incident.service());
    services.addAll(Topology.upstream(catalog.dependencyGraph(), incident.service()));
    Instant opened = incident.createdAt();
    Map<Long, ChangeRepository.LinkRow> links = changes.linksOf(incidentId);
    return changes.around(incidentId, services, properties.incidentEnvironments(),
            opened.minus(properties.incidentLookback()), opened).stream()
        .map(c -> new Candidate(c, c.service().equals(incident.service()),
            Duration.between(c.startedAt(), opened).abs()))
        .sorted(LIKELIEST)
        .map(c -> suspect(c, links.get(c.change().id())))
        .toList();
  }

  private static Suspect suspect(Candidate candidate, ChangeRepository.LinkRow link) {
    ChangeRepository.ChangeRow c = candidate.change();
    return new Suspect(c.clientId(), c.kind().value(), c.service(), candidate.sameService(), c.environment(),
        c.version(), c.summary(), c.author(), c.outcome().value(), c.startedAt(), c.finishedAt(), c.pipelineUrl(),
        link == null ? null : link.link());
  }
}
