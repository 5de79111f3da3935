package dev.vigil.notify;

import java.util.Optional;

/** Finds what an SMS reply refers to: the incident most recently paged to a phone number, and to whom. */
public interface PageLookup {

  /** The latest incident paged by SMS to {@code address} (E.164), or empty when none was. */
  Optional<PagedIncident> latestIncidentForAddress(String address);

  /** An incident paged to a user. */
  record PagedIncident(long incidentId, String user) {}
}
