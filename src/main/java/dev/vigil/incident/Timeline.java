package dev.vigil.incident;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Appends events to an incident's timeline; every change to an incident goes through here. */
@Component
public class Timeline {

  /** The kinds of timeline event. */
  public enum Kind {
    TRIGGERED, ALERT_ADDED, ALERT_RESOLVED, REOPENED, ACKNOWLEDGED, RESOLVED, ESCALATED, NOTE,
    NOTIFICATION_QUEUED, NOTIFICATION_HELD, NOTIFICATION_SENT, NOTIFICATION_DELIVERED, NOTIFICATION_FAILED,
    MITIGATED, SEVERITY_SET, SEVERITY_CHANGED, ROLE_ASSIGNED, ROLE_REMOVED, RESPONDERS_REQUESTED, DOWNSTREAM_IMPACT,
    MERGED, SPLIT, STATUS_UPDATE, RTO_BREACHED, POSTMORTEM_REQUIRED, POSTMORTEM_UPDATED, POSTMORTEM_REMINDER,
    ACTION_ITEM_ADDED, ACTION_ITEM_UPDATED, ACTION_ITEM_DELETED, ACTION_ITEM_REMINDER;

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
  public void record(long incidentId, String actor, String channel, TimelineEvent event) {
    String detail = json.writeValueAsString(event);
    jdbc.sql("insert into incident_event (incident_id, at, kind, actor, channel, detail)"
            + " values (:incident, :at, :kind, :actor, :channel, cast(:detail as jsonb))")
        .param("incident", incidentId)
        .param("at", Timestamp.from(clock.instant()))
        .param("kind", event.kind().value())
        .param("actor", actor)
        .param("channel", channel)
        .param("detail", detail)
        .update();
  }

  /** One event to record with {@link #recordAll}. */
  public record Entry(long incidentId, String actor, String channel, TimelineEvent event) {}

  /** Records several events now, in the given order, with one statement. */
  public void recordAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    jdbc.sql("insert into incident_event (incident_id, at, kind, actor, channel, detail)"
            + " select e.incident_id, :at, e.kind, e.actor, e.channel, cast(e.detail as jsonb)"
            + " from unnest(cast(:incidents as bigint[]), cast(:kinds as text[]), cast(:actors as text[]),"
            + " cast(:channels as text[]), cast(:details as text[]))"
            + " with ordinality as e(incident_id, kind, actor, channel, detail, position) order by e.position")
        .param("at", Timestamp.from(clock.instant()))
        .param("incidents", entries.stream().map(Entry::incidentId).toArray(Long[]::new))
        .param("kinds", entries.stream().map(e -> e.event().kind().value()).toArray(String[]::new))
        .param("actors", entries.stream().map(Entry::actor).toArray(String[]::new))
        .param("channels", entries.stream().map(Entry::channel).toArray(String[]::new))
        .param("details", entries.stream()
            .map(e -> json.writeValueAsString(e.event())).toArray(String[]::new))
        .update();
  }
}
