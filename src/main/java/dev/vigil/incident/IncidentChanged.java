package dev.vigil.incident;

/**
 * Something happened to an incident: published inside the transaction that changed it, so that listeners (paging,
 * stakeholder notices, the RTO watch, postmortems) act in the same transaction and see the change.
 *
 * @param incidentId the incident
 * @param change what happened to it
 * @param actor who did it; null when an alert or a job did
 */
public record IncidentChanged(long incidentId, Change change, String actor) {

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
