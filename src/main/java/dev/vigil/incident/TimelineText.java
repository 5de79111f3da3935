package dev.vigil.incident;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

/** Timeline events in words, for postmortems: what happened, who did it and through what. */
public final class TimelineText {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private TimelineText() {}

  public static String time(Instant at) {
    return at == null ? "-" : TIME.format(at);
  }

  /** One line for an event worth a postmortem's timeline, or null for the routine ones (alerts, deliveries). */
  public static String describe(String kind, String actor, String channel, Map<String, Object> detail) {
    String who = (actor == null ? "Vigil" : actor) + (channel == null ? "" : " via " + channel);
    return switch (kind) {
      case "triggered" -> "Opened: " + value(detail, "summary") + by(channel);
      case "reopened" -> "Re-opened: " + value(detail, "summary") + by(channel);
      case "severity_set" -> "Severity " + value(detail, "severity") + " (rule " + value(detail, "rule") + ")";
      case "severity_changed" -> "Severity " + value(detail, "from") + " -> " + value(detail, "to") + " by " + who
          + ": " + value(detail, "reason");
      case "escalated" -> detail.containsKey("paged")
          ? "Paged " + list(detail.get("paged")) + " (step " + value(detail, "step") + ")"
          : "Escalation: " + value(detail, "reason");
      case "acknowledged" -> "Acknowledged by " + who;
      case "mitigated" -> "Mitigated by " + who;
      case "resolved" -> "Resolved by " + who + (detail.containsKey("reason") ? " (" + detail.get("reason") + ")" : "");
      case "note" -> "Note by " + who + ": " + value(detail, "text");
      case "role_assigned" -> value(detail, "user") + " is " + value(detail, "role") + " (assigned by " + who + ")";
      case "responders_requested" -> "Responders requested by " + who + ": " + list(detail.get("targets"));
      case "downstream_impact" -> value(detail, "service") + " joined as downstream impact";
      case "merged" -> detail.containsKey("into") ? "Merged into #" + value(detail, "into") + " by " + who
          : "Incident #" + value(detail, "from") + " merged in by " + who;
      case "split" -> detail.containsKey("into") ? "Alerts split off into #" + value(detail, "into") + " by " + who
          : "Split off #" + value(detail, "from") + " by " + who;
      case "status_update" -> "Status update to " + ((Collection<?>) detail.getOrDefault("recipients",
          java.util.List.of())).size() + " stakeholders by " + who + ": " + value(detail, "message");
      case "rto_breached" -> "Still open past the RTO of " + value(detail, "rto");
      default -> null;
    };
  }

  private static String by(String channel) {
    return channel == null ? "" : " (from " + channel + ")";
  }

  private static String value(Map<String, Object> detail, String key) {
    Object v = detail.get(key);
    return v == null ? "" : v.toString();
  }

  private static String list(Object value) {
    return value instanceof Collection<?> c ? String.join(", ", c.stream().map(String::valueOf).toList())
        : String.valueOf(value);
  }
}
