package dev.vigil.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.catalog.CatalogService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty's Change Events at {@code POST /v2/change/enqueue}: answered as PagerDuty answers, recorded on the
 * integration's service; and Debian's Ansible, whose {@code community.general.pagerduty_change} module is pointed at
 * Vigil by its {@code url} option, records a deploy.
 */
@IntegrationTest
class PagerDutyChangeEventsIT {

  static final String KEY = ChangeCatalog.PAGERDUTY_KEY;

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    ChangeCatalog.reset(catalog, jdbc);
    api = new Api(port);
  }

  @Test
  void aChangeEventIsAnsweredAsPagerDutyAnswersAndRecordedOnTheIntegrationsService() {
    // PagerDuty's own example request, with the routing key of a Vigil integration.
    Api.Response accepted = api.post("/v2/change/enqueue", null, """
        {"routing_key": "%s",
         "payload": {"summary": "Build Success: Increase snapshot create timeout to 30 seconds",
                     "timestamp": "2020-07-17T08:42:58.315+0000", "source": "acme-build-pipeline-tool-default-i-9999",
                     "custom_details": {"build_state": "passed", "build_number": "2", "run_time": "1236s"}},
         "links": [{"href": "https://acme.pagerduty.dev/build/2", "text": "View more details in Acme!"}]}"""
        .formatted(KEY));
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.contentType()).startsWith("application/json");
    assertThat(accepted.body()).isEqualTo("{\"status\":\"success\",\"message\":\"Change event processed\"}");

    JsonNode change = api.get("/api/v1/changes?service=api", IntegrationTest.ADMIN_TOKEN).json().get(0);
    assertThat(change.get("kind").asString()).isEqualTo("other");
    assertThat(change.get("summary").asString())
        .isEqualTo("Build Success: Increase snapshot create timeout to 30 seconds");
    assertThat(change.get("started_at").asString()).isEqualTo("2020-07-17T08:42:58.315Z");
    assertThat(change.get("pipeline_url").asString()).isEqualTo("https://acme.pagerduty.dev/build/2");
    assertThat(change.get("source").asString()).isEqualTo("pagerduty");
    assertThat(change.get("recorded_by").asString()).isEqualTo("integration api-pagerduty");

    Api.Response unknownKey = api.post("/v2/change/enqueue", null,
        "{\"routing_key\": \"nope\", \"payload\": {\"summary\": \"x\"}}");
    assertThat(unknownKey.status()).isEqualTo(400);
    assertThat(unknownKey.body()).isEqualTo("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
        + "\"errors\":[\"Invalid routing key\"]}");

    Api.Response noSummary = api.post("/v2/change/enqueue", null,
        "{\"routing_key\": \"" + KEY + "\", \"payload\": {\"source\": \"ci\"}}");
    assertThat(noSummary.status()).isEqualTo(400);
    assertThat(noSummary.body()).isEqualTo("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
        + "\"errors\":[\"payload.summary: is required\"]}");
    Api.Response badEnvironment = api.post("/v2/change/enqueue", null, "{\"routing_key\": \"" + KEY + "\","
        + " \"payload\": {\"summary\": \"x\", \"custom_details\": {\"environment\": \"prod east\"}}}");
    assertThat(badEnvironment.status()).isEqualTo(400);
    assertThat(badEnvironment.json().get("errors").get(0).asString()).startsWith("environment: 'prod east'");
    assertThat(api.post("/v2/change/enqueue", null, "not json").status()).isEqualTo(400);
    assertThat(jdbc.sql("select count(*) from change").query(Long.class).single()).isOne();
  }

  @Test
  void ansiblesPagerDutyChangeModuleRecordsADeploy(@TempDir Path dir) throws Exception {
    Path playbook = dir.resolve("deploy.yml");
    Files.writeString(playbook, """
        - hosts: localhost
          connection: local
          gather_facts: false
          tasks:
            - name: Tell Vigil about the deploy
              community.general.pagerduty_change:
                integration_key: %s
                summary: "api 2.0.1 deployed by Ansible"
                user: ana
                repo: https://git.example.com/api
                revision: 2.0.1
                environment: production
                link_url: https://ci.example.com/api/runs/900
                link_text: the run
                url: http://127.0.0.1:%d/v2/change/enqueue
        """.formatted(KEY, port));
    List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", "localhost,", playbook.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("ANSIBLE_LOCAL_TEMP", dir.resolve("tmp").toString());
    builder.environment().put("ANSIBLE_HOME", dir.resolve("home").toString());
    Process process;
    try {
      process = builder.start();
    } catch (java.io.IOException e) {
      throw new AssertionError("ansible-playbook is missing: install Debian's package ansible", e);
    }
    boolean done = process.waitFor(120, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("changed=1");

    JsonNode deploy = api.get("/api/v1/changes?service=api&kind=deploy", IntegrationTest.ADMIN_TOKEN).json().get(0);
    assertThat(deploy.get("version").asString()).isEqualTo("2.0.1");
    assertThat(deploy.get("environment").asString()).isEqualTo("production");
    assertThat(deploy.get("author").asString()).isEqualTo("ana");
    assertThat(deploy.get("summary").asString()).isEqualTo("api 2.0.1 deployed by Ansible");
    assertThat(deploy.get("pipeline_url").asString()).isEqualTo("https://ci.example.com/api/runs/900");
    assertThat(deploy.get("outcome").asString()).isEqualTo("succeeded");
  }
}
