package dev.vigil.change;

import dev.vigil.incident.Incidents;
import dev.vigil.incident.Timeline;
import dev.vigil.incident.TimelineEvent;
import dev.vigil.system.NotFoundException;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A responder's verdict on whether a change caused an incident, kept as a link and told on the timeline. */
@Service
class ChangeVerdicts {

  private final ChangeRepository changes;
  private final Incidents incidents;
  private final Timeline timeline;
  private final Clock clock;

  ChangeVerdicts(ChangeRepository changes, Incidents incidents, Timeline timeline, Clock clock) {
    this.changes = changes;
    this.incidents = incidents;
    this.timeline = timeline;
    this.clock = clock;
  }

  /** Marks {@code changeId} as the incident's cause or not; marking it again replaces the verdict. */
  @Transactional
  void mark(long incidentId, String changeId, boolean cause, String actor, String channel) {
    // The incident's row lock orders two verdicts given at once, so that the link and the timeline agree.
    incidents.lock(incidentId).orElseThrow(() -> new NotFoundException("no incident with id " + incidentId));
    ChangeRepository.ChangeRow change = changes.byClientId(changeId)
        .orElseThrow(() -> new NotFoundException("no change with id '" + changeId + "'"));
    String verdict = cause ? "cause" : "not_cause";
    changes.mark(incidentId, change.id(), verdict, clock.instant(), actor);
    timeline.record(incidentId, actor, channel, new TimelineEvent.ChangeMarked(change.clientId(), change.summary(),
        verdict));
  }
}
