package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.catalog.CatalogService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** PagerDuty's Events API v2 at /v2/enqueue: trigger, acknowledge and resolve by dedup key, answered as PagerDuty. */
@IntegrationTest
class IntakePagerDutyIT {

  static final String KEY = IntakeCatalog.PAGERDUTY_KEY;

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    IntakeCatalog.reset(catalog, jdbc);
    api = new Api(port);
  }

  static String trigger(String dedupKey) {
    return "{\"routing_key\": \"" + KEY + "\", \"event_action\": \"trigger\""
        + (dedupKey == null ? "" : ", \"dedup_key\": \"" + dedupKey + "\"")
        + ", \"payload\": {\"summary\": \"Replication lag over 30s on db-2\", \"source\": \"db-2.example.com\","
        + " \"severity\": \"critical\", \"component\": \"postgres\", \"group\": \"prod-db\", \"class\": \"lag\","
        + " \"custom_details\": {\"lag_seconds\": 42, \"standby\": \"db-2\"}},"
        + " \"client\": \"Sample Monitoring\", \"client_url\": \"https://monitoring.example.com\"}";
  }

  static String action(String action, String dedupKey) {
    return "{\"routing_key\": \"" + KEY + "\", \"event_action\": \"" + action + "\", \"dedup_key\": \"" + dedupKey
        + "\"}";
  }

  String incidentStatus() {
    return jdbc.sql("select status from incident").query(String.class).single();
  }

  @Test
  void triggerAcknowledgeResolveByDedupKey() {
    Api.Response triggered = api.post("/v2/enqueue", null, trigger("srv01/HTTP"));
    assertThat(triggered.status()).isEqualTo(202);
    assertThat(triggered.contentType()).startsWith("application/json");
    assertThat(triggered.body())
        .isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"srv01/HTTP\"}");
    assertThat(incidentStatus()).isEqualTo("triggered");
    assertThat(jdbc.sql("""
            select labels->>'component' || ' ' || severity || ' ' || (annotations->>'lag_seconds')
            from alert""").query(String.class).single()).isEqualTo("postgres critical 42");

    assertThat(api.post("/v2/enqueue", null, trigger("srv01/HTTP")).body()).contains("\"dedup_key\":\"srv01/HTTP\"");
    assertThat(jdbc.sql("select repeats from alert").query(Integer.class).single()).isOne();

    Api.Response acknowledged = api.post("/v2/enqueue", null, action("acknowledge", "srv01/HTTP"));
    assertThat(acknowledged.status()).isEqualTo(202);
    assertThat(acknowledged.body())
        .isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"srv01/HTTP\"}");
    assertThat(incidentStatus()).isEqualTo("acknowledged");

    Api.Response resolved = api.post("/v2/enqueue", null, action("resolve", "srv01/HTTP"));
    assertThat(resolved.status()).isEqualTo(202);
    assertThat(resolved.body())
        .isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"srv01/HTTP\"}");
    assertThat(incidentStatus()).isEqualTo("resolved");
  }

  @Test
  void aResolveIsOnTheTimelineAsTheAlertItResolved() {
    api.post("/v2/enqueue", null, trigger("srv01/lag").replace("\"critical\"", "\"warning\""));
    // PagerDuty's resolve carries no payload: no summary and no severity.
    assertThat(api.post("/v2/enqueue", null, action("resolve", "srv01/lag")).status()).isEqualTo(202);
    assertThat(jdbc.sql("""
            select concat_ws(' / ', coalesce(detail->>'summary', '(no summary)'), detail->>'severity',
            detail->>'fingerprint') from incident_event where kind = 'alert_resolved'""").query(String.class).single())
        .isEqualTo("Replication lag over 30s on db-2 / warning / srv01/lag");
  }

  @Test
  void aTriggerWithoutDedupKeyGetsOneToResolveItWith() {
    Api.Response triggered = api.post("/v2/enqueue", null, trigger(null));
    assertThat(triggered.status()).isEqualTo(202);
    String dedupKey = triggered.json().get("dedup_key").asString();
    assertThat(dedupKey).matches("[0-9a-f]{32}");
    assertThat(jdbc.sql("select fingerprint from alert").query(String.class).single()).isEqualTo(dedupKey);

    assertThat(api.post("/v2/enqueue", null, trigger(null)).json().get("dedup_key").asString())
        .as("every trigger without a key is a new alert").isNotEqualTo(dedupKey);
    assertThat(api.post("/v2/enqueue", null, action("resolve", dedupKey)).status()).isEqualTo(202);
    assertThat(jdbc.sql("select status from alert where fingerprint = :fp").param("fp", dedupKey)
        .query(String.class).single()).isEqualTo("resolved");
  }

  @Test
  void acknowledgeOrResolveOfAnUnknownDedupKeyIsAcceptedAndChangesNothing() {
    Api.Response response = api.post("/v2/enqueue", null, action("resolve", "never-triggered"));
    assertThat(response.status()).isEqualTo(202);
    assertThat(response.body()).contains("\"dedup_key\":\"never-triggered\"");
    assertThat(IntakeCatalog.storedRows(jdbc)).isZero();
  }

  @Test
  void anUnknownRoutingKeyIsAnInvalidEventThatSaysNothingMore() {
    Api.Response response = api.post("/v2/enqueue", null,
        trigger("x").replace(KEY, "R0123456789abcdef0123456789abcdef"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).isEqualTo(
        "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Invalid routing key\"]}");
    assertThat(IntakeCatalog.storedRows(jdbc)).isZero();
  }

  @Test
  void invalidEventsAre400WithTheirErrorsAndStoreNothing() {
    assertInvalid("{\"event_action\": \"trigger\", \"payload\": {\"summary\": \"s\", \"source\": \"h\","
        + " \"severity\": \"info\"}}", "routing_key: is required");
    assertInvalid(action("explode", "k"), "event_action: expected trigger, acknowledge or resolve, got 'explode'");
    assertInvalid("{\"routing_key\": \"" + KEY + "\", \"event_action\": \"trigger\", \"payload\": {}}",
        "payload.summary: is required", "payload.source: is required", "payload.severity: is required");
    assertInvalid(trigger("k").replace("\"critical\"", "\"sev1\""),
        "payload.severity: expected critical, error, warning or info, got 'sev1'");
    assertInvalid("{\"routing_key\": \"" + KEY + "\", \"event_action\": \"acknowledge\"}",
        "dedup_key: is required to acknowledge");
    assertInvalid("{\"routing_key\": \"" + KEY + "\", \"event_action\": \"resolve\"}",
        "dedup_key: is required to resolve");
    assertInvalid(trigger("k").replace("Replication lag over 30s on db-2", "x".repeat(1025)),
        "payload.summary: at most 1,024 characters, got 1,025");
    assertInvalid("{\"routing_key\": \"" + KEY + "\", \"event_action\": ", "body: malformed JSON");
    assertInvalid("", "body: is empty");
    assertInvalid("[]", "body: expected a JSON object, got an array");
    assertThat(IntakeCatalog.storedRows(jdbc)).isZero();
  }

  private void assertInvalid(String body, String... errors) {
    Api.Response response = api.post("/v2/enqueue", null, body);
    assertThat(response.status()).as(body).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.json().get("status").asString()).isEqualTo("invalid event");
    assertThat(response.json().get("message").asString()).isEqualTo("Event object is invalid");
    assertThat(response.json().has("dedup_key")).isFalse();
    assertThat(response.json().get("errors").toString()).contains(errors);
    if (errors.length > 1 || !errors[0].startsWith("body")) {
      assertThat(response.json().get("errors").size()).isEqualTo(errors.length);
    }
  }

  @Test
  void whatAlertmanagersPagerDutyReceiverSendsIsAccepted() {
    String fromAlertmanager = IntakePagerDutyTest.FROM_ALERTMANAGER.replace("key-0123456789abcdefghij", KEY);
    Api.Response triggered = api.post("/v2/enqueue", null, fromAlertmanager);
    assertThat(triggered.status()).as(triggered.body()).isEqualTo(202);
    Api.Response resolved = api.post("/v2/enqueue", null, fromAlertmanager.replace("\"trigger\"", "\"resolve\""));
    assertThat(resolved.status()).isEqualTo(202);
    assertThat(incidentStatus()).isEqualTo("resolved");
  }
}
