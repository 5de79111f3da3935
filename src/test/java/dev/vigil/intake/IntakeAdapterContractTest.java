package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * What every intake adapter promises, stated once and run against each sender's format: a valid payload becomes
 * alert events with the sender's source, labels, a severity and a fingerprint that is the same on every repeat; a
 * resolve message resolves the alert its trigger raised; every invalid payload is refused with problems that each
 * begin with the path of the field they are about. {@link IntakeValidationIT} sends the same payloads through each
 * sender's route: the invalid ones store nothing, the resolve message resolves the incident the trigger opened.
 */
class IntakeAdapterContractTest {

  /** A problem begins with where: {@code body}, {@code alerts[0].labels}, {@code payload.custom_details.x}. */
  static final String FIELD_PATH = "^[a-z_][A-Za-z_]*(\\[\\d+])?(\\.[^\\s:]+|\\[\\d+])*: \\S.*";

  /**
   * One sender's format.
   *
   * @param name how the suite names it
   * @param source the source its events carry
   * @param read the adapter
   * @param trigger a payload that raises one alert with labels and a severity
   * @param severity the severity the trigger says
   * @param resolve a payload that resolves that alert
   * @param invalid payloads the adapter must refuse, and the field paths their problems must name
   */
  record Adapter(String name, String source, Function<JsonNode, List<AlertEvent>> read, String trigger,
      AlertSeverity severity, String resolve, List<Invalid> invalid) {

    List<AlertEvent> read(String json) {
      return read.apply(PayloadReader.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A payload to refuse, and the paths of the fields its problems are about. */
  record Invalid(String payload, String... paths) {}

  static final List<Invalid> EVERY_SENDER = List.of(
      new Invalid("[]", "body"),
      new Invalid("\"firing\"", "body"),
      new Invalid("{\"alerts\": [", "body"));

  static Stream<Adapter> adapters() {
    return Stream.of(
        new Adapter("alertmanager", AlertmanagerWebhook.SOURCE, AlertmanagerWebhook::read,
            alertmanager("firing"), AlertSeverity.CRITICAL, alertmanager("resolved"), List.of(
                new Invalid("{\"version\": \"4\"}", "alerts"),
                new Invalid("{\"version\": \"4\", \"alerts\": [{\"status\": \"on fire\", \"labels\": []}]}",
                    "alerts[0].status", "alerts[0].labels"),
                new Invalid("{\"version\": \"3\", \"alerts\": [{\"status\": \"firing\", \"labels\": {\"a\": 1}}]}",
                    "version", "alerts[0].labels.a"))),
        new Adapter("grafana", GrafanaWebhook.SOURCE, GrafanaWebhook::read,
            grafana("firing"), AlertSeverity.WARNING, grafana("resolved"), List.of(
                new Invalid("{\"receiver\": \"vigil\"}", "alerts"),
                new Invalid("{\"alerts\": [{\"status\": \"firing\", \"labels\": {\"a\": 1}}, null]}",
                    "alerts[0].labels.a", "alerts[1]"))),
        new Adapter("pagerduty", PagerDutyEvent.SOURCE, body -> List.of(PagerDutyEvent.read(body, () -> "new-key")),
            IntakePagerDutyIT.trigger("dedup-1"), AlertSeverity.CRITICAL, IntakePagerDutyIT.action("resolve",
                "dedup-1"), List.of(
                new Invalid("{\"event_action\": \"trigger\"}", "routing_key"),
                new Invalid("{\"routing_key\": \"k\", \"event_action\": \"resolve\"}", "dedup_key"),
                new Invalid("{\"routing_key\": \"k\", \"event_action\": \"explode\"}", "event_action"),
                new Invalid("{\"routing_key\": \"k\", \"event_action\": \"trigger\", \"payload\": {\"summary\": \"x\","
                    + " \"source\": \"db\", \"severity\": \"fatal\"}}", "payload.severity"))),
        new Adapter("events", GenericEvents.SOURCE, GenericEvents::read,
            "{\"fingerprint\": \"backup/nightly\", \"summary\": \"Nightly backup failed\", \"severity\": \"warning\","
                + " \"labels\": {\"job\": \"backup\"}}", AlertSeverity.WARNING,
            "{\"fingerprint\": \"backup/nightly\", \"action\": \"resolve\"}", List.of(
                new Invalid("{\"events\": [{\"action\": \"explode\", \"labels\": []}]}",
                    "events[0].action", "events[0].labels"),
                new Invalid("{\"summary\": \"x\", \"severity\": 5, \"starts_at\": \"yesterday\"}",
                    "severity", "starts_at"),
                new Invalid("{\"summary\": \"x\", \"colour\": \"red\"}", "colour"))));
  }

  static String alertmanager(String status) {
    return webhook("\"version\": \"4\"", status,
        "{\"alertname\": \"HighLatency\", \"instance\": \"api-1\", \"severity\": \"critical\"}", "8c1a7bd3e5f04a21");
  }

  static String grafana(String status) {
    return webhook("\"receiver\": \"vigil\"", status,
        "{\"alertname\": \"High memory usage\", \"grafana_folder\": \"infra\", \"severity\": \"warning\"}",
        "57c6d9296de2ad39");
  }

  /** Alertmanager's and Grafana's webhook with one alert in {@code status}. */
  private static String webhook(String field, String status, String labels, String fingerprint) {
    return """
        {%1$s, "status": "%2$s", "alerts": [{"status": "%2$s", "labels": %3$s,
         "annotations": {"summary": "it is bad"}, "startsAt": "2026-03-01T10:00:00Z", "fingerprint": "%4$s"}]}"""
        .formatted(field, status, labels, fingerprint);
  }

  @Test
  void everyIntakeRouteHasItsAdapterInTheSuite() {
    assertThat(adapters().map(Adapter::source)).containsExactlyInAnyOrder(AlertmanagerWebhook.SOURCE,
        GrafanaWebhook.SOURCE, PagerDutyEvent.SOURCE, GenericEvents.SOURCE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void aValidPayloadBecomesAlertEventsWithLabelsSeverityAndFingerprint(Adapter adapter) {
    List<AlertEvent> events = adapter.read(adapter.trigger());

    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo(adapter.source());
      assertThat(e.action()).isEqualTo(AlertEvent.Action.TRIGGER);
      assertThat(e.fingerprint()).isNotBlank();
      assertThat(e.summary()).isNotBlank();
      assertThat(e.labels()).isNotEmpty();
      assertThat(e.severity()).isEqualTo(adapter.severity());
    });
    assertThat(adapter.read(adapter.trigger())).as("a repeat is the same alert").isEqualTo(events);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void aResolveMessageResolvesTheAlertItsTriggerRaised(Adapter adapter) {
    String fingerprint = adapter.read(adapter.trigger()).getFirst().fingerprint();

    assertThat(adapter.read(adapter.resolve())).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo(AlertEvent.Action.RESOLVE);
      assertThat(e.fingerprint()).isEqualTo(fingerprint);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void everyInvalidPayloadIsRefusedWithEachProblemNamingItsField(Adapter adapter) {
    for (Invalid invalid : Stream.concat(EVERY_SENDER.stream(), adapter.invalid().stream()).toList()) {
      assertThatThrownBy(() -> adapter.read(invalid.payload())).as(invalid.payload())
          .isInstanceOfSatisfying(InvalidPayloadException.class, e -> {
            assertThat(e.problems()).as(invalid.payload()).isNotEmpty().allMatch(p -> p.matches(FIELD_PATH));
            for (String path : invalid.paths()) {
              assertThat(e.problems()).as(invalid.payload()).anyMatch(p -> p.startsWith(path + ": "));
            }
          });
    }
  }
}
