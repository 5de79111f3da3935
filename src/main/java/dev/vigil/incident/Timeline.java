package dev.vigil.incident;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Appends events to an incident's timeline; every change to an incident goes through here. */
@Component
public class Timeline {

  /** The kinds of timeline event, each stored from and read back into its own record. */
  public enum Kind {
    TRIGGERED(TimelineEvent.Triggered.class),
    ALERT_ADDED(TimelineEvent.AlertAdded.class),
    ALERT_RESOLVED(TimelineEvent.AlertResolved.class),
    REOPENED(TimelineEvent.Reopened.class),
    ACKNOWLEDGED(TimelineEvent.Acknowledged.class),
    RESOLVED(TimelineEvent.Resolved.class),
    ESCALATED(TimelineEvent.Escalated.class),
    NOTE(TimelineEvent.Note.class),
    NOTIFICATION_QUEUED(TimelineEvent.NotificationQueued.class),
    NOTIFICATION_HELD(TimelineEvent.NotificationHeld.class),
    NOTIFICATION_SENT(TimelineEvent.NotificationSent.class),
    NOTIFICATION_DELIVERED(TimelineEvent.NotificationDelivered.class),
    NOTIFICATION_FAILED(TimelineEvent.NotificationFailed.class),
    MITIGATED(TimelineEvent.Mitigated.class),
    SEVERITY_SET(TimelineEvent.SeveritySet.class),
    SEVERITY_CHANGED(TimelineEvent.SeverityChanged.class),
    ROLE_ASSIGNED(TimelineEvent.RoleAssigned.class),
    ROLE_REMOVED(TimelineEvent.RoleRemoved.class),
    HANDED_OVER(TimelineEvent.HandedOver.class),
    RESPONDERS_REQUESTED(TimelineEvent.RespondersRequested.class),
    DOWNSTREAM_IMPACT(TimelineEvent.DownstreamImpact.class),
    MERGED(TimelineEvent.Merged.class),
    SPLIT(TimelineEvent.Split.class),
    STATUS_UPDATE(TimelineEvent.StatusUpdate.class),
    RTO_BREACHED(TimelineEvent.RtoBreached.class),
    POSTMORTEM_REQUIRED(TimelineEvent.PostmortemRequired.class),
    POSTMORTEM_UPDATED(TimelineEvent.PostmortemUpdated.class),
    POSTMORTEM_REMINDER(TimelineEvent.PostmortemReminder.class),
    ACTION_ITEM_ADDED(TimelineEvent.ActionItemAdded.class),
    ACTION_ITEM_UPDATED(TimelineEvent.ActionItemUpdated.class),
    ACTION_ITEM_DELETED(TimelineEvent.ActionItemDeleted.class),
    ACTION_ITEM_REMINDER(TimelineEvent.ActionItemReminder.class),
    CHANGE_MARKED(TimelineEvent.ChangeMarked.class),
    CHANGE_LINKED(TimelineEvent.ChangeLinked.class);

    private static final Map<Class<?>, Kind> BY_TYPE = Arrays.stream(values())
        .collect(Collectors.toUnmodifiableMap(k -> k.type, k -> k));

    private final Class<? extends TimelineEvent> type;

    Kind(Class<? extends TimelineEvent> type) {
      this.type = type;
    }

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    Class<? extends TimelineEvent> type() {
      return type;
    }

    static Kind of(TimelineEvent event) {
      return BY_TYPE.get(event.getClass());
    }

    /** The kind stored as {@code value}, if Vigil still writes it. */
    static Optional<Kind> stored(String value) {
      return Arrays.stream(values()).filter(k -> k.value().equals(value)).findFirst();
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
