package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GrafanaWebhook}: Grafana's unified alerting webhook normalised into alert events. */
class IntakeGrafanaTest {

  static final String PAYLOAD = """
      {
        "receiver": "vigil",
        "status": "firing",
        "orgId": 1,
        "alerts": [
          {
            "status": "firing",
            "labels": {"alertname": "High memory usage", "grafana_folder": "infra", "severity": "warning"},
            "annotations": {"description": "The system has high memory usage"},
            "startsAt": "2026-03-01T09:51:03.157076+02:00",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "https://grafana.example.com/alerting/grafana/abc/view",
            "fingerprint": "c6eadffa33fcdf37",
            "silenceURL": "https://grafana.example.com/alerting/silence/new?matchers=alertname%3DHigh",
            "dashboardURL": "https://grafana.example.com/d/xyz",
            "panelURL": "",
            "values": {"B": 44.2, "C": 1},
            "valueString": "[ var='B' labels={} value=44.2 ]"
          }
        ],
        "groupLabels": {"alertname": "High memory usage"},
        "commonLabels": {}, "commonAnnotations": {},
        "externalURL": "https://grafana.example.com/",
        "version": "1",
        "groupKey": "{}:{alertname=\\"High memory usage\\"}",
        "truncatedAlerts": 0,
        "title": "[FIRING:1] High memory usage",
        "state": "alerting",
        "message": "**Firing** ..."
      }
      """;

  static List<AlertEvent> read(String json) {
    return GrafanaWebhook.read(PayloadReader.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void grafanaAlertsKeepTheirFingerprintLinksAndValues() {
    AlertEvent event = read(PAYLOAD).get(0);
    assertThat(event.source()).isEqualTo("grafana");
    assertThat(event.action()).isEqualTo(AlertEvent.Action.TRIGGER);
    assertThat(event.fingerprint()).isEqualTo("c6eadffa33fcdf37");
    assertThat(event.summary()).as("description, as there is no summary").isEqualTo("The system has high memory usage");
    assertThat(event.severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(event.annotations()).containsEntry("valueString", "[ var='B' labels={} value=44.2 ]")
        .as("the structured values, which Grafana keeps when valueString goes").containsEntry("values",
            "{\"B\":44.2,\"C\":1}");
    assertThat(event.links()).extracting(AlertEvent.Link::text).containsExactly("Source", "Dashboard", "Silence");
  }

  @Test
  void valuesThatAreNotAnObjectAreLeftOutAndTheAlertKept() {
    AlertEvent event = read(PAYLOAD.replace("\"values\": {\"B\": 44.2, \"C\": 1}", "\"values\": \"B=44.2\"")).get(0);
    assertThat(event.annotations()).doesNotContainKey("values").containsKey("valueString");
  }

  @Test
  void grafanasPayloadVersionIsNotAlertmanagers() {
    assertThat(read(PAYLOAD.replace("\"version\": \"1\"", "\"version\": \"2\""))).hasSize(1);
  }

  @Test
  void resolvedAlertsResolve() {
    List<AlertEvent> events = read(PAYLOAD.replaceFirst("\"status\": \"firing\",(\\s+)\"labels\"",
        "\"status\": \"resolved\",$1\"labels\"").replace("0001-01-01T00:00:00Z", "2026-03-01T08:00:00Z"));
    assertThat(events.get(0).action()).isEqualTo(AlertEvent.Action.RESOLVE);
    assertThat(events.get(0).endsAt()).hasToString("2026-03-01T08:00:00Z");
  }

  @Test
  void wrongTypesAreNamed() {
    try {
      read("{\"alerts\": [{\"status\": \"firing\", \"labels\": {}, \"dashboardURL\": 7}]}");
    } catch (InvalidPayloadException e) {
      assertThat(e.problems()).containsExactly("alerts[0].dashboardURL: expected a string, got a number");
      return;
    }
    throw new AssertionError("expected a problem");
  }
}
