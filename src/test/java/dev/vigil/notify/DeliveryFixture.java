package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.Scenario;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the delivery tests share: a payments catalog whose people take webhooks at a real HTTP sink, alerts through
 * PagerDuty's and the events API, and what the sink received and the timeline says.
 */
final class DeliveryFixture implements AutoCloseable {

  static final String PAGERDUTY_KEY = "pd-key-payment-processor-status-01";
  static final String EVENTS_KEY = "events-key-search-0123456789abc";
  static final String CHECKOUT_KEY = "events-key-checkout-012345678ab";

  private static final String CATALOG = """
      version: 1
      teams:
        - {name: payments, members: [ada]}
      users:
        - {name: ada, email: ada@example.com, contact_methods: [{type: webhook, address: "%s"}]}
        - {name: grace, email: grace@example.com, role: viewer, contact_methods: [{type: webhook, address: "%s"}]}
        - name: elena
          email: elena@example.com
          contact_methods: [{type: sms, address: "+40700000011"}, {type: webhook, address: "%s"}]
      escalation_policies:
        - name: payments
          steps: [{delay: 5m, targets: [{user: ada}]}]
        - name: checkout
          steps: [{delay: 5m, targets: [{user: elena}]}]
      services:
        - {name: payment-processor, team: payments, tier: 1, escalation_policy: payments,
           impact: {payment_path: true}}
        - {name: search, team: payments, tier: 2, escalation_policy: payments}
        - {name: checkout, team: payments, tier: 2, escalation_policy: checkout, subscribers: [grace]}
      integrations:
        - {name: payment-processor-status, type: pagerduty, service: payment-processor, key: %s}
        - {name: search-alerts, type: events, service: search, key: %s}
        - {name: checkout-alerts, type: events, service: checkout, key: %s}
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
  static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final JdbcClient jdbc;
  private final Api api;
  private final HttpSink sink;
  /** Requests the sink answered with a 2xx, in the order they arrived. */
  private final List<HttpSink.Request> delivered = new CopyOnWriteArrayList<>();

  DeliveryFixture(JdbcClient jdbc, Api api) {
    this.jdbc = jdbc;
    this.api = api;
    this.sink = HttpSink.start();
    answer(r -> 200);
  }

  /**
   * A scenario on a Monday at 10:15 UTC, a working morning in every zone the catalog names, with this fixture's
   * catalog given; close the fixture after.
   */
  static DeliveryFixture onAMondayMorning(Scenario scenario, JdbcClient jdbc) {
    scenario.at(LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC).plusDays(1)
        .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(10, 15).toInstant(ZoneOffset.UTC));
    DeliveryFixture delivery = new DeliveryFixture(jdbc, scenario.api());
    scenario.given(delivery.catalog());
    return delivery;
  }

  /** The catalog, its webhooks addressed to this fixture's sink. */
  String catalog() {
    return CATALOG.formatted(sink.url("/ada"), sink.url("/grace"), sink.url("/elena"), PAGERDUTY_KEY, EVENTS_KEY,
        CHECKOUT_KEY);
  }

  @Override
  public void close() {
    sink.close();
  }

  /** Answers each request with the status {@code status} gives it, noting those answered with a 2xx. */
  void answer(ToIntFunction<HttpSink.Request> status) {
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
    return alert(EVENTS_KEY, fingerprint);
  }

  long alert(String key, String fingerprint) {
    Api.Response r = api.post("/api/v1/integrations/" + key + "/events", null, "{\"fingerprint\": \""
        + fingerprint + "\", \"summary\": \"Alert " + fingerprint + "\", \"severity\": \"critical\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return r.json().get("incidents").get(0).asLong();
  }

  static JsonNode json(HttpSink.Request r) {
    return JSON.readTree(r.body());
  }

  List<JsonNode> deliveredTo(String user) {
    return delivered.stream().filter(r -> r.path().equals("/" + user)).map(DeliveryFixture::json).toList();
  }

  List<Long> incidents() {
    return jdbc.sql("select id from incident order by id").query(Long.class).list();
  }

  /** The timeline entries of an incident of one kind, oldest first. */
  List<JsonNode> timeline(long incident, String kind) {
    List<JsonNode> found = new ArrayList<>();
    api.get("/api/v1/incidents/" + incident, IntegrationTest.ADMIN_TOKEN).json().get("timeline").forEach(e -> {
      if (e.get("kind").asString().equals(kind)) {
        found.add(e);
      }
    });
    return found;
  }

  Instant sentAt(long incident, String user) {
    return jdbc.sql("select sent_at from notification where incident_id = :id and user_name = :user")
        .param("id", incident).param("user", user).query(Timestamp.class).single().toInstant();
  }
}
