package dev.vigil.incident;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Timeline events in words, for postmortems: what happened, who did it and through what. */
public final class TimelineText {

  /** Reads stored details leniently: rows written by earlier versions may hold keys no record has now. */
  private static final JsonMapper STORED = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private TimelineText() {}

  public static String time(Instant at) {
    return at == null ? "-" : TIME.format(at);
  }

  /** One line for an event worth a postmortem's timeline, or null for the routine ones (alerts, deliveries). */
  public static String describe(String kind, String actor, String channel, Map<String, Object> detail) {
    String who = (actor == null ? "Vigil" : actor) + (channel == null ? "" : " via " + channel);
    return Timeline.Kind.stored(kind).<TimelineEvent>map(k -> STORED.convertValue(detail, k.type()))
        .map(event -> describe(event, who, channel)).orElse(null);
  }

  private static String describe(TimelineEvent event, String who, String channel) {
    return switch (event) {
      case TimelineEvent.Triggered e -> "Opened: " + text(e.summary()) + by(channel);
      case TimelineEvent.Reopened e -> "Re-opened: " + text(e.summary()) + by(channel);
      case TimelineEvent.SeveritySet e -> "Severity " + text(e.severity()) + " (rule " + text(e.rule()) + ")";
      case TimelineEvent.SeverityChanged e -> "Severity " + text(e.from()) + " -> " + text(e.to()) + " by " + who
          + ": " + text(e.reason());
      case TimelineEvent.Escalated e -> e.paged() != null
          ? "Paged " + String.join(", ", e.paged()) + " (step " + text(e.step()) + ")"
          : "Escalation: " + text(e.reason());
      case TimelineEvent.Acknowledged e -> "Acknowledged by " + who;
      case TimelineEvent.Mitigated e -> "Mitigated by " + who;
      case TimelineEvent.Resolved e -> "Resolved by " + who + (e.reason() != null ? " (" + e.reason() + ")" : "");
      case TimelineEvent.Note e -> "Note by " + who + ": " + text(e.text());
      case TimelineEvent.RoleAssigned e -> text(e.user()) + " is " + text(e.role()) + " (assigned by " + who + ")";
      case TimelineEvent.HandedOver e -> "Handed to " + text(e.to()) + " by " + who
          + (e.from() == null ? "" : " (from " + String.join(", ", e.from()) + ")");
      case TimelineEvent.RespondersRequested e -> "Responders requested by " + who + ": "
          + String.join(", ", e.targets().stream().map(String::valueOf).toList());
      case TimelineEvent.DownstreamImpact e -> text(e.service()) + " joined as downstream impact";
      case TimelineEvent.Merged e -> e.into() != null ? "Merged into #" + e.into() + " by " + who
          : "Incident #" + text(e.from()) + " merged in by " + who;
      case TimelineEvent.Split e -> e.into() != null ? "Alerts split off into #" + e.into() + " by " + who
          : "Split off #" + text(e.from()) + " by " + who;
      case TimelineEvent.StatusUpdate e -> "Status update to " + (e.recipients() == null ? 0 : e.recipients().size())
          + " stakeholders by " + who + ": " + text(e.message());
      case TimelineEvent.RtoBreached e -> "Still open past the RTO of " + text(e.rto());
      case TimelineEvent.ChangeMarked e -> "Change " + text(e.summary()) + " marked by " + who
          + ("cause".equals(e.verdict()) ? " as the cause" : " as not the cause");
      case TimelineEvent.ChangeLinked e -> "Rollback " + text(e.summary()) + " recorded during the incident"
          + (e.rollbackOf() != null ? " (undoes " + e.rollbackOf() + ")" : "");
      // The routine ones: alerts, notifications and the postmortem's own bookkeeping.
      default -> null;
    };
  }

  private static String by(String channel) {
    return channel == null ? "" : " (from " + channel + ")";
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
