package dev.vigil.incident;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Appends events to an incident's timeline; every change to an incident goes through here. */
@Component
public class Timeline {

  /** The kinds of timeline event. */
  public enum Kind {
    TRIGGERED, ALERT_ADDED, ALERT_RESOLVED, REOPENED, ACKNOWLEDGED, RESOLVED, ESCALATED, NOTE,
    NOTIFICATION_QUEUED, NOTIFICATION_SENT, NOTIFICATION_DELIVERED, NOTIFICATION_FAILED,
    MITIGATED, SEVERITY_SET, SEVERITY_CHANGED, ROLE_ASSIGNED, ROLE_REMOVED, RESPONDERS_REQUESTED, DOWNSTREAM_IMPACT,
    MERGED, SPLIT, STATUS_UPDATE, RTO_BREACHED, POSTMORTEM_REQUIRED, POSTMORTEM_UPDATED, POSTMORTEM_REMINDER,
    ACTION_ITEM_ADDED, ACTION_ITEM_UPDATED, ACTION_ITEM_REMINDER;

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final JsonMapper json;

  Timeline(JdbcClient jdbc, Clock clock, JsonMapper json) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.json = json;
  }

  /** Records an event now; {@code actor} and {@code channel} say who did it and how (null for Vigil itself). */
  public void record(long incidentId, Kind kind, String actor, String channel, Map<String, ?> detail) {
    jdbc.sql("insert into incident_event (incident_id, at, kind, actor, channel, detail)"
            + " values (:incident, :at, :kind, :actor, :channel, cast(:detail as jsonb))")
        .param("incident", incidentId)
        .param("at", Timestamp.from(clock.instant()))
        .param("kind", kind.value())
        .param("actor", actor)
        .param("channel", channel)
        .param("detail", json.writeValueAsString(detail == null ? Map.of() : detail))
        .update();
  }
}
