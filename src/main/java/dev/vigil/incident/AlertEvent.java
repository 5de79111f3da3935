package dev.vigil.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One alert as any source reports it, after normalisation: Alertmanager, Grafana, PagerDuty Events v2, the generic
 * events API, probes and heartbeats all become this.
 *
 * @param source the kind of sender: alertmanager, grafana, pagerduty, events, probe, heartbeat
 * @param fingerprint identity of the alert within its integration, stable across repeats
 * @param action trigger (or repeat), acknowledge, or resolve
 * @param summary one line a person reads in a page
 * @param severity the sender's idea of how bad it is; the incident policy's rules read it
 * @param labels identifying key-values (routing and grouping read them)
 * @param annotations descriptive key-values (description, runbook...)
 * @param links related URLs (dashboards, runbooks, the sender's own page)
 * @param startsAt when the problem started, as the sender says; null means now
 * @param endsAt when it ended, for resolves; null means now
 */
public record AlertEvent(
    String source,
    String fingerprint,
    Action action,
    String summary,
    AlertSeverity severity,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<Link> links,
    Instant startsAt,
    Instant endsAt) {

  public AlertEvent {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    links = links == null ? List.of() : List.copyOf(links);
    severity = severity == null ? AlertSeverity.ERROR : severity;
  }

  /** What the sender says happened to the alert. */
  public enum Action {
    TRIGGER, ACKNOWLEDGE, RESOLVE
  }

  /** A related URL and what it is. */
  public record Link(String href, String text) {}
}
