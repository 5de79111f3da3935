package dev.vigil.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.security.TokenService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The deploy gate: blocked by a change freeze the catalog declares for a team, by an open SEV1 upstream, open
 * otherwise; an override by a deployer in scope lets the next deploy through and shows on it.
 */
@IntegrationTest
class DeployGateIT {

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TokenService tokens;
  @Autowired TestClock clock;
  Api api;
  Instant start;

  @BeforeEach
  void setUp() {
    ChangeCatalog.reset(catalog, jdbc);
    jdbc.sql("truncate deploy_gate_override").update();
    start = clock.instant().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    clock.set(start);
    api = new Api(port);
  }

  JsonNode gate(String service) {
    Api.Response response = api.get("/api/v1/services/" + service + "/deploy-gate", ADMIN);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  @Test
  void aFreezeOfTheTeamBlocksItsServicesWhileItLastsAndNoOthers() {
    LocalDateTime from = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
    catalog.apply(TestCatalogs.load(ChangeCatalog.YAML + """
        change_freezes:
          - name: year-end
            teams: [payments]
            reason: the books close
            time_zone: UTC
            start: %s
            end: %s
        """.formatted(from, from.plusHours(2))), "/etc/vigil/vigil.yaml", "gate-it");

    JsonNode frozen = gate("api");
    assertThat(frozen.get("decision").asString()).isEqualTo("blocked");
    assertThat(frozen.get("reasons").get(0).get("kind").asString()).isEqualTo("change_freeze");
    assertThat(frozen.get("reasons").get(0).get("detail").asString())
        .isEqualTo("change freeze 'year-end': the books close");
    assertThat(gate("db").get("decision").asString()).as("platform's service").isEqualTo("allowed");
    assertThat(gate("db").get("reasons").size()).isZero();

    clock.set(start.plus(Duration.ofHours(2)));
    assertThat(gate("api").get("decision").asString()).as("the freeze ended").isEqualTo("allowed");
  }

  @Test
  void anOpenSev1UpstreamBlocksAndAnOverrideLetsTheNextDeployThrough() {
    long incident = ChangeIncidents.open(api, jdbc, "checkout errors");
    Api.Response sev3 = api.post("/api/v1/incidents/" + incident + "/severity", ADMIN,
        "{\"severity\": \"SEV3\", \"reason\": \"a workaround exists\"}");
    assertThat(sev3.status()).as(sev3.body()).isEqualTo(200);
    assertThat(gate("web").get("decision").asString()).as("a SEV3 blocks nothing").isEqualTo("allowed");
    Api.Response sev1 = api.post("/api/v1/incidents/" + incident + "/severity", ADMIN,
        "{\"severity\": \"SEV1\", \"reason\": \"checkout down\"}");
    assertThat(sev1.status()).as(sev1.body()).isEqualTo(200);

    JsonNode blocked = gate("web");
    assertThat(blocked.get("decision").asString()).isEqualTo("blocked");
    assertThat(blocked.get("reasons").get(0).get("detail").asString())
        .isEqualTo("open SEV1 incident #" + incident + " on api, upstream: checkout errors");
    assertThat(gate("db").get("decision").asString()).as("db is upstream of api, not down").isEqualTo("allowed");

    String payments = ChangeCatalog.deployer(tokens, List.of("payments"), List.of());
    String platform = ChangeCatalog.deployer(tokens, List.of("platform"), List.of());
    assertThat(api.get("/api/v1/services/web/deploy-gate", payments).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/services/web/deploy-gate/override", platform, "{\"reason\": \"hotfix\"}")
        .status()).isEqualTo(403);
    Api.Response noReason = api.post("/api/v1/services/web/deploy-gate/override", payments, "{\"reason\": \" \"}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("reason: is required");
    assertThat(api.post("/api/v1/services/db/deploy-gate/override", ADMIN, "{\"reason\": \"x\"}").status())
        .as("nothing blocks db").isEqualTo(409);
    assertThat(api.get("/api/v1/services/nope/deploy-gate", ADMIN).status()).isEqualTo(404);
    assertThat(jdbc.sql("select count(*) from deploy_gate_override").query(Long.class).single()).isZero();

    Api.Response overridden = api.post("/api/v1/services/web/deploy-gate/override", payments,
        "{\"reason\": \"the fix for the incident itself\"}");
    assertThat(overridden.status()).as(overridden.body()).isEqualTo(200);
    assertThat(overridden.json().get("decision").asString()).isEqualTo("allowed");
    assertThat(overridden.json().get("override").get("reason").asString())
        .isEqualTo("the fix for the incident itself");
    assertThat(overridden.json().get("reasons").size()).as("the reasons stay in sight").isEqualTo(1);

    clock.advance(Duration.ofMinutes(5));
    Api.Response deploy = api.post("/api/v1/deploys", payments, """
        {"id": "web-9", "service": "web", "version": "9", "phase": "succeeded"}""");
    assertThat(deploy.status()).as(deploy.body()).isEqualTo(201);
    JsonNode used = deploy.json().get("gate_override");
    assertThat(used.get("reason").asString()).isEqualTo("the fix for the incident itself");
    assertThat(used.get("blocked_by").get(0).asString()).startsWith("incident: open SEV1 incident #" + incident);
    assertThat(gate("web").get("decision").asString()).as("one override, one deploy").isEqualTo("blocked");
    Api.Response next = api.post("/api/v1/deploys", payments, """
        {"id": "web-10", "service": "web", "version": "10", "phase": "succeeded"}""");
    assertThat(next.json().has("gate_override")).isFalse();
  }
}
