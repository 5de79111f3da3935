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

/** Vigil's generic events API on the running application, as docs/api/events.md describes it. */
@IntegrationTest
class IntakeEventsIT {

  static final String EVENTS = "/api/v1/integrations/" + IntakeCatalog.EVENTS_KEY + "/events";

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    IntakeCatalog.reset(catalog, jdbc);
    api = new Api(port);
  }

  @Test
  void oneEventOpensAnIncidentAndItsResolveResolvesIt() {
    Api.Response opened = api.post(EVENTS, null, """
        {"fingerprint": "backup/nightly", "summary": "Nightly backup failed", "severity": "warning",
         "labels": {"job": "backup"}, "links": [{"href": "https://ci.example.com/42", "text": "Build 42"}]}
        """);
    assertThat(opened.status()).as(opened.body()).isEqualTo(202);
    long incident = opened.json().get("incidents").get(0).asLong();
    assertThat(opened.body()).isEqualTo("{\"accepted\":1,\"incidents\":[" + incident
        + "],\"fingerprints\":[\"backup/nightly\"]}");
    assertThat(jdbc.sql("select urgency from incident").query(String.class).single()).isEqualTo("low");

    Api.Response resolved = api.post(EVENTS, null, "{\"fingerprint\": \"backup/nightly\", \"action\": \"resolve\"}");
    assertThat(resolved.status()).isEqualTo(202);
    assertThat(jdbc.sql("select status from incident").query(String.class).single()).isEqualTo("resolved");
  }

  @Test
  void anAuthorizationHeaderTheSenderAddsDoesNotTurnTheAlertAway() {
    Api.Response response = api.post(EVENTS, "some-unrelated-token", "{\"summary\": \"disk 91%\"}");
    assertThat(response.status()).as(response.body()).isEqualTo(202);
  }

  @Test
  void aBatchIsAcceptedWhole() {
    Api.Response response = api.post(EVENTS, null, """
        {"events": [
          {"summary": "Queue depth over 10k", "labels": {"queue": "invoices"}, "severity": "critical"},
          {"dedup_key": "cron-7", "summary": "Cron job 7 missed its run"},
          {"fingerprint": "cron-7", "action": "acknowledge"}
        ]}
        """);
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    assertThat(response.json().get("accepted").asInt()).isEqualTo(3);
    assertThat(response.json().get("incidents").size()).isEqualTo(2);
    assertThat(jdbc.sql("select status from incident order by id").query(String.class).list())
        .containsExactly("triggered", "acknowledged");
  }

  @Test
  void routingRulesPickTheService() {
    String routed = "/api/v1/integrations/" + IntakeCatalog.ROUTED_KEY + "/events";
    assertThat(api.post(routed, null, "{\"summary\": \"s\", \"labels\": {\"queue\": \"invoices\"}}").status())
        .isEqualTo(202);
    assertThat(jdbc.sql("select s.name from incident i join service s on s.id = i.service_id").query(String.class)
        .single()).isEqualTo("db");
  }

  @Test
  void unknownFieldsAndWrongTypesAreProblemsNamingTheFieldAndNothingIsStored() {
    Api.Response typo = api.post(EVENTS, null, "{\"events\": [{\"summary\": \"ok\"}, {\"sumary\": \"typo\"}]}");
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.contentType()).startsWith("application/problem+json");
    assertThat(typo.json().get("detail").asString()).startsWith("The payload is invalid and nothing of it was stored:")
        .contains("events[1].sumary: unknown field");
    assertThat(typo.json().get("errors").toString()).contains("events[1].sumary: unknown field",
        "events[1].summary: is required");

    Api.Response wrongType = api.post(EVENTS, null, "{\"summary\": \"s\", \"labels\": {\"zone\": [\"a\"]}}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("errors").get(0).asString())
        .isEqualTo("labels.zone: expected a string, got an array");
    assertThat(IntakeCatalog.storedRows(jdbc)).isZero();
  }

  @Test
  void theIntakeRoutesAreInTheOpenApiDocument() {
    tools.jackson.databind.JsonNode paths = api.get("/api/v1/openapi.json", null).json().get("paths");
    assertThat(paths.propertyNames()).contains("/v2/enqueue", "/api/v1/integrations/{key}/alertmanager",
        "/api/v1/integrations/{key}/grafana", "/api/v1/integrations/{key}/events");
    tools.jackson.databind.JsonNode events = paths.get("/api/v1/integrations/{key}/events").get("post");
    assertThat(events.at("/requestBody/content/application~1json/schema/type").asString()).isEqualTo("object");
    assertThat(events.get("responses").propertyNames()).contains("202");
    assertThat(paths.get("/v2/enqueue").get("post").get("responses").propertyNames()).contains("202", "400");
  }
}
