package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AlertmanagerWebhook}: Alertmanager's webhook payload version 4 normalised into alert events. */
class IntakeAlertmanagerTest {

  static final String PAYLOAD = """
      {
        "version": "4",
        "groupKey": "{}:{alertname=\\"HighLatency\\"}",
        "truncatedAlerts": 0,
        "status": "firing",
        "receiver": "vigil",
        "groupLabels": {"alertname": "HighLatency"},
        "commonLabels": {"alertname": "HighLatency"},
        "commonAnnotations": {},
        "externalURL": "http://alertmanager:9093",
        "alerts": [
          {
            "status": "firing",
            "labels": {"alertname": "HighLatency", "instance": "api-1", "severity": "critical"},
            "annotations": {"summary": "p99 latency over 2s on api-1", "description": "long text",
                            "runbook_url": "https://runbooks.example.com/latency"},
            "startsAt": "2026-03-01T10:00:00.123456789+02:00",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus:9090/graph?g0.expr=latency",
            "fingerprint": "8c1a7bd3e5f04a21"
          },
          {
            "status": "resolved",
            "labels": {"alertname": "DiskFull", "instance": "db-1"},
            "annotations": {},
            "startsAt": "2026-03-01T09:00:00Z",
            "endsAt": "2026-03-01T09:30:00Z",
            "generatorURL": ""
          }
        ]
      }
      """;

  static List<AlertEvent> read(String json) {
    return AlertmanagerWebhook.read(PayloadReader.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  static InvalidPayloadException invalid(String json) {
    try {
      read(json);
    } catch (InvalidPayloadException e) {
      return e;
    }
    throw new AssertionError("expected the payload to be refused: " + json);
  }

  @Test
  void firingAndResolvedAlertsBecomeTriggersAndResolves() {
    List<AlertEvent> events = read(PAYLOAD);
    assertThat(events).hasSize(2);

    AlertEvent firing = events.get(0);
    assertThat(firing.source()).isEqualTo("alertmanager");
    assertThat(firing.action()).isEqualTo(AlertEvent.Action.TRIGGER);
    assertThat(firing.fingerprint()).as("Alertmanager's own fingerprint").isEqualTo("8c1a7bd3e5f04a21");
    assertThat(firing.summary()).isEqualTo("p99 latency over 2s on api-1");
    assertThat(firing.severity()).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(firing.startsAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00.123456789Z"));
    assertThat(firing.endsAt()).isNull();
    assertThat(firing.labels()).containsEntry("instance", "api-1");
    assertThat(firing.links()).containsExactly(
        new AlertEvent.Link("http://prometheus:9090/graph?g0.expr=latency", "Source"),
        new AlertEvent.Link("https://runbooks.example.com/latency", "Runbook"));

    AlertEvent resolved = events.get(1);
    assertThat(resolved.action()).isEqualTo(AlertEvent.Action.RESOLVE);
    assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
    assertThat(resolved.fingerprint()).as("hash of the labels when Alertmanager sends none")
        .isEqualTo(Fingerprints.ofLabels(resolved.labels())).matches("[0-9a-f]{16}");
    assertThat(resolved.links()).isEmpty();
  }

  @Test
  void fingerprintsWithoutAlertmanagersAreStableAcrossRepeatsAndLabelOrder() {
    String a = alert("\"labels\": {\"alertname\": \"X\", \"job\": \"node\", \"instance\": \"h1\"}");
    String b = alert("\"labels\": {\"instance\": \"h1\", \"alertname\": \"X\", \"job\": \"node\"}");
    String first = read(a).get(0).fingerprint();
    assertThat(read(a).get(0).fingerprint()).isEqualTo(first);
    assertThat(read(b).get(0).fingerprint()).isEqualTo(first);
    assertThat(read(alert("\"labels\": {\"alertname\": \"X\", \"job\": \"node\", \"instance\": \"h2\"}"))
        .get(0).fingerprint()).isNotEqualTo(first);
  }

  @Test
  void summaryFallsBackFromSummaryToDescriptionToAlertnameToLabels() {
    assertThat(summary("\"annotations\": {\"summary\": \"S\", \"description\": \"D\"}, \"labels\": {\"alertname\": \"A\"}"))
        .isEqualTo("S");
    assertThat(summary("\"annotations\": {\"summary\": \" \", \"description\": \"\\n first line \\nsecond\"},"
        + " \"labels\": {\"alertname\": \"A\"}")).isEqualTo("first line");
    assertThat(summary("\"labels\": {\"alertname\": \"A\"}")).isEqualTo("A");
    assertThat(summary("\"labels\": {\"job\": \"node\"}")).isEqualTo("{job=node}");
    assertThat(summary("\"labels\": {}")).startsWith("Alert ");
    String longSummary = summary("\"annotations\": {\"summary\": \"" + "x".repeat(5000) + "\"}");
    assertThat(longSummary).hasSize(1024).endsWith("…");
  }

  @Test
  void severityComesFromTheSeverityLabel() {
    assertThat(severity("critical")).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(severity("page")).isEqualTo(AlertSeverity.CRITICAL);
    assertThat(severity("warning")).isEqualTo(AlertSeverity.WARNING);
    assertThat(severity("info")).isEqualTo(AlertSeverity.INFO);
    assertThat(severity("whatever")).isEqualTo(AlertSeverity.ERROR);
    assertThat(read(alert("\"labels\": {\"alertname\": \"X\"}")).get(0).severity()).isEqualTo(AlertSeverity.ERROR);
  }

  @Test
  void unknownFieldsAreIgnored() {
    List<AlertEvent> events = read("{\"version\": \"4\", \"futureField\": {\"a\": [1]}, \"alerts\": [{\"status\":"
        + " \"firing\", \"labels\": {\"alertname\": \"X\"}, \"newThing\": 42}]}");
    assertThat(events).hasSize(1);
  }

  @Test
  void problemsNameTheFieldAndWhere() {
    assertThat(invalid("{\"alerts\": [{\"status\": \"firing\"}, {\"status\": \"firing\", \"labels\": []}]}")
        .problems()).containsExactly("alerts[1].labels: expected an object, got an array");
    assertThat(invalid("{\"alerts\": [{\"status\": \"burning\", \"labels\": {\"a\": 1}}]}").problems())
        .containsExactly("alerts[0].status: expected firing or resolved, got 'burning'",
            "alerts[0].labels.a: expected a string, got a number");
    assertThat(invalid("{\"alerts\": [{\"status\": \"firing\", \"startsAt\": \"yesterday\"}]}").getMessage())
        .contains("alerts[0].startsAt: expected an RFC 3339 time");
    assertThat(invalid("{\"alerts\": {}}").getMessage()).isEqualTo("alerts: expected an array, got an object");
    assertThat(invalid("{\"receiver\": \"x\"}").getMessage()).isEqualTo("alerts: is required");
    assertThat(invalid("[]").getMessage()).isEqualTo("body: expected a JSON object, got an array");
    assertThat(invalid("{\"version\": \"5\", \"alerts\": []}").getMessage()).contains("version 4, got '5'");
    assertThat(invalid("{\"alerts\": [null]}").getMessage()).isEqualTo("alerts[0]: expected an object, got null");
    assertThat(invalid("{\"alerts\": [{\"status\": 1}]}").problems())
        .containsExactly("alerts[0].status: expected a string, got a number");
    assertThat(invalid("{\"alerts\": [{\"labels\": {}}]}").problems())
        .containsExactly("alerts[0].status: is required: firing or resolved");
  }

  @Test
  void limitsAreEnforced() {
    String many = "{\"alerts\": [" + String.join(",", java.util.Collections.nCopies(1001,
        "{\"status\": \"firing\", \"labels\": {}}")) + "]}";
    assertThat(invalid(many).getMessage()).isEqualTo("alerts: at most 1,000 alerts per request, got 1,001");
    assertThat(read(many.replaceFirst("\\{\"status\": \"firing\", \"labels\": \\{}},", ""))).hasSize(1000);

    assertThat(invalid(alert("\"labels\": {\"a\": \"" + "x".repeat(10_241) + "\"}")).getMessage())
        .isEqualTo("alerts[0].labels.a: at most 10,240 characters, got 10,241");
    assertThat(invalid(alert("\"labels\": {}, \"fingerprint\": \"" + "f".repeat(256) + "\"")).getMessage())
        .isEqualTo("alerts[0].fingerprint: at most 255 characters, got 256");
    assertThat(invalid(alert("\"labels\": {\"a\": \"nul\\u0000\"}")).getMessage())
        .contains("alerts[0].labels.a: contains a NUL character");

    // Annotations are a monitoring tool's prose: cut, not refused, so that the page still goes out.
    AlertEvent longAnnotation = read(alert("\"labels\": {}, \"annotations\": {\"description\": \""
        + "y".repeat(20_000) + "\"}")).get(0);
    assertThat(longAnnotation.annotations().get("description")).hasSize(10_240).endsWith("…");
  }

  @Test
  void linksThatAreNotWebUrlsAreLeftOut() {
    AlertEvent event = read(alert("\"labels\": {}, \"generatorURL\": \"javascript:alert(1)\","
        + " \"annotations\": {\"runbook_url\": \"file:///etc/passwd\"}")).get(0);
    assertThat(event.links()).isEmpty();
  }

  static String alert(String fields) {
    return "{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\", " + fields + "}]}";
  }

  private static String summary(String fields) {
    return read(alert(fields)).get(0).summary();
  }

  private static AlertSeverity severity(String label) {
    return read(alert("\"labels\": {\"severity\": \"" + label + "\"}")).get(0).severity();
  }
}
