package dev.vigil.incident;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The recent changes on an incident's service and on everything upstream of it, likeliest cause first, which the
 * change log keeps and the incident's page shows; declared here and implemented there, so that changes build on
 * incidents and not the other way round.
 */
public interface RecentChanges {

  /**
   * A change listed on an incident.
   *
   * @param sameService whether it was made to the incident's own service rather than to one upstream of it
   * @param link how it is linked to the incident: {@code cause}, {@code not_cause}, {@code rollback}, or null
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Suspect(String id, String kind, String service, boolean sameService, String environment, String version,
      String summary, String author, String outcome, Instant startedAt, Instant finishedAt, String pipelineUrl,
      String link) {}

  /** The incident's suspects, likeliest first. */
  List<Suspect> of(long incidentId);
}
