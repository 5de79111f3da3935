package dev.vigil.incident;

import java.util.Optional;

/**
 * The status of an incident's postmortem, which the postmortem feature keeps and the incident's page and API show;
 * declared here and implemented there, so that postmortems build on incidents and not the other way round.
 */
public interface PostmortemStatus {

  /** The status of the incident's postmortem ({@code draft}, {@code in_review}, {@code published}); empty if none. */
  Optional<String> of(long incidentId);
}
