package dev.vigil.incident;

import dev.vigil.incident.IncidentChanged.Change;
import dev.vigil.incident.IncidentRepository.IncidentRow;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incident lifecycle after an alert opened it ({@link AlertIngest}): people acknowledge, resolve, escalate and
 * annotate incidents, and an acknowledgement nobody followed up triggers one again. Every change is on the
 * incident's timeline, in the same transaction as the change.
 */
@Service
public class IncidentService {

  private final IncidentRepository incidents;
  private final Timeline timeline;
  private final TransactionTemplate transactions;
  private final IncidentChanges changes;
  private final Clock clock;

  IncidentService(IncidentRepository incidents, Timeline timeline, TransactionTemplate transactions,
      IncidentChanges changes, Clock clock) {
    this.incidents = incidents;
    this.timeline = timeline;
    this.transactions = transactions;
    this.changes = changes;
    this.clock = clock;
  }

  /**
   * An acknowledgement nobody followed up within the policy's timeout: the incident is triggered again and its
   * escalation starts over. Does nothing if the incident was acknowledged again or resolved since.
   */
  public boolean acknowledgementTimedOut(long incidentId, Instant acknowledgedAt) {
    return Boolean.TRUE.equals(transactions.execute(tx -> {
      Optional<IncidentRow> incident = incidents.lockIncident(incidentId);
      if (incident.isEmpty() || incident.get().status() != IncidentStatus.ACKNOWLEDGED
          || !acknowledgedAt.equals(incident.get().acknowledgedAt())) {
        return false;
      }
      incidents.reopen(incidentId, clock.instant());
      timeline.record(incidentId, null, null, TimelineEvent.Escalated.because("acknowledgement timed out"));
      changes.publish(incidentId, Change.REOPENED, null);
      return true;
    }));
  }


  /** Acknowledges an incident: escalation stops. Acknowledging twice is not an error. */
  public void acknowledge(long incidentId, String actor, String channel) {
    transactions.executeWithoutResult(tx -> {
      require(incidentId);
      acknowledgeLocked(incidentId, actor, channel);
    });
  }

  /** Acknowledges an incident inside the caller's transaction (a sender's acknowledge of its alert). */
  void acknowledgeLocked(long incidentId, String actor, String channel) {
    IncidentRow incident = incidents.lockIncident(incidentId).orElseThrow();
    if (incident.status() == IncidentStatus.RESOLVED) {
      return;
    }
    if (incidents.acknowledge(incidentId, actor, clock.instant())) {
      timeline.record(incidentId, actor, channel, new TimelineEvent.Acknowledged(null));
      changes.publish(incidentId, Change.ACKNOWLEDGED, actor);
    }
  }

  /** Resolves an incident, whatever its alerts say; they may re-open it if they fire again. */
  public void resolve(long incidentId, String actor, String channel) {
    transactions.executeWithoutResult(tx -> {
      require(incidentId);
      if (incidents.resolve(incidentId, actor, clock.instant())) {
        timeline.record(incidentId, actor, channel, new TimelineEvent.Resolved(null));
        changes.publish(incidentId, Change.RESOLVED, actor);
      }
    });
  }

  /** Asks the escalation to page the next step now instead of waiting for its delay. */
  public void escalateNow(long incidentId, String actor, String channel) {
    transactions.executeWithoutResult(tx -> {
      IncidentRow incident = require(incidentId);
      if (incident.status() == IncidentStatus.RESOLVED) {
        throw new RefusedException("incident " + incidentId + " is resolved; there is nobody left to escalate to");
      }
      timeline.record(incidentId, actor, channel, TimelineEvent.Escalated.because("escalated by hand"));
      changes.publish(incidentId, Change.ESCALATE_NOW, actor);
    });
  }

  public void addNote(long incidentId, String actor, String channel, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidException("text: a note needs some text");
    }
    if (text.length() > 20_000) {
      throw new InvalidException("text: a note is at most 20,000 characters");
    }
    transactions.executeWithoutResult(tx -> {
      require(incidentId);
      timeline.record(incidentId, actor, channel, new TimelineEvent.Note(text));
    });
  }

  private IncidentRow require(long incidentId) {
    return incidents.lockIncident(incidentId)
        .orElseThrow(() -> new NotFoundException("no incident with id " + incidentId));
  }
}
