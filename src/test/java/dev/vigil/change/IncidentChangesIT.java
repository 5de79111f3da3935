package dev.vigil.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.catalog.CatalogService;
import dev.vigil.security.TokenService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An incident lists the changes on its service and upstream of it in the six hours before it opened, likeliest
 * first, and a responder's verdict on one goes on its timeline.
 */
@IntegrationTest
class IncidentChangesIT {


  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TokenService tokens;
  @Autowired TestClock clock;
  Api api;
  String ci;
  /** When the incident opens: far enough ahead of the shared clock, which never goes back, for hours before it. */
  Instant opened;

  @BeforeEach
  void setUp() {
    ChangeCatalog.reset(catalog, jdbc);
    api = new Api(port);
    ci = ChangeCatalog.deployer(tokens, List.of("payments", "platform"), List.of());
    opened = clock.instant().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
  }

  void deploy(String id, String service, String environment, Duration before, String phase) {
    clock.set(opened.minus(before));
    Api.Response recorded = api.post("/api/v1/deploys", ci, """
        {"id": "%s", "service": "%s", "environment": "%s", "version": "%s", "phase": "%s"}"""
        .formatted(id, service, environment, id, phase));
    assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
  }

  void change(String id, String service, Duration before) {
    clock.set(opened.minus(before));
    assertThat(api.post("/api/v1/changes", ci, """
        {"id": "%s", "kind": "config", "service": "%s", "summary": "%s"}""".formatted(id, service, id)).status())
        .isEqualTo(201);
  }

  @Test
  void changesAreRankedSameServiceFirstThenFailedThenClosestAndAVerdictGoesOnTheTimeline() {
    deploy("api-old", "api", "production", Duration.ofHours(7), "succeeded"); // before the lookback
    deploy("api-failed", "api", "production", Duration.ofHours(5), "failed");
    change("api-config", "api", Duration.ofHours(3));
    deploy("api-recent", "api", "production", Duration.ofMinutes(30), "succeeded");
    deploy("api-staging", "api", "staging", Duration.ofMinutes(20), "failed"); // not production
    deploy("db-upstream", "db", "production", Duration.ofMinutes(10), "succeeded");
    deploy("web-downstream", "web", "production", Duration.ofMinutes(5), "failed"); // depends on api: not a cause
    clock.set(opened);
    long incident = ChangeIncidents.open(api, jdbc, "checkout errors over 5%");
    deploy("api-after", "api", "production", Duration.ofMinutes(-12), "succeeded"); // after it opened

    JsonNode suspects = api.get("/api/v1/incidents/" + incident + "/changes", IntegrationTest.ADMIN_TOKEN).json();
    assertThat(suspects.findValuesAsString("id"))
        .containsExactly("api-failed", "api-recent", "api-config", "db-upstream");
    assertThat(suspects.get(3).get("same_service").asBoolean()).isFalse();

    clock.set(opened.plus(Duration.ofMinutes(20)));
    String responder = tokens.issue("ana", dev.vigil.security.Role.RESPONDER, "change-it").token();
    Api.Response marked = api.post("/api/v1/incidents/" + incident + "/changes/api-failed/verdict", responder,
        "{\"cause\": true}");
    assertThat(marked.status()).as(marked.body()).isEqualTo(200);
    assertThat(marked.json().get(0).get("link").asString()).isEqualTo("cause");
    api.post("/api/v1/incidents/" + incident + "/changes/db-upstream/verdict", responder, "{\"cause\": false}");
    assertThat(api.post("/api/v1/incidents/" + incident + "/changes/db-upstream/verdict", ci, "{\"cause\": false}")
        .status()).isEqualTo(403);
    assertThat(api.post("/api/v1/incidents/" + incident + "/changes/nope/verdict", responder, "{\"cause\": true}")
        .status()).isEqualTo(404);

    JsonNode timeline = api.get("/api/v1/incidents/" + incident, IntegrationTest.ADMIN_TOKEN).json()
        .get("timeline");
    assertThat(timeline.valueStream().filter(e -> e.get("kind").asString().equals("change_marked"))
        .map(e -> e.get("actor").asString() + " " + e.get("detail").get("change").asString() + " "
            + e.get("detail").get("verdict").asString()).toList())
        .containsExactly("ana api-failed cause", "ana db-upstream not_cause");
    assertThat(api.get("/api/v1/deploys/api-failed", IntegrationTest.ADMIN_TOKEN).json().get("incidents").get(0)
        .get("link").asString()).isEqualTo("cause");
  }

  @Test
  void theIncidentPageListsTheSuspectsAndAResponderMarksTheCauseThere() {
    deploy("api-900", "api", "production", Duration.ofHours(1), "succeeded");
    clock.set(opened);
    long incident = ChangeIncidents.open(api, jdbc, "checkout errors over 5%");
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "rita", "correct horse battery", "responder", "ana");
    WebSession rita = WebSession.signedIn(port, "rita", "correct horse battery");

    WebSession.Page page = rita.get("/incidents/" + incident);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"suspect-api-900\"", "api api-900");

    WebSession.Page marked = rita.post("/incidents/" + incident + "/changes/api-900/verdict",
        java.util.Map.of("cause", "true"));
    assertThat(marked.status()).isEqualTo(302);
    assertThat(jdbc.sql("select link from incident_change").query(String.class).single()).isEqualTo("cause");
    assertThat(rita.get("/incidents/" + incident).body()).containsPattern("Change api api-900 marked by \\w+ via web as the cause");

    WebSession.Page changes = rita.get("/changes?team=payments&outcome=succeeded");
    assertThat(changes.status()).isEqualTo(200);
    assertThat(changes.body()).contains("id=\"change-api-900\"", "#" + incident + ": cause");
    assertThat(rita.get("/changes?outcome=broken").status()).isEqualTo(400);
  }
}
