package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.catalog.CatalogService;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every malformed, mistyped, oversized or garbled payload on every intake route is a 4xx that names the problem,
 * never a 5xx, and stores nothing; and the intake adapters' contract ({@link IntakeAdapterContractTest}) through
 * each sender's route: its invalid payloads store nothing, a valid one opens an incident, its resolve message
 * resolves it.
 */
@IntegrationTest
class IntakeValidationIT {

  static final String AM = "/api/v1/integrations/" + IntakeCatalog.ALERTMANAGER_KEY + "/alertmanager";
  static final String GRAFANA = "/api/v1/integrations/" + IntakeCatalog.GRAFANA_KEY + "/grafana";
  static final String EVENTS = "/api/v1/integrations/" + IntakeCatalog.EVENTS_KEY + "/events";
  static final String PAGERDUTY = "/v2/enqueue";

  /** Each intake adapter's route. */
  static final Map<String, String> ROUTES = Map.of(
      "alertmanager", AM,
      "grafana", GRAFANA,
      "events", EVENTS,
      "pagerduty", PAGERDUTY);

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    IntakeCatalog.reset(catalog, jdbc);
    api = new Api(port);
  }

  /** A valid payload for each route. */
  static List<String[]> routes() {
    return List.of(
        new String[] {AM, IntakeAlertmanagerTest.PAYLOAD},
        new String[] {GRAFANA, IntakeGrafanaTest.PAYLOAD},
        new String[] {EVENTS, "{\"events\": [{\"fingerprint\": \"f1\", \"summary\": \"Backup failed\","
            + " \"severity\": \"critical\", \"labels\": {\"job\": \"backup\"}, \"annotations\": {\"log\": \"exit 2\"},"
            + " \"links\": [{\"href\": \"https://ci.example.com/1\", \"text\": \"CI\"}],"
            + " \"starts_at\": \"2026-03-01T02:00:00Z\"}, {\"fingerprint\": \"f2\", \"action\": \"resolve\"}]}"},
        new String[] {PAGERDUTY, IntakePagerDutyIT.trigger("dedup-1")});
  }

  private void problem(Api.Response response, int status, String... details) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asString()).contains(details);
  }

  @Test
  void malformedJsonSaysWhere() {
    for (String route : List.of(AM, GRAFANA, EVENTS)) {
      problem(api.post(route, null, "{\"alerts\": [\n  {\"status\": }]}"), 400, "body: malformed JSON at line 2");
      problem(api.post(route, null, ""), 400, "body: is empty");
      problem(api.post(route, null, "\"just a string\""), 400, "body: expected a JSON object, got a string");
      problem(api.post(route, null, "{} {}"), 400, "body: malformed JSON");
    }
    assertThat(IntakeCatalog.storedRows(jdbc)).isZero();
  }

  @Test
  void wrongTypesNameTheFieldAndWhere() {
    String alerts = "{\"alerts\": [{\"status\": \"firing\", \"labels\": {}}, {\"status\": \"firing\"},"
        + " {\"status\": \"firing\"}, {\"status\": \"firing\", \"labels\": \"severity=critical\"}]}";
    problem(api.post(AM, null, alerts), 400, "alerts[3].labels: expected an object, got a string");
    problem(api.post(GRAFANA, null, alerts), 400, "alerts[3].labels: expected an object, got a string");
    problem(api.post(AM, null, "{\"alerts\": [{\"status\": \"firing\", \"annotations\": {\"summary\": 1}}]}"), 400,
        "alerts[0].annotations.summary: expected a string, got a number");
    problem(api.post(EVENTS, null, "{\"summary\": \"s\", \"starts_at\": 1700000000}"), 400,
        "starts_at: expected a string, got a number");
    assertThat(IntakeCatalog.storedRows(jdbc)).isZero();
  }

  @Test
  void oversizedRequestsAndValuesAreRefused() {
    String tooMany = "{\"alerts\": [" + String.join(",", Collections.nCopies(1001,
        "{\"status\": \"firing\", \"labels\": {\"alertname\": \"A\"}}")) + "]}";
    problem(api.post(AM, null, tooMany), 400, "alerts: at most 1,000 alerts per request, got 1,001");
    String tooManyEvents = "{\"events\": [" + String.join(",", Collections.nCopies(1001, "{\"summary\": \"s\"}"))
        + "]}";
    problem(api.post(EVENTS, null, tooManyEvents), 400, "events: at most 1,000 events per request, got 1,001");
    problem(api.post(AM, null, "{\"alerts\": [{\"status\": \"firing\", \"labels\": {\"a\": \"" + "x".repeat(10_241)
        + "\"}}]}"), 400, "alerts[0].labels.a: at most 10,240 characters");
    problem(api.post(AM, null, "{\"alerts\": [{\"status\": \"firing\", \"labels\": {}, \"fingerprint\": \""
        + "f".repeat(256) + "\"}]}"), 400, "alerts[0].fingerprint: at most 255 characters");
    problem(api.post(EVENTS, null, "{\"summary\": \"" + "s".repeat(1025) + "\"}"), 400,
        "summary: at most 1,024 characters, got 1,025");

    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      labels.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"v\"");
    }
    problem(api.post(AM, null, "{\"alerts\": [{\"status\": \"firing\", \"labels\": {" + labels + "}}]}"), 400,
        "alerts[0].labels: at most 100 labels per alert, got 60,000");
    problem(api.post(EVENTS, null, "{\"summary\": \"s\", \"annotations\": {" + labels.toString().replace("l1", "a1")
        + "}}"), 400, "annotations: at most 100 annotations per alert, got 60,000");
    String longLabels = "{\"a\": \"" + "x".repeat(10_000) + "\", \"b\": \"" + "x".repeat(10_000) + "\"}";
    problem(api.post(EVENTS, null, "{\"summary\": \"s\", \"labels\": " + longLabels + "}"), 400,
        "labels: at most 16,384 characters of names and values per alert, got 20,002");
    StringBuilder annotations = new StringBuilder("{");
    for (int i = 0; i < 7; i++) {
      annotations.append(i == 0 ? "" : ",").append("\"a").append(i).append("\": \"").append("x".repeat(10_240))
          .append("\"");
    }
    problem(api.post(AM, null, "{\"alerts\": [{\"status\": \"firing\", \"labels\": {}, \"annotations\": "
        + annotations.append("}") + "}]}"), 400,
        "alerts[0].annotations: at most 65,536 characters of names and values per alert, got 71,694");

    String huge = "{\"alerts\": [], \"padding\": \"" + "x".repeat(1_100_000) + "\"}";
    for (String route : List.of(AM, GRAFANA, EVENTS, PAGERDUTY)) {
      problem(api.post(route, null, huge), 413, "larger than the limit of 1048576 bytes");
    }
    assertThat(IntakeCatalog.storedRows(jdbc)).isZero();
  }

  @Test
  void aWildcardFormOrMissingContentTypeIsReadAsJson() {
    // curl -d sends application/x-www-form-urlencoded; cron scripts and some tools send */* or nothing.
    List<String> types = Arrays.asList("*/*", "application/*", "text/*", "application/x-www-form-urlencoded",
        "text/plain", null);
    for (String[] route : routes()) {
      for (String type : types) {
        Api.Response response = api.send("POST", route[0], null, type,
            route[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.status()).as("%s as %s: %s", route[0], type, response.body()).isEqualTo(202);
      }
    }
  }

  @Test
  void jsonNestedTooDeepIsRefusedWithoutNamingJacksonsInternals() {
    String deep = "{\"summary\": \"s\", \"labels\": " + "[".repeat(1500) + "]".repeat(1500) + "}";
    for (String route : List.of(AM, GRAFANA, EVENTS)) {
      Api.Response response = api.post(route, null, deep);
      problem(response, 400, "body: malformed JSON", "nesting depth", "500");
      assertThat(response.body()).doesNotContain("StreamReadConstraints").doesNotContain("`");
    }
    Api.Response pagerDuty = api.post(PAGERDUTY, null, deep);
    assertThat(pagerDuty.status()).isEqualTo(400);
    assertThat(pagerDuty.body()).contains("nesting depth").doesNotContain("StreamReadConstraints");
  }

  @Test
  void aThousandAlertsAreAcceptedInOneRequest() {
    StringBuilder alerts = new StringBuilder("{\"alerts\": [");
    for (int i = 0; i < 1000; i++) {
      alerts.append(i == 0 ? "" : ",").append("{\"status\": \"firing\", \"labels\": {\"alertname\": \"A\","
          + " \"instance\": \"host-").append(i).append("\"}}");
    }
    Api.Response response = api.post(AM, null, alerts.append("]}").toString());
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    assertThat(response.json().get("accepted").asInt()).isEqualTo(1000);
    assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).isEqualTo(1000);
  }

  @Test
  void textPostgresCannotStoreIsRefusedNotA500() {
    problem(api.post(AM, null, "{\"alerts\": [{\"status\": \"firing\", \"labels\": {\"a\": \"x\\u0000y\"}}]}"), 400,
        "alerts[0].labels.a: contains a NUL character");
    problem(api.post(EVENTS, null, "{\"summary\": \"lone \\ud800 surrogate\"}"), 400,
        "summary: contains a lone surrogate");
    byte[] overlong = "{\"summary\": \"a/b\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] withOverlong = new byte[overlong.length + 1];
    System.arraycopy(overlong, 0, withOverlong, 0, 14);
    withOverlong[14] = (byte) 0xC0;
    withOverlong[15] = (byte) 0xAF;
    System.arraycopy(overlong, 15, withOverlong, 16, overlong.length - 15);
    for (String route : List.of(AM, GRAFANA, EVENTS)) {
      problem(api.send("POST", route, null, "application/json", withOverlong), 400,
          "body: not valid UTF-8 at line 1, column 15");
    }
    Api.Response overlongPagerDuty = api.send("POST", PAGERDUTY, null, "application/json", withOverlong);
    assertThat(overlongPagerDuty.status()).isEqualTo(400);
    assertThat(overlongPagerDuty.json().get("errors").get(0).asString()).startsWith("body: not valid UTF-8");
    Api.Response pagerDuty = api.post(PAGERDUTY, null, IntakePagerDutyIT.trigger("k")
        .replace("\"standby\": \"db-2\"", "\"standby\": {\"deep\": \"\\u0000\"}"));
    assertThat(pagerDuty.status()).as("nested NULs stay escaped in JSON text").isEqualTo(202);
  }

  @Test
  void randomMutationsOfValidPayloadsAreNever5xxAndRefusedOnesStoreNothing() {
    PayloadMutator mutator = new PayloadMutator(20260301L);
    Set<String> acceptedFingerprints = new HashSet<>();
    int[] counts = new int[6];
    for (String[] route : routes()) {
      for (int i = 0; i < 200; i++) {
        byte[] body = mutator.mutate(route[1]);
        Api.Response response = api.send("POST", route[0], null, HttpRequest.BodyPublishers.ofByteArray(body));
        String what = route[0] + " #" + i + ": " + new String(body, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(response.status()).as(what).isBetween(200, 499);
        counts[response.status() / 100]++;
        if (response.status() == 202) {
          JsonNode answer = response.json();
          if (answer.has("dedup_key")) {
            acceptedFingerprints.add(answer.get("dedup_key").asString());
          } else {
            answer.get("fingerprints").forEach(f -> acceptedFingerprints.add(f.asString()));
          }
        } else if (route[0].equals(PAGERDUTY) && response.status() == 400) {
          assertThat(response.json().get("status").asString()).as(what).isEqualTo("invalid event");
        } else {
          assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        }
      }
    }
    assertThat(counts[2]).as("some mutations are still valid").isPositive();
    assertThat(counts[4]).as("most are not").isGreaterThan(counts[2]);
    assertThat(jdbc.sql("select fingerprint from alert").query(String.class).list())
        .as("every stored alert came from an accepted request").allMatch(acceptedFingerprints::contains);
  }

  static Stream<IntakeAdapterContractTest.Adapter> adapters() {
    return IntakeAdapterContractTest.adapters();
  }

  private List<String> incidentStatuses() {
    return jdbc.sql("select status from incident").query(String.class).list();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void anInvalidRequestIsRefusedAndStoresNothing(IntakeAdapterContractTest.Adapter adapter) {
    String route = ROUTES.get(adapter.name());
    for (var invalid : Stream.concat(IntakeAdapterContractTest.EVERY_SENDER.stream(), adapter.invalid().stream())
        .toList()) {
      Api.Response response = api.post(route, null, invalid.payload());
      assertThat(response.status()).as(invalid.payload() + " -> " + response.body()).isBetween(400, 499);
    }
    assertThat(IntakeCatalog.storedRows(jdbc)).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void aValidPayloadOpensAnIncidentAndItsResolveMessageResolvesIt(IntakeAdapterContractTest.Adapter adapter) {
    String route = ROUTES.get(adapter.name());

    Api.Response triggered = api.post(route, null, adapter.trigger());
    assertThat(triggered.status()).as(triggered.body()).isBetween(200, 299);
    assertThat(incidentStatuses()).containsExactly("triggered");

    Api.Response resolved = api.post(route, null, adapter.resolve());
    assertThat(resolved.status()).as(resolved.body()).isBetween(200, 299);
    assertThat(incidentStatuses()).containsExactly("resolved");
  }
}
