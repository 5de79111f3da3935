package dev.vigil.heartbeat;

import dev.vigil.heartbeat.HeartbeatRepository.Row;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import dev.vigil.incident.SyntheticAlerts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A heartbeat's alert: raised when it goes down (a missed ping, an unfinished run, a reported failure), resolved by
 * its next success. Source {@code heartbeat}; the fingerprint is the heartbeat's service and name, so all of one
 * heartbeat's troubles are one alert and one incident at a time. The ping URL is never put into an alert: its token
 * is a credential, and alerts travel in emails and chat messages.
 */
@Component
class HeartbeatAlerts {

  static final String SOURCE = "heartbeat";

  private final SyntheticAlerts alerts;

  HeartbeatAlerts(SyntheticAlerts alerts) {
    this.alerts = alerts;
  }

  static String fingerprint(Row heartbeat) {
    return SOURCE + ":" + heartbeat.path();
  }

  void trigger(Row heartbeat, String summary, String message, Instant since) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (heartbeat.spec().description() != null) {
      annotations.put("description", heartbeat.spec().description());
    }
    if (message != null && !message.isBlank()) {
      annotations.put("message", message.length() > 1000 ? message.substring(0, 1000) + "…" : message);
    }
    alerts.ingest(heartbeat.service(), new AlertEvent(SOURCE, fingerprint(heartbeat), AlertEvent.Action.TRIGGER,
        summary, AlertSeverity.parse(heartbeat.spec().severityOrDefault()), labels(heartbeat), annotations,
        List.of(), since, null));
  }

  void resolve(Row heartbeat, String why) {
    alerts.ingest(heartbeat.service(), new AlertEvent(SOURCE, fingerprint(heartbeat), AlertEvent.Action.RESOLVE,
        "Heartbeat " + heartbeat.path() + ": " + why, AlertSeverity.parse(heartbeat.spec().severityOrDefault()),
        labels(heartbeat), Map.of(), List.of(), null, null));
  }

  private static Map<String, String> labels(Row heartbeat) {
    return Map.of("service", heartbeat.service(), "heartbeat", heartbeat.name());
  }
}
