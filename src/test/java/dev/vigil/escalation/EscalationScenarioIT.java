package dev.vigil.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.CatalogService;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import dev.vigil.incident.IncidentService;
import dev.vigil.notify.Channel;
import dev.vigil.notify.Message;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Escalation as scenarios on a fast-forwarded clock: who is paged when, and what stops it. */
@IntegrationTest
@Import(EscalationScenarioIT.Sink.class)
class EscalationScenarioIT {

  /** Collects what the webhook channel sends, as a receiver of our own webhooks would. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Sink {
    @Bean
    Recorder recordingWebhookChannel() {
      return new Recorder();
    }
  }

  /** A channel that keeps what it sends. */
  static class Recorder implements Channel {
    final List<Message> sent = new CopyOnWriteArrayList<>();

    @Override
    public Catalog.ContactType type() {
      return Catalog.ContactType.WEBHOOK;
    }

    @Override
    public String send(Message message) {
      sent.add(message);
      return "sink-" + message.notificationId();
    }
  }

  @Autowired Recorder recorder;

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


  @Autowired CatalogService catalog;
  @Autowired CatalogQueries queries;
  @Autowired IncidentService incidents;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  @BeforeEach
  void setUp() {
    TestCatalogs.reset(jdbc);
    jdbc.sql("delete from scheduled_tasks").update();
    recorder.sent.clear();
    // A Monday midnight ahead of the clock: the schedule and the steps read weekdays and times of day.
    clock.set(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(1)
        .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY)).atStartOfDay()
        .toInstant(java.time.ZoneOffset.UTC));
    catalog.apply(TestCatalogs.load(CATALOG), "/etc/vigil.yaml", "x");
  }


  long fire(String fingerprint) {
    long integration = jdbc.sql("select id from integration").query(Long.class).single();
    Catalog.Integration spec = queries.one(CatalogKind.INTEGRATION, "events", Catalog.Integration.class)
        .orElseThrow().object();
    return incidents.ingest(integration, spec, List.of(new AlertEvent("test", fingerprint, AlertEvent.Action.TRIGGER,
        "API down", AlertSeverity.CRITICAL, Map.of(), Map.of(), List.of(), null, null))).get(0).incidentId();
  }

  List<String> pagedUsers() {
    return recorder.sent.stream().map(Message::user).toList();
  }

  void awaitPaged(String... users) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pagedUsers()).containsExactly(users));
  }

  void settle() throws InterruptedException {
    Thread.sleep(700); // several polling rounds: anything due would have run
  }

  @Test
  void nobodyAcknowledgesSoTheSecondStepPagesBobAndThePolicyRepeats() throws Exception {
    long incident = fire("api-down");
    awaitPaged("alice");

    clock.advance(Duration.ofMinutes(4));
    settle();
    assertThat(pagedUsers()).as("the step delay has not passed").containsExactly("alice");

    clock.advance(Duration.ofMinutes(1));
    awaitPaged("alice", "bob");

    clock.advance(Duration.ofMinutes(10));
    awaitPaged("alice", "bob", "alice");
    clock.advance(Duration.ofMinutes(5));
    awaitPaged("alice", "bob", "alice", "bob");

    clock.advance(Duration.ofHours(2));
    settle();
    assertThat(pagedUsers()).as("repeat 1 means two rounds, then it stops").hasSize(4);
    assertThat(jdbc.sql("select kind from incident_event where incident_id = :id and kind = 'escalated'")
        .param("id", incident).query(String.class).list()).hasSize(4);
  }

  @Test
  void acknowledgingStopsTheEscalationUntilTheAcknowledgementTimesOut() throws Exception {
    long incident = fire("api-down");
    awaitPaged("alice");
    clock.advance(Duration.ofMinutes(2));
    incidents.acknowledge(incident, "alice", "api");

    clock.advance(Duration.ofMinutes(20));
    settle();
    assertThat(pagedUsers()).as("acknowledged: bob is not paged").containsExactly("alice");

    clock.advance(Duration.ofMinutes(11));
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select status from incident")
        .query(String.class).single().equals("triggered"));
    clock.advance(Duration.ofMinutes(1));
    awaitPaged("alice", "alice");
  }

  @Test
  void resolvingStopsItAndTheSameAlertAgainReopensAndPagesAgain() throws Exception {
    long incident = fire("api-down");
    awaitPaged("alice");
    incidents.resolve(incident, "alice", "api");
    clock.advance(Duration.ofMinutes(30));
    settle();
    assertThat(pagedUsers()).containsExactly("alice");

    long again = fire("api-down");
    assertThat(again).isEqualTo(incident);
    awaitPaged("alice", "alice");
  }

  @Test
  void escalateNowPagesTheNextStepWithoutWaiting() throws Exception {
    long incident = fire("api-down");
    awaitPaged("alice");
    incidents.escalateNow(incident, "alice", "api");
    awaitPaged("alice", "bob");
  }

  @Test
  void aRepeatedStepJobPagesNobodyTwice() throws Exception {
    long incident = fire("api-down");
    awaitPaged("alice");
    // The same step delivered again, as after a crash between paging and completing the job.
    jdbc.sql("update escalation set step = 0, cycle = 0 where incident_id = :id").param("id", incident).update();
    engine.execute(new EscalationEngine.Step(incident, 1, 0, 0));
    settle();
    assertThat(pagedUsers()).containsExactly("alice");
    assertThat(jdbc.sql("select count(*) from notification").query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void pagesHeldBackByTheRateLimitGoOutBundledInOneMessage() throws Exception {
    long first = fire("api-down");
    awaitPaged("alice");
    long second = fire("disk-full");
    long third = fire("queue-stuck");
    settle();
    assertThat(pagedUsers()).as("one message a minute per contact method").containsExactly("alice");
    assertThat(jdbc.sql("select count(*) from notification where state = 'held'").query(Long.class).single())
        .isEqualTo(2);

    clock.advance(Duration.ofMinutes(1));
    awaitPaged("alice", "alice");
    settle();
    assertThat(pagedUsers()).as("the held pages travel together").hasSize(2);
    Message bundle = recorder.sent.get(1);
    List<Long> incidents = new java.util.ArrayList<>(List.of(bundle.incident().id()));
    bundle.bundled().forEach(b -> incidents.add(b.id()));
    assertThat(incidents).containsExactlyInAnyOrder(second, third).doesNotContain(first);
    assertThat(jdbc.sql("select count(*) from notification where state = 'sent'").query(Long.class).single())
        .isEqualTo(3);
  }

  @Autowired EscalationEngine engine;
}
