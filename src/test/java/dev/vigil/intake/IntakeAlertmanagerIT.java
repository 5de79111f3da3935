package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.catalog.CatalogService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Alertmanager and Grafana webhooks on the running application: alerts open incidents, repeats update the same
 * alert, resolves resolve, and the answer comes only once everything is stored.
 */
@IntegrationTest
class IntakeAlertmanagerIT {

  static final String AM = "/api/v1/integrations/" + IntakeCatalog.ALERTMANAGER_KEY + "/alertmanager";
  static final String GRAFANA = "/api/v1/integrations/" + IntakeCatalog.GRAFANA_KEY + "/grafana";

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    IntakeCatalog.reset(catalog, jdbc);
    api = new Api(port);
  }

  static String webhook(String... alerts) {
    return "{\"version\": \"4\", \"groupKey\": \"{}:{alertname=\\\"HighLatency\\\"}\", \"status\": \"firing\","
        + " \"receiver\": \"vigil\", \"groupLabels\": {}, \"commonLabels\": {}, \"commonAnnotations\": {},"
        + " \"externalURL\": \"http://alertmanager:9093\", \"truncatedAlerts\": 0, \"alerts\": ["
        + String.join(",", alerts) + "]}";
  }

  static String alert(String status, String instance, String fingerprint) {
    return "{\"status\": \"" + status + "\", \"labels\": {\"alertname\": \"HighLatency\", \"instance\": \"" + instance
        + "\", \"severity\": \"critical\"}, \"annotations\": {\"summary\": \"p99 over 2s on " + instance + "\"},"
        + " \"startsAt\": \"2026-03-01T10:00:00Z\", \"endsAt\": \""
        + (status.equals("firing") ? "0001-01-01T00:00:00Z" : "2026-03-01T10:30:00Z") + "\","
        + " \"generatorURL\": \"http://prometheus:9090/graph?g0.expr=up\""
        + (fingerprint == null ? "" : ", \"fingerprint\": \"" + fingerprint + "\"") + "}";
  }

  @Test
  void anAlertOpensAnIncidentItsRepeatUpdatesItAndItsResolveResolvesIt() {
    Api.Response first = api.post(AM, null, webhook(alert("firing", "api-1", "aaaa000000000001")));
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(first.contentType()).startsWith("application/json");
    JsonNode body = first.json();
    assertThat(body.get("accepted").asInt()).isEqualTo(1);
    assertThat(body.get("fingerprints").toString()).isEqualTo("[\"aaaa000000000001\"]");
    long incident = body.get("incidents").get(0).asLong();

    assertThat(jdbc.sql("select status || ' ' || urgency || ' ' || title from incident where id = :id")
        .param("id", incident).query(String.class).single()).isEqualTo("triggered high p99 over 2s on api-1");
    long alertId = jdbc.sql("select id from alert where fingerprint = 'aaaa000000000001'").query(Long.class).single();

    Api.Response repeat = api.post(AM, null, webhook(alert("firing", "api-1", "aaaa000000000001")));
    assertThat(repeat.status()).isEqualTo(202);
    assertThat(repeat.json().get("incidents").get(0).asLong()).isEqualTo(incident);
    assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).isOne();
    assertThat(jdbc.sql("select id || ' ' || repeats || ' ' || status from alert").query(String.class).list())
        .containsExactly(alertId + " 1 firing");

    Api.Response resolved = api.post(AM, null, webhook(alert("resolved", "api-1", "aaaa000000000001")));
    assertThat(resolved.status()).isEqualTo(202);
    assertThat(jdbc.sql("select status from alert where id = :id").param("id", alertId).query(String.class).single())
        .isEqualTo("resolved");
    assertThat(jdbc.sql("select status from incident where id = :id").param("id", incident).query(String.class)
        .single()).as("auto-resolved once all its alerts resolved").isEqualTo("resolved");
    assertThat(jdbc.sql("select kind from incident_event where incident_id = :id order by id").param("id", incident)
        .query(String.class).list())
        .containsSubsequence("triggered", "alert_added", "alert_resolved", "resolved");
  }

  @Test
  void withoutAlertmanagersFingerprintTheLabelsIdentifyTheAlert() {
    api.post(AM, null, webhook(alert("firing", "api-1", null)));
    // The same labels in another order.
    String reordered = alert("firing", "api-1", null).replace(
        "{\"alertname\": \"HighLatency\", \"instance\": \"api-1\", \"severity\": \"critical\"}",
        "{\"severity\": \"critical\", \"instance\": \"api-1\", \"alertname\": \"HighLatency\"}");
    Api.Response again = api.post(AM, null, webhook(reordered));
    assertThat(again.status()).isEqualTo(202);
    assertThat(jdbc.sql("select repeats from alert").query(Integer.class).list()).containsExactly(1);
  }

  @Test
  void aBatchIsStoredTogetherAndEachAlertOpensItsOwnIncidentWithoutGroupBy() {
    Api.Response response = api.post(AM, null, webhook(alert("firing", "api-1", "f1"), alert("firing", "api-2", "f2"),
        alert("resolved", "api-3", "never-seen")));
    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json().get("accepted").asInt()).isEqualTo(3);
    assertThat(response.json().get("incidents").size()).as("a resolve of an unknown alert is in no incident")
        .isEqualTo(2);
    assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).isEqualTo(2);
  }

  @Test
  void grafanaAlertsGroupByAlertnameAndKeepTheirLinks() {
    String payload = IntakeGrafanaTest.PAYLOAD;
    String second = payload.replace("c6eadffa33fcdf37", "d00d00d00d00d00d")
        .replace("\"grafana_folder\": \"infra\"", "\"grafana_folder\": \"infra\", \"instance\": \"host-2\"");
    Api.Response one = api.post(GRAFANA, null, payload);
    Api.Response two = api.post(GRAFANA, null, second);
    assertThat(one.status()).as(one.body()).isEqualTo(202);
    assertThat(two.status()).isEqualTo(202);
    assertThat(two.json().get("incidents")).isEqualTo(one.json().get("incidents"));
    assertThat(jdbc.sql("select count(*) from alert where source = 'grafana'").query(Long.class).single())
        .isEqualTo(2);
    assertThat(jdbc.sql("select links::text from alert where fingerprint = 'c6eadffa33fcdf37'").query(String.class)
        .single()).contains("https://grafana.example.com/d/xyz", "Dashboard");
  }

  @Test
  void aKeyWorksOnEveryIntakeRouteWhateverItsType() {
    Api.Response grafanaKeyOnAlertmanager = api.post(
        "/api/v1/integrations/" + IntakeCatalog.GRAFANA_KEY + "/alertmanager", null,
        webhook(alert("firing", "api-1", "x1")));
    assertThat(grafanaKeyOnAlertmanager.status()).isEqualTo(202);
    assertThat(jdbc.sql("select i.name from alert a join integration i on i.id = a.integration_id")
        .query(String.class).single()).isEqualTo("grafana");
  }

  @Test
  void unknownKeysAre404WithoutAHint() {
    for (String route : List.of("alertmanager", "grafana", "events")) {
      for (String key : List.of("no-such-key-0123456789abcdef", IntakeCatalog.ALERTMANAGER_KEY.toUpperCase(), "x")) {
        Api.Response response = api.post("/api/v1/integrations/" + key + "/" + route, null,
            webhook(alert("firing", "api-1", "k1")));
        assertThat(response.status()).as(route).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).isEqualTo("unknown integration key");
      }
    }
    assertThat(IntakeCatalog.storedRows(jdbc)).isZero();
  }

  @Test
  void anAlertNoRoutingRuleTakesRefusesTheWholeBatch() {
    String routed = "/api/v1/integrations/" + IntakeCatalog.ROUTED_KEY + "/alertmanager";
    Api.Response response = api.post(routed, null, webhook(
        "{\"status\": \"firing\", \"labels\": {\"queue\": \"invoices\"}}",
        "{\"status\": \"firing\", \"labels\": {\"queue\": \"emails\"}}"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asString()).contains("no routing rule", "queue=emails");
    assertThat(IntakeCatalog.storedRows(jdbc)).isZero();
  }

  @Test
  void theSameAlertSentConcurrentlyIsStoredOnce() throws Exception {
    // An Alertmanager HA pair sends each notification from both members at about the same time.
    String payload = webhook(alert("firing", "api-1", "c0ffee0000000001"), alert("firing", "api-2", "c0ffee0000000002"));
    List<Future<Api.Response>> responses = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        responses.add(pool.submit(() -> api.post(AM, null, payload)));
      }
    }
    for (Future<Api.Response> response : responses) {
      assertThat(response.get().status()).as(response.get().body()).isEqualTo(202);
    }
    assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).isEqualTo(2);
    assertThat(jdbc.sql("select sum(repeats) from alert").query(Long.class).single()).isEqualTo(14);
  }
}
