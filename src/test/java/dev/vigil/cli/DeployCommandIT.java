package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import dev.vigil.security.ApiPrincipal;
import dev.vigil.security.Role;
import dev.vigil.security.TokenService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** {@code vigil deploy start|finish|fail} as a CI script runs it, against the running application. */
@IntegrationTest
class DeployCommandIT {

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TokenService tokens;
  @Autowired java.time.Clock clock;

  /** Runs {@code vigil args...}; its exit status, and what it printed after it. */
  String vigil(String... args) {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new VigilCommand());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(out, true));
    int status = command.execute(args);
    return status + " " + out.toString().strip();
  }

  @Test
  void aScriptRecordsADeployAsItStartsAndAsItEnds() {
    WebTestCatalog.apply(jdbc, catalog);
    jdbc.sql("truncate change, change_commit, change_phase, incident_change cascade").update();
    String token = tokens.issue("ci", Role.DEPLOYER, null, new ApiPrincipal.DeployScope(List.of("api"), List.of()),
        "deploy-it").token();
    String server = "http://127.0.0.1:" + port;

    assertThat(vigil("deploy", "start", "--server", server, "--token", token, "--service", "api", "--version",
        "1.4.2", "--id", "api-77", "--commit", "9fceb02d0ae598e95dc970b74767f19372d61af8@2026-01-10T09:30:00Z",
        "--author", "alice", "--pipeline-url", "https://ci.example.com/runs/77"))
        .isEqualTo("0 deploy api-77: api 1.4.2, in progress");
    assertThat(vigil("deploy", "finish", "--server", server, "--token", token, "--service", "api", "--version",
        "1.4.2", "--id", "api-77")).isEqualTo("0 deploy api-77: api 1.4.2, succeeded");
    JsonNode deploy = new Api(port).get("/api/v1/deploys/api-77", IntegrationTest.ADMIN_TOKEN).json();
    assertThat(deploy.get("commits").get(0).get("committed_at").asString()).isEqualTo("2026-01-10T09:30:00Z");

    assertThat(vigil("deploy", "fail", "--server", server, "--token", token, "--service", "api", "--version",
        "1.4.2", "--id", "api-77")).isEqualTo("1 vigil deploy: 409 deploy 'api-77' is succeeded; it cannot be"
        + " failed now");
    assertThat(vigil("deploy", "start", "--server", server, "--token", token, "--service", "db", "--version",
        "16")).startsWith("1 vigil deploy: 403 token 'ci' may not record changes on service db");
    assertThat(vigil("deploy", "start", "--server", server, "--token", token, "--service", "api", "--version",
        "2", "--commit", "zz")).isEqualTo("1 vigil deploy: 400 commits[0].sha: expected a commit SHA of 7 to 64"
        + " hexadecimal digits");
  }

  @Test
  void theGateExitsZeroWhenAllowedOneWhenBlockedWithItsReasonsAndTwoOnError() {
    WebTestCatalog.apply(jdbc, catalog);
    java.time.LocalDateTime now = java.time.LocalDateTime.ofInstant(java.time.Instant.now(clock),
        java.time.ZoneOffset.UTC);
    String server = "http://127.0.0.1:" + port;
    String admin = IntegrationTest.ADMIN_TOKEN;
    assertThat(vigil("deploy", "gate", "--server", server, "--token", admin, "--service", "api"))
        .isEqualTo("0 deploy gate of api: allowed");
    catalog.apply(dev.vigil.TestCatalogs.load(WebTestCatalog.YAML + """
        change_freezes:
          - name: launch
            services: [api]
            reason: launch week
            time_zone: UTC
            start: %s
            end: %s
        """.formatted(now.minusHours(1).truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
            now.plusHours(1).truncatedTo(java.time.temporal.ChronoUnit.MINUTES))), "/etc/vigil-web.yaml", "x");
    assertThat(vigil("deploy", "gate", "--server", server, "--token", admin, "--service", "api"))
        .isEqualTo("1 deploy gate of api: blocked\n  change_freeze: change freeze 'launch': launch week");
    assertThat(vigil("deploy", "gate", "--server", server, "--token", admin, "--service", "nope"))
        .isEqualTo("2 vigil deploy gate: 404 no service named 'nope'");
    WebTestCatalog.apply(jdbc, catalog);
  }
}
