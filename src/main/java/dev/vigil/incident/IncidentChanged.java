package dev.vigil.incident;

/**
 * Something happened to an incident: published inside the transaction that changed it, so that listeners (paging,
 * stakeholder notices, the RTO watch, postmortems, status page subscribers) act in the same transaction and see the
 * change. It carries the incident as the change left it, so a listener decides from the event whether it has work
 * to do, without reading the incident again.
 *
 * @param change what happened to it
 * @param actor who did it; null when an alert or a job did
 * @param incident the incident after the change
 */
public record IncidentChanged(Change change, String actor, IncidentFacts incident) {

  /** The incident's id. */
  public long incidentId() {
    return incident.id();
  }

  /** What happened to an incident. */
  public enum Change {
    OPENED, REOPENED, ACKNOWLEDGED, RESOLVED, ESCALATE_NOW,
    /** Impact has stopped: escalation stops as for an acknowledgement, without an acknowledgement timeout. */
    MITIGATED,
    /** The severity went up: paging is evaluated again. */
    SEVERITY_RAISED,
    /** The severity of a resolved incident changed: a postmortem the new severity requires may now be due. */
    REGRADED
  }
}
