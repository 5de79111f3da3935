package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PagerDutyEvent}: PagerDuty Events API v2 alert events normalised into alert events. */
class IntakePagerDutyTest {

  /** What Alertmanager's pagerduty_configs sends (its default templates). */
  static final String FROM_ALERTMANAGER = """
      {
        "routing_key": "key-0123456789abcdefghij",
        "dedup_key": "4a4b2f0b8e5c3d1a9f7e6d5c4b3a291807f6e5d4c3b2a1908f7e6d5c4b3a2918",
        "event_action": "trigger",
        "payload": {
          "summary": "[FIRING:2] HighLatency api",
          "source": "Alertmanager",
          "severity": "error",
          "custom_details": {
            "firing": "Labels:\\n - alertname = HighLatency\\n",
            "num_firing": "2",
            "num_resolved": "0",
            "resolved": ""
          }
        },
        "client": "Alertmanager",
        "client_url": "http://alertmanager:9093/#/alerts?receiver=vigil",
        "links": [{"href": "http://prometheus:9090/graph", "text": "Prometheus"}],
        "images": []
      }
      """;

  static AlertEvent read(String json) {
    return PagerDutyEvent.read(PayloadReader.parse(json.getBytes(StandardCharsets.UTF_8)), () -> "generated-key");
  }

  static List<String> problems(String json) {
    try {
      read(json);
    } catch (InvalidPayloadException e) {
      return e.problems();
    }
    throw new AssertionError("expected the event to be refused: " + json);
  }

  @Test
  void alertmanagersPagerDutyEventsAreRead() {
    AlertEvent event = read(FROM_ALERTMANAGER);
    assertThat(event.source()).isEqualTo("pagerduty");
    assertThat(event.action()).isEqualTo(AlertEvent.Action.TRIGGER);
    assertThat(event.fingerprint()).startsWith("4a4b2f0b");
    assertThat(event.summary()).isEqualTo("[FIRING:2] HighLatency api");
    assertThat(event.severity()).isEqualTo(AlertSeverity.ERROR);
    assertThat(event.labels()).containsEntry("source", "Alertmanager").containsEntry("severity", "error");
    assertThat(event.annotations()).containsEntry("num_firing", "2").containsKey("firing");
    assertThat(event.links()).containsExactly(new AlertEvent.Link("http://prometheus:9090/graph", "Prometheus"),
        new AlertEvent.Link("http://alertmanager:9093/#/alerts?receiver=vigil", "Alertmanager"));
  }

  @Test
  void aTriggerWithoutDedupKeyGetsANewOne() {
    assertThat(read(FROM_ALERTMANAGER.replaceFirst("\"dedup_key\": \"[0-9a-f]+\",", "")).fingerprint())
        .isEqualTo("generated-key");
    assertThat(read(FROM_ALERTMANAGER.replaceFirst("\"dedup_key\": \"[0-9a-f]+\",", "\"dedup_key\": \"\",")).fingerprint())
        .isEqualTo("generated-key");
  }

  @Test
  void acknowledgeAndResolveNeedOnlyTheDedupKey() {
    AlertEvent ack = read("{\"routing_key\": \"k\", \"event_action\": \"acknowledge\", \"dedup_key\": \"srv01/HTTP\"}");
    assertThat(ack.action()).isEqualTo(AlertEvent.Action.ACKNOWLEDGE);
    assertThat(ack.fingerprint()).isEqualTo("srv01/HTTP");
    AlertEvent resolve = read("{\"routing_key\": \"k\", \"event_action\": \"resolve\", \"dedup_key\": \"srv01/HTTP\","
        + " \"payload\": {\"summary\": 5}}");
    assertThat(resolve.action()).as("the payload of a resolve is ignored, as PagerDuty does")
        .isEqualTo(AlertEvent.Action.RESOLVE);
  }

  @Test
  void severitiesMapOneToOne() {
    for (AlertSeverity severity : AlertSeverity.values()) {
      assertThat(read(FROM_ALERTMANAGER.replace("\"severity\": \"error\"", "\"severity\": \"" + severity.value() + "\""))
          .severity()).isEqualTo(severity);
    }
  }

  @Test
  void timestampsInPagerDutysExampleFormatAreRead() {
    String json = FROM_ALERTMANAGER.replace("\"severity\": \"error\",",
        "\"severity\": \"error\", \"timestamp\": \"2015-07-17T08:42:58.315+0000\",");
    assertThat(read(json).startsAt()).isEqualTo(Instant.parse("2015-07-17T08:42:58.315Z"));
  }

  @Test
  void invalidEventsListEveryProblem() {
    assertThat(problems("{\"event_action\": \"trigger\", \"payload\": {\"summary\": \"s\", \"source\": \"h\","
        + " \"severity\": \"info\"}}")).containsExactly("routing_key: is required");
    assertThat(problems("{\"routing_key\": \"k\", \"event_action\": \"explode\"}"))
        .containsExactly("event_action: expected trigger, acknowledge or resolve, got 'explode'");
    assertThat(problems("{\"routing_key\": \"k\", \"event_action\": \"trigger\"}"))
        .containsExactly("payload: is required to trigger");
    assertThat(problems("{\"routing_key\": \"k\", \"event_action\": \"trigger\", \"payload\": {}}"))
        .containsExactly("payload.summary: is required", "payload.source: is required", "payload.severity: is required");
    assertThat(problems("{\"routing_key\": \"k\", \"event_action\": \"trigger\", \"payload\": {\"summary\": \"s\","
        + " \"source\": \"h\", \"severity\": \"high\"}}"))
        .containsExactly("payload.severity: expected critical, error, warning or info, got 'high'");
    assertThat(problems("{\"routing_key\": \"k\", \"event_action\": \"resolve\"}"))
        .containsExactly("dedup_key: is required to resolve");
    assertThat(problems("{\"routing_key\": \"k\", \"event_action\": \"acknowledge\", \"dedup_key\": \" \"}"))
        .containsExactly("dedup_key: must not be blank");
    assertThat(problems(FROM_ALERTMANAGER.replace("[FIRING:2] HighLatency api", "s".repeat(1025))))
        .containsExactly("payload.summary: at most 1,024 characters, got 1,025");
    assertThat(problems(FROM_ALERTMANAGER.replaceFirst("\"dedup_key\": \"[0-9a-f]+\"", "\"dedup_key\": \""
        + "d".repeat(256) + "\""))).containsExactly("dedup_key: at most 255 characters, got 256");
    assertThat(problems("[1]")).containsExactly("body: expected a JSON object, got an array");
  }

  @Test
  void routingKeyIsReadOnlyWhenItCouldBeOne() {
    assertThat(PagerDutyEvent.routingKey(PayloadReader.parse("{\"routing_key\": \"abc\"}".getBytes()))).isEqualTo("abc");
    assertThat(PagerDutyEvent.routingKey(PayloadReader.parse("{\"routing_key\": 12}".getBytes()))).isNull();
    assertThat(PagerDutyEvent.routingKey(PayloadReader.parse("{\"routing_key\": \" \"}".getBytes()))).isNull();
    assertThat(PagerDutyEvent.routingKey(PayloadReader.parse("\"abc\"".getBytes()))).isNull();
  }
}
