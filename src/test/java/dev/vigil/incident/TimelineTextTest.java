package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stored timeline row reads back as its event and is told in words, or left out when it is routine. */
class TimelineTextTest {

  @Test
  void storedRowsAreToldInWords() {
    assertThat(TimelineText.describe("triggered", null, "prom", Map.of("summary", "disk full", "integration", "p")))
        .isEqualTo("Opened: disk full (from prom)");
    assertThat(TimelineText.describe("escalated", null, null, Map.of("policy", "ops", "step", 2, "round", 1,
        "paged", List.of("ann", "bob")))).isEqualTo("Paged ann, bob (step 2)");
    assertThat(TimelineText.describe("escalated", null, null, Map.of("policy", "ops", "step", "management",
        "paged", List.of("cem")))).isEqualTo("Paged cem (step management)");
    assertThat(TimelineText.describe("escalated", null, null, Map.of("reason", "escalated by hand")))
        .isEqualTo("Escalation: escalated by hand");
    assertThat(TimelineText.describe("resolved", "ann", "slack", Map.of())).isEqualTo("Resolved by ann via slack");
    assertThat(TimelineText.describe("resolved", null, null, Map.of("reason", "all alerts resolved")))
        .isEqualTo("Resolved by Vigil (all alerts resolved)");
    assertThat(TimelineText.describe("responders_requested", "ann", null, Map.of("targets",
        List.of(Map.of("team", "db")), "message", "help"))).isEqualTo("Responders requested by ann: {team=db}");
    assertThat(TimelineText.describe("merged", "ann", null, Map.of("from", 7, "alerts", 2, "service", "db")))
        .isEqualTo("Incident #7 merged in by ann");
    assertThat(TimelineText.describe("split", "ann", null, Map.of("into", 8, "alerts", List.of(1, 2))))
        .isEqualTo("Alerts split off into #8 by ann");
    assertThat(TimelineText.describe("severity_changed", "ann", null, Map.of("to", "SEV1", "reason", "worse")))
        .isEqualTo("Severity  -> SEV1 by ann: worse");
    assertThat(TimelineText.describe("status_update", "ann", null, Map.of("statusUpdate", 5, "message", "fixed",
        "recipients", List.of("a", "b")))).isEqualTo("Status update to 2 stakeholders by ann: fixed");
  }

  @Test
  void routineAndUnknownKindsAreLeftOut() {
    assertThat(TimelineText.describe("alert_added", null, "prom", Map.of("fingerprint", "fp"))).isNull();
    assertThat(TimelineText.describe("notification_sent", null, "sms", Map.of("user", "ann", "notification", 3)))
        .isNull();
    assertThat(TimelineText.describe("a_kind_from_long_ago", null, null, Map.of())).isNull();
  }

  @Test
  void keysFromEarlierVersionsArePassedOver() {
    assertThat(TimelineText.describe("note", "ann", null, Map.of("text", "looking", "format", "plain")))
        .isEqualTo("Note by ann: looking");
  }
}
