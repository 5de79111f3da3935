package dev.vigil.coverage;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One item of a service's checklist, with its weight: what the item protects decides it (ADR 0048). Detection and
 * paging weigh 3 (without them nobody hears of an outage), contracts measured without an objective 3 (money is
 * owed on a figure nobody watches), ownership and objectives 2, alerts actually received, runbooks and postmortem
 * follow-up 1 (a quiet month may be a healthy one).
 */
public enum CoverageCheck {
  OWNER("Owner", "owner team", 2, "someone answers for it"),
  ESCALATION("Escalation", "escalation policy with at least two steps", 3, "a page nobody answers goes on to someone"),
  ON_CALL("On call", "on-call schedule without gaps in the next 28 days", 3, "someone is paged at any hour"),
  SIGNAL("Probe", "a probe or a heartbeat", 3, "an outage is noticed without the service's own monitoring"),
  ALERT_ROUTE("Routed", "an integration routes alerts to it", 3, "its monitoring's alerts reach someone"),
  ALERTS_RECEIVED("Alerts", "alerts received in the last 30 days", 1, "the alert path is known to work"),
  SLO("SLO", "an SLO", 2, "everyone knows how reliable is reliable enough"),
  RUNBOOK("Runbook", "a runbook", 1, "the responder knows what to do first"),
  ACTION_ITEMS("Follow-up", "no overdue postmortem action items", 1, "what an incident taught is acted on"),
  SLA_SLO("Contracts", "an SLA-covered service has an SLO", 3, "a contract's credits are seen coming");

  private final String heading;
  private final String label;
  private final int weight;
  private final String protects;

  CoverageCheck(String heading, String label, int weight, String protects) {
    this.heading = heading;
    this.label = label;
    this.weight = weight;
    this.protects = protects;
  }

  /** The name as the API and CSV write it: {@code alert-route}. */
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A column heading: one or two words. */
  public String heading() {
    return heading;
  }

  /** What the check asks for, in words. */
  public String label() {
    return label;
  }

  /** Its points in a service's score. */
  public int weight() {
    return weight;
  }

  /** Why it matters, in words. */
  public String protects() {
    return protects;
  }
}
