package dev.vigil.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.CheckConstraints;
import dev.vigil.IntegrationTest;
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
 * Pipelines record deploys through their phases with a deployer token scoped to a team or service: idempotent by
 * their own id, a rollback linked to what it undoes, a token of another team refused, bad input refused whole.
 */
@IntegrationTest
class ChangeLogIT {


  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TokenService tokens;
  @Autowired TestClock clock;
  Api api;
  String payments;
  /** Where each test starts: a whole hour ahead of wherever the shared clock is, as it never goes back. */
  Instant start;

  @BeforeEach
  void setUp() {
    ChangeCatalog.reset(catalog, jdbc);
    start = clock.instant().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    clock.set(start);
    api = new Api(port);
    payments = ChangeCatalog.deployer(tokens, List.of("payments"), List.of());
  }

  static String deploy(String id, String version) {
    return """
        {"id": "%s", "service": "api", "environment": "production", "version": "%s",
         "commits": [{"sha": "9fceb02d0ae598e95dc970b74767f19372d61af8", "committed_at": "2026-01-10T09:30:00Z"},
                     {"sha": "e83c5163316f89bfbde7d9ab23ca2e25604af290", "committed_at": "2026-01-10T10:15:00Z"}],
         "author": "ana", "pipeline_url": "https://ci.example.com/api/runs/812", "description": "faster checkout"}
        """.formatted(id, version);
  }

  /** The scrape's vigil_deploys_total of api in production with this outcome. */
  double deploys(String outcome) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^vigil_deploys_total\\{environment=\"production\","
        + "outcome=\"" + outcome + "\",service=\"api\"} (\\S+)$").matcher(scrape());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  String scrape() {
    return api.get("/actuator/prometheus", null).body();
  }

  @Test
  void aDeployIsRecordedThroughItsPhasesWithItsDurationAndOutcome() {
    double succeededBefore = deploys("succeeded");
    Api.Response started = api.post("/api/v1/deploys", payments, deploy("api-812", "1.4.2")
        .replace("\"author\"", "\"started_at\": \"" + start + "\", \"author\""));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    assertThat(started.json().get("outcome").asString()).isEqualTo("in_progress");
    assertThat(started.json().get("team").asString()).isEqualTo("payments");
    assertThat(started.json().has("duration_seconds")).isFalse();

    clock.advance(Duration.ofMinutes(4).plusSeconds(30));
    Api.Response finished = api.post("/api/v1/deploys/api-812/phases", payments,
        "{\"phase\": \"succeeded\", \"at\": \"" + start.plusSeconds(270) + "\"}");
    assertThat(finished.status()).as(finished.body()).isEqualTo(200);

    JsonNode deploy = api.get("/api/v1/deploys/api-812", IntegrationTest.ADMIN_TOKEN).json();
    assertThat(deploy.get("outcome").asString()).isEqualTo("succeeded");
    assertThat(deploy.get("duration_seconds").asDouble()).isEqualTo(270.0);
    assertThat(deploy.get("started_at").asString()).isEqualTo(start.toString());
    assertThat(deploy.get("finished_at").asString()).isEqualTo(start.plusSeconds(270).toString());
    assertThat(deploy.get("summary").asString()).isEqualTo("api 1.4.2: faster checkout");
    assertThat(deploy.get("phases").findValuesAsString("phase")).containsExactly("started", "succeeded");
    assertThat(deploy.get("commits").get(0).get("committed_at").asString()).isEqualTo("2026-01-10T09:30:00Z");
    assertThat(deploy.get("recorded_by").asString()).startsWith("ci ");
    assertThat(deploys("succeeded")).isEqualTo(succeededBefore + 1);
    assertThat(scrape()).contains("vigil_deploy_info{environment=\"production\",service=\"api\",version=\"1.4.2\"} 1");
    // What is stored, whichever node recorded it: here another node's deploy of api, written directly.
    jdbc.sql("""
        insert into change (client_id, kind, service, team, environment, version, summary, source, outcome,
          started_at, finished_at, recorded_at)
        values ('other-node', 'deploy', 'api', 'payments', 'production', '1.4.3', 'api 1.4.3', 'api', 'succeeded',
          :at, :at, :at)""").param("at", java.sql.Timestamp.from(clock.instant().plusSeconds(60))).update();
    assertThat(scrape()).contains("vigil_deploy_info{environment=\"production\",service=\"api\",version=\"1.4.3\"} 1")
        .doesNotContain("environment=\"production\",service=\"api\",version=\"1.4.2\"");
    assertThat(deploys("succeeded")).isEqualTo(succeededBefore + 2);
    jdbc.sql("delete from change where client_id = 'other-node'").update();

    // A phase reported twice is answered as it stands; one that cannot follow is refused.
    assertThat(api.post("/api/v1/deploys/api-812/phases", payments, "{\"phase\": \"succeeded\"}").status())
        .isEqualTo(200);
    Api.Response failedAfterSuccess = api.post("/api/v1/deploys/api-812/phases", payments,
        "{\"phase\": \"failed\"}");
    assertThat(failedAfterSuccess.status()).isEqualTo(409);
    assertThat(failedAfterSuccess.json().get("detail").asString())
        .isEqualTo("deploy 'api-812' is succeeded; it cannot be failed now");
    assertThat(deploys("succeeded")).isEqualTo(succeededBefore + 1);

    Api.Response listed = api.get("/api/v1/changes?team=payments&outcome=succeeded", IntegrationTest.ADMIN_TOKEN);
    assertThat(listed.json().findValuesAsString("id")).containsExactly("api-812");
    assertThat(api.get("/api/v1/changes?team=platform", IntegrationTest.ADMIN_TOKEN).json()).isEmpty();
  }

  @Test
  void theSameIdAndBodyGetTheSameAnswerAndAnotherBodyIsAConflict() {
    Api.Response first = api.post("/api/v1/deploys", payments, deploy("api-813", "1.4.3"));
    Api.Response again = api.post("/api/v1/deploys", payments, deploy("api-813", "1.4.3"));
    assertThat(again.status()).isEqualTo(first.status()).isEqualTo(201);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    long rows = ChangeCatalog.storedRows(jdbc);

    Api.Response other = api.post("/api/v1/deploys", payments, deploy("api-813", "1.4.4"));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.json().get("detail").asString()).startsWith("id: 'api-813' was recorded with another body");
    assertThat(ChangeCatalog.storedRows(jdbc)).isEqualTo(rows);
    assertThat(api.get("/api/v1/deploys/api-813", IntegrationTest.ADMIN_TOKEN).json().get("version").asString())
        .isEqualTo("1.4.3");
  }

  @Test
  void aRollbackLinksItselfToTheDeployItUndoesAndToTheOpenIncidentOnItsService() {
    api.post("/api/v1/deploys", payments, deploy("api-820", "1.5.0"));
    clock.advance(Duration.ofMinutes(3));
    api.post("/api/v1/deploys/api-820/phases", payments, "{\"phase\": \"failed\"}");
    clock.advance(Duration.ofMinutes(1));
    long incident = ChangeIncidents.open(api, jdbc, "checkout errors over 5%");
    clock.advance(Duration.ofMinutes(2));

    Api.Response rollback = api.post("/api/v1/deploys", payments, """
        {"id": "api-821", "service": "api", "version": "1.4.2", "rollback_of": "api-820", "started_at": "%s"}"""
        .formatted(start.plus(Duration.ofMinutes(6))));
    assertThat(rollback.status()).as(rollback.body()).isEqualTo(201);
    assertThat(rollback.json().get("rollback_of").asString()).isEqualTo("api-820");
    assertThat(rollback.json().get("incidents").get(0).get("incident").asLong()).isEqualTo(incident);
    assertThat(rollback.json().get("incidents").get(0).get("link").asString()).isEqualTo("rollback");

    JsonNode undone = api.get("/api/v1/deploys/api-820", IntegrationTest.ADMIN_TOKEN).json();
    assertThat(undone.get("outcome").asString()).isEqualTo("rolled_back");
    assertThat(undone.get("rolled_back_at").asString()).isEqualTo(start.plus(Duration.ofMinutes(6)).toString());
    assertThat(undone.get("phases").findValuesAsString("phase")).containsExactly("started", "failed",
        "rolled_back");
    assertThat(jdbc.sql("select detail->>'change' from incident_event where incident_id = :id and kind = 'change_linked'")
        .param("id", incident).query(String.class).list()).containsExactly("api-821");
  }

  @Test
  void aDeployerTokenOfAnotherTeamIsRefusedAndStoresNothing() {
    String platform = ChangeCatalog.deployer(tokens, List.of("platform"), List.of());
    Api.Response refused = api.post("/api/v1/deploys", platform, deploy("api-830", "1.6.0"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("detail").asString()).contains("may not record changes on service api");
    assertThat(ChangeCatalog.storedRows(jdbc)).isZero();

    // Scoped by service: db alone, whatever team owns it.
    String dbOnly = ChangeCatalog.deployer(tokens, List.of(), List.of("db"));
    assertThat(api.post("/api/v1/deploys", dbOnly, deploy("db-1", "16.4").replace("\"api\"", "\"db\""))
        .status()).isEqualTo(201);
    assertThat(api.post("/api/v1/deploys/db-1/phases", payments, "{\"phase\": \"failed\"}").status())
        .isEqualTo(403);
    // A viewer cannot record at all.
    assertThat(api.post("/api/v1/deploys", null, deploy("api-831", "1.6.0")).status()).isEqualTo(401);
  }

  @Test
  void badInputIsRefusedWholeNamingEachField() {
    Api.Response refused = api.post("/api/v1/deploys", payments, """
        {"id": "has a space", "service": "nope", "environment": "Prod!", "commits": [{"sha": "xyz"}],
         "pipeline_url": "ftp://ci.example.com/1", "phase": "succeeded", "started_at": "%s",
         "finished_at": "%s"}""".formatted(start.plus(Duration.ofHours(1)), start.minus(Duration.ofHours(1))));
    assertThat(refused.status()).isEqualTo(400);
    List<String> errors = refused.json().get("errors").valueStream().map(JsonNode::asString).toList();
    assertThat(errors).extracting(e -> e.substring(0, e.indexOf(':'))).containsExactly("id", "service",
        "environment", "version", "pipeline_url", "commits[0].sha", "started_at", "finished_at");
    assertThat(api.post("/api/v1/deploys", payments, "{\"id\": \"x\", \"phase\": \"deployed\"}").json()
        .get("detail").asString()).contains("phase");
    assertThat(api.post("/api/v1/deploys", payments, "{\"id\": \"x\", \"colour\": \"red\"}").status()).isEqualTo(400);
    assertThat(api.post("/api/v1/changes", payments, "{\"kind\": \"config\", \"service\": \"api\"}").json()
        .get("errors").toString()).contains("summary: is required");
    assertThat(api.get("/api/v1/changes?outcome=broken", IntegrationTest.ADMIN_TOKEN).json().get("errors")
        .toString()).contains("outcome: 'broken' is not an outcome");
    assertThat(ChangeCatalog.storedRows(jdbc)).isZero();
  }

  @Test
  void otherChangesAreEventsWithoutAVersion() {
    Api.Response flag = api.post("/api/v1/changes", payments, """
        {"id": "flag-77", "kind": "feature_flag", "service": "web", "summary": "new-checkout on for 10%",
         "author": "ana", "url": "https://flags.example.com/new-checkout"}""");
    assertThat(flag.status()).as(flag.body()).isEqualTo(201);
    assertThat(flag.json().get("kind").asString()).isEqualTo("feature_flag");
    assertThat(flag.json().has("version")).isFalse();
    assertThat(api.post("/api/v1/changes", payments, """
        {"kind": "config", "service": "web", "summary": "pool size 20", "version": "3"}""").json().get("errors")
        .toString()).contains("version: only deploys have a version");
    assertThat(api.get("/api/v1/deploys/flag-77", IntegrationTest.ADMIN_TOKEN).status()).isEqualTo(404);
  }

  @Test
  void phasesAndOutcomesAreTheValuesTheirColumnsAllow() {
    // Kinds are held by two constraints (the list, and a version for deploys only), which the helper does not read.
    CheckConstraints.assertMirrored(jdbc, "change", "outcome", DeployOutcome.class);
    CheckConstraints.assertMirrored(jdbc, "change_phase", "phase", DeployPhase.class);
  }
}
