package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.TestJobs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery through the outbox as scenarios on the test clock, with webhooks to a real HTTP sink: messages to one
 * person about one incident arrive in the order they were written whatever the one-per-minute limit holds back,
 * superseded status updates fold into the newest one and say so, a re-opened incident tells its stakeholders, and a
 * message the limit holds back says so on the timeline and leaves as soon as the limit allows, not later.
 */
@IntegrationTest
class NotifyDeliveryIT {

  static final String PAGERDUTY_KEY = "pd-key-payment-processor-status-01";
  static final String EVENTS_KEY = "events-key-search-0123456789abc";

  static final String CATALOG = """
      version: 1
      teams:
        - {name: payments, members: [ada]}
      users:
        - {name: ada, email: ada@example.com, contact_methods: [{type: webhook, address: "%s"}]}
        - {name: grace, email: grace@example.com, role: viewer, contact_methods: [{type: webhook, address: "%s"}]}
      escalation_policies:
        - name: payments
          steps: [{delay: 5m, targets: [{user: ada}]}]
      services:
        - {name: payment-processor, team: payments, tier: 1, escalation_policy: payments,
           impact: {payment_path: true}}
        - {name: search, team: payments, tier: 2, escalation_policy: payments}
      integrations:
        - {name: payment-processor-status, type: pagerduty, service: payment-processor, key: %s}
        - {name: search-alerts, type: events, service: search, key: %s}
      customers:
        - name: Fleetline
          contacts: [grace]
          contracts: [{name: fleetline-2026, services: [payment-processor], availability: 99.9, period: monthly}]
      incident_policy:
        severities:
          - {name: SEV1, paging: always, notify_stakeholders: true}
          - {name: SEV3, paging: always}
        rules:
          - {name: payment-path-down, severity: SEV1, tiers: [1], payment_path: true}
        default_severity: SEV3
      """;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  Api api;
  HttpSink sink;
  /** Requests the sink answered with a 2xx, in the order they arrived. */
  final List<HttpSink.Request> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    TestJobs.quiesce(jdbc, "jobs-it");
    TestCatalogs.reset(jdbc);
    jdbc.sql("delete from scheduled_tasks where task_name <> 'jobs-it'").update();
    clock.set(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1)
        .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(10, 15).toInstant(ZoneOffset.UTC));
    sink = HttpSink.start();
    answer(r -> 200);
    catalog.apply(TestCatalogs.load(CATALOG.formatted(sink.url("/ada"), sink.url("/grace"), PAGERDUTY_KEY,
        EVENTS_KEY)), "/etc/vigil.yaml", "x");
    api = new Api(port);
  }

  @AfterEach
  void tearDown() {
    sink.close();
  }

  /** Answers each request with the status {@code status} gives it, noting those answered with a 2xx. */
  void answer(java.util.function.ToIntFunction<HttpSink.Request> status) {
    sink.respondWith(r -> {
      int code = status.applyAsInt(r);
      if (code / 100 == 2) {
        delivered.add(r);
      }
      return new HttpSink.Reply(code, "text/plain", "ok");
    });
  }

  void pagerDuty(String action, String dedupKey) {
    String body = "{\"routing_key\": \"" + PAGERDUTY_KEY + "\", \"event_action\": \"" + action
        + "\", \"dedup_key\": \"" + dedupKey + "\"" + (action.equals("trigger")
        ? ", \"payload\": {\"summary\": \"Card authorisations failing\", \"source\": \"processor\","
            + " \"severity\": \"critical\"}"
        : "") + "}";
    Api.Response r = api.post("/v2/enqueue", null, body);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  long searchAlert(String fingerprint) {
    Api.Response r = api.post("/api/v1/integrations/" + EVENTS_KEY + "/events", null, "{\"fingerprint\": \""
        + fingerprint + "\", \"summary\": \"Search " + fingerprint + "\", \"severity\": \"critical\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return r.json().get("incidents").get(0).asLong();
  }

  List<Long> incidents() {
    return jdbc.sql("select id from incident order by id").query(Long.class).list();
  }

  @Test
  void aReopenedIncidentTellsItsStakeholdersBeforeItsSecondResolution() {
    pagerDuty("trigger", "processor");
    pagerDuty("resolve", "processor");
    pagerDuty("trigger", "processor");
    pagerDuty("resolve", "processor");
    assertThat(incidents()).as("re-opened, not a second incident").hasSize(1);
    long incident = incidents().get(0);

    List<String> updates = new ArrayList<>();
    api.get("/api/v1/incidents/" + incident + "/status-updates", IntegrationTest.ADMIN_TOKEN).json()
        .forEach(u -> updates.add(u.get("message").asString()));
    assertThat(updates).hasSize(4);
    assertThat(updates.get(0)).startsWith("We are investigating");
    assertThat(updates.get(1)).isEqualTo("The incident is resolved.");
    assertThat(updates.get(2)).contains("has come back").contains("payment-processor");
    assertThat(updates.get(3)).isEqualTo("The incident is resolved.");
  }
}
