package dev.vigil.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import dev.vigil.incident.IncidentService;
import dev.vigil.notify.Message;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Escalation as scenarios on a fast-forwarded clock: who is paged when, and what stops it. */
@ScenarioTest
class EscalationScenarioIT {

  static final String CATALOG = """
      version: 1
      teams:
        - name: platform
          members: [alice, bob]
      users:
        - name: alice
          email: alice@example.com
          contact_methods:
            - type: webhook
              address: https://hooks.example.com/alice
        - name: bob
          email: bob@example.com
          contact_methods:
            - type: webhook
              address: https://hooks.example.com/bob
      schedules:
        - name: primary
          time_zone: UTC
          layers:
            - name: weekly
              rotation: weekly
              start: "2026-01-05T00:00"
              participants: [alice]
      escalation_policies:
        - name: platform
          repeat: 1
          ack_timeout: 30m
          steps:
            - delay: 5m
              targets: [{schedule: primary}]
            - delay: 10m
              targets: [{user: bob}]
      services:
        - name: api
          team: platform
          tier: 1
          escalation_policy: platform
      integrations:
        - name: events
          type: events
          service: api
      """;

  @Autowired Scenario scenario;
  @Autowired IncidentService incidents;
  @Autowired EscalationEngine engine;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void setUp() {
    scenario.given(CATALOG);
    // A Monday midnight ahead of the clock: the schedule and the steps read weekdays and times of day.
    scenario.at(LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC).plusDays(1)
        .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  long fire(String fingerprint) {
    return scenario.alert(fingerprint, "API down");
  }

  @Test
  void nobodyAcknowledgesSoTheSecondStepPagesBobAndThePolicyRepeats() {
    long incident = fire("api-down");
    scenario.runDueJobs().expectPage("alice");

    scenario.advance(Duration.ofMinutes(4)).runDueJobs().expectNoPage();

    scenario.advance(Duration.ofMinutes(1)).runDueJobs().expectPage("bob");
    scenario.advance(Duration.ofMinutes(10)).runDueJobs().expectPage("alice");
    scenario.advance(Duration.ofMinutes(5)).runDueJobs().expectPage("bob");

    scenario.advance(Duration.ofHours(2)).runDueJobs().expectNoPage();
    assertThat(scenario.timeline(incident).stream().filter("escalated"::equals))
        .as("repeat 1 means two rounds, then it stops").hasSize(4);
  }

  @Test
  void acknowledgingStopsTheEscalationUntilTheAcknowledgementTimesOut() {
    long incident = fire("api-down");
    scenario.runDueJobs().expectPage("alice");
    scenario.advance(Duration.ofMinutes(2));
    incidents.acknowledge(incident, "alice", "api");

    scenario.advance(Duration.ofMinutes(20)).runDueJobs();
    scenario.expectNoPage(); // acknowledged: bob is not paged

    scenario.advance(Duration.ofMinutes(11)).runDueJobs();
    assertThat(jdbc.sql("select status from incident").query(String.class).single())
        .as("the acknowledgement timed out").isEqualTo("triggered");
    scenario.expectTimeline(incident, "acknowledged", "escalated");
    scenario.advance(Duration.ofMinutes(1)).runDueJobs().expectPage("alice");
  }

  @Test
  void resolvingStopsItAndTheSameAlertAgainReopensAndPagesAgain() {
    long incident = fire("api-down");
    scenario.runDueJobs().expectPage("alice");
    incidents.resolve(incident, "alice", "api");
    scenario.advance(Duration.ofMinutes(30)).runDueJobs().expectNoPage();

    long again = fire("api-down");
    assertThat(again).isEqualTo(incident);
    scenario.runDueJobs().expectPage("alice");
    scenario.expectTimeline(incident, "triggered", "resolved", "reopened", "escalated");
  }

  @Test
  void escalateNowPagesTheNextStepWithoutWaiting() {
    long incident = fire("api-down");
    scenario.runDueJobs().expectPage("alice");
    incidents.escalateNow(incident, "alice", "api");
    scenario.runDueJobs().expectPage("bob");
  }

  @Test
  void aRepeatedStepJobPagesNobodyTwice() {
    long incident = fire("api-down");
    scenario.runDueJobs().expectPage("alice");
    // The same step delivered again, as after a crash between paging and completing the job.
    jdbc.sql("update escalation set step = 0, cycle = 0 where incident_id = :id").param("id", incident).update();
    engine.execute(new EscalationEngine.Step(incident, 1, 0, 0));
    scenario.runDueJobs().expectNoPage();
    assertThat(jdbc.sql("select count(*) from notification").query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void pagesHeldBackByTheRateLimitGoOutBundledInOneMessage() {
    long first = fire("api-down");
    scenario.runDueJobs().expectPage("alice");
    long second = fire("disk-full");
    long third = fire("queue-stuck");
    scenario.runDueJobs().expectNoPage(); // one message a minute per contact method
    assertThat(jdbc.sql("select count(*) from notification where state = 'held'").query(Long.class).single())
        .isEqualTo(2);

    scenario.advance(Duration.ofMinutes(1)).runDueJobs().expectPage("alice"); // the held pages travel together
    List<Message> sent = scenario.webhookMessages();
    assertThat(sent).hasSize(2);
    Message.Page bundle = (Message.Page) sent.get(1).content();
    List<Long> bundled = new ArrayList<>(List.of(bundle.incident().id()));
    bundle.bundled().forEach(b -> bundled.add(b.id()));
    assertThat(bundled).containsExactlyInAnyOrder(second, third).doesNotContain(first);
    assertThat(jdbc.sql("select count(*) from notification where state = 'sent'").query(Long.class).single())
        .isEqualTo(3);
  }
}
