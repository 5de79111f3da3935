package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.IncidentRepository.EventRow;
import dev.vigil.incident.TimelineLines.Line;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The timeline's lines from recorded events: one per person paged, and nothing said that was not recorded. */
class TimelineLinesTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Instant T0 = Instant.parse("2026-03-02T10:15:00Z");
  static final Map<String, String> NAMES = Map.of("elena", "Elena");

  final List<EventRow> events = new ArrayList<>();

  void at(Duration after, String actor, String channel, TimelineEvent event) {
    events.add(new EventRow(events.size() + 1, T0.plus(after), event.kind().value(), actor, channel,
        JSON.convertValue(event, new TypeReference<Map<String, Object>>() {})));
  }

  List<String> lines() {
    return TimelineLines.of(events, NAMES).stream().map(Line::text).toList();
  }

  @Test
  void aPageThatFellBackFromSmsToEmailAndWasAcknowledgedFromTheLink() {
    // As a step records them: its pages queued, then whom it paged.
    at(Duration.ZERO, null, "sms", new TimelineEvent.NotificationQueued("elena", 1, null));
    at(Duration.ZERO, null, null, TimelineEvent.Escalated.paged("checkout", 1, 1, null, List.of("elena"), List.of()));
    at(Duration.ZERO, null, "sms", new TimelineEvent.NotificationFailed("elena", 1L, "no provider configured", 1));
    at(Duration.ofMillis(100), null, "email", new TimelineEvent.NotificationQueued("elena", 2, null));
    at(Duration.ofMillis(100), null, "email", new TimelineEvent.NotificationSent("elena", 2, null, null));
    at(Duration.ofMillis(100).plusMinutes(2), "elena", "email", new TimelineEvent.Acknowledged(null));
    at(Duration.ofMinutes(3), "elena", "web", new TimelineEvent.Note("Rolling back"));

    assertThat(lines()).containsExactly(
        "Paged Elena (step 1): SMS failed (no provider configured), email sent 0.1 s later, acknowledged 2 min"
            + " later from the email link",
        "Note by elena via web: Rolling back");
  }

  @Test
  void whatWasNotRecordedIsNotSaid() {
    at(Duration.ZERO, null, null, TimelineEvent.Escalated.paged("checkout", 1, 1, null, List.of("elena", "hugo"),
        List.of()));
    at(Duration.ZERO, null, "email", new TimelineEvent.NotificationQueued("elena", 1, null));
    at(Duration.ofSeconds(40), null, "email", new TimelineEvent.NotificationHeld("elena", 1,
        T0.plusSeconds(100).toString(), "held by the email limit"));
    at(Duration.ofMinutes(1), null, null, new TimelineEvent.SeverityChanged("SEV3", "SEV1", "every checkout fails"));
    at(Duration.ofMinutes(2), "ann", "api", new TimelineEvent.Acknowledged(null));

    assertThat(lines()).as("Hugo's page left no trace; Ann was not paged").containsExactly(
        "Paged Elena (step 1): email held back 40 s later for 1 min",
        "Paged hugo (step 1)",
        "Severity SEV3 -> SEV1 by Vigil: every checkout fails",
        "Acknowledged by ann through the API");
  }

  @Test
  void aPersonWithNoWayToBeReachedIsToldOnTheirPagesLine() {
    // A step that finds no contact method records the failure before whom it paged.
    at(Duration.ZERO, null, null, new TimelineEvent.NotificationFailed("elena", null, "no contact method", null));
    at(Duration.ZERO, null, null, TimelineEvent.Escalated.paged("checkout", 1, 1, null, List.of("elena"), List.of()));

    assertThat(lines()).containsExactly("Paged Elena (step 1): no message could leave (no contact method)");
  }
}
