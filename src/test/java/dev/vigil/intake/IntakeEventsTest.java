package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GenericEvents}: Vigil's own events API, one event or a batch, strict about unknown fields. */
class IntakeEventsTest {

  static List<AlertEvent> read(String json) {
    return GenericEvents.read(PayloadReader.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> problems(String json) {
    try {
      read(json);
    } catch (InvalidPayloadException e) {
      return e.problems();
    }
    throw new AssertionError("expected the events to be refused: " + json);
  }

  @Test
  void oneEventWithEveryField() {
    AlertEvent event = read("""
        {"fingerprint": "backup/nightly", "action": "trigger", "summary": "Nightly backup failed",
         "severity": "warning", "labels": {"job": "backup"}, "annotations": {"log": "exit 2"},
         "links": [{"href": "https://ci.example.com/42", "text": "Build 42"}, {"href": "https://x.example.com"}],
         "starts_at": "2026-03-01T02:00:00Z"}
        """).get(0);
    assertThat(event.source()).isEqualTo("events");
    assertThat(event.fingerprint()).isEqualTo("backup/nightly");
    assertThat(event.action()).isEqualTo(AlertEvent.Action.TRIGGER);
    assertThat(event.severity()).isEqualTo(AlertSeverity.WARNING);
    assertThat(event.labels()).containsEntry("job", "backup");
    assertThat(event.annotations()).containsEntry("log", "exit 2");
    assertThat(event.links()).containsExactly(new AlertEvent.Link("https://ci.example.com/42", "Build 42"),
        new AlertEvent.Link("https://x.example.com", "https://x.example.com"));
    assertThat(event.startsAt()).isEqualTo(Instant.parse("2026-03-01T02:00:00Z"));
  }

  @Test
  void aBatchAndItsDefaults() {
    List<AlertEvent> events = read("""
        {"events": [
          {"summary": "Queue depth over 10k", "labels": {"queue": "invoices"}},
          {"dedup_key": "q1", "action": "resolve", "ends_at": "2026-03-01T03:00:00+01:00"},
          {"fingerprint": "q2", "action": "acknowledge"}
        ]}
        """);
    assertThat(events).extracting(AlertEvent::action).containsExactly(AlertEvent.Action.TRIGGER,
        AlertEvent.Action.RESOLVE, AlertEvent.Action.ACKNOWLEDGE);
    assertThat(events.get(0).severity()).isEqualTo(AlertSeverity.ERROR);
    assertThat(events.get(0).fingerprint()).isEqualTo(Fingerprints.ofLabels(events.get(0).labels()));
    assertThat(events.get(1).fingerprint()).isEqualTo("q1");
    assertThat(events.get(1).endsAt()).isEqualTo(Instant.parse("2026-03-01T02:00:00Z"));
  }

  @Test
  void withoutFingerprintOrLabelsTheSummaryIdentifiesTheAlert() {
    String first = read("{\"summary\": \"Cron job missed\"}").get(0).fingerprint();
    assertThat(read("{\"summary\": \"Cron job missed\"}").get(0).fingerprint()).isEqualTo(first);
    assertThat(read("{\"summary\": \"Cron job late\"}").get(0).fingerprint()).isNotEqualTo(first);
  }

  @Test
  void unknownFieldsAreRefusedWithTheKnownOnes() {
    assertThat(problems("{\"sumary\": \"typo\"}")).containsExactly(
        "sumary: unknown field; known fields: action, annotations, dedup_key, ends_at, fingerprint, labels, links,"
            + " severity, starts_at, summary",
        "summary: is required");
    assertThat(problems("{\"events\": [{\"summary\": \"s\", \"links\": [{\"url\": \"https://a.example\"}]}]}"))
        .containsExactly("events[0].links[0].url: unknown field; known fields: href, text",
            "events[0].links[0].href: is required");
    assertThat(problems("{\"events\": [], \"extra\": 1}"))
        .containsExactly("extra: unknown field; known fields: events");
  }

  @Test
  void problemsNameTheEventAndField() {
    assertThat(problems("{\"events\": [{\"summary\": \"ok\"}, 3, {\"summary\": \"s\", \"labels\": \"x\"}]}"))
        .containsExactly("events[1]: expected an object, got a number",
            "events[2].labels: expected an object, got a string");
    assertThat(problems("{\"action\": \"resolve\"}")).containsExactly("fingerprint: is required to resolve");
    assertThat(problems("{\"action\": \"snooze\", \"summary\": \"s\"}"))
        .containsExactly("action: expected trigger, acknowledge or resolve, got 'snooze'");
    assertThat(problems("{\"summary\": \"s\", \"fingerprint\": \"a\", \"dedup_key\": \"b\"}"))
        .containsExactly("dedup_key: differs from fingerprint; give one of them");
    assertThat(problems("{\"summary\": \"s\", \"links\": [{\"href\": \"javascript:alert(1)\"}]}"))
        .containsExactly("links[0].href: expected an http or https URL, got 'javascript:alert(1)'");
    assertThat(problems("{\"summary\": \"" + "s".repeat(1025) + "\"}"))
        .containsExactly("summary: at most 1,024 characters, got 1,025");
    assertThat(problems("{\"summary\": \"s\", \"annotations\": {\"a\": \"" + "x".repeat(10_241) + "\"}}"))
        .as("our own API refuses what it would otherwise have to cut")
        .containsExactly("annotations.a: at most 10,240 characters, got 10,241");
    assertThat(problems("{\"summary\": \"s\", \"starts_at\": \"+10000-01-01T00:00:00Z\"}"))
        .containsExactly("starts_at: the year must be between 1 and 9999, got '+10000-01-01T00:00:00Z'");
    assertThat(problems("{\"events\": null}")).containsExactly("events: expected an array, got null");
  }
}
