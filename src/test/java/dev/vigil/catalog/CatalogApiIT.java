package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The catalog read through the API, edits of unmanaged objects, and 409 for objects a config file manages. */
@IntegrationTest
class CatalogApiIT {

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    TestCatalogs.reset(jdbc);
    catalog.apply(CatalogApplyIT.load(CatalogApplyIT.BASE), CatalogApplyIT.SOURCE, "abc123");
    api = new Api(port);
  }

  @Test
  void readsServicesWithBothDirectionsOfDependencies() {
    JsonNode postgres = api.get("/api/v1/services/postgres", ADMIN).json();
    assertThat(postgres.get("kind").asString()).isEqualTo("postgres");
    assertThat(postgres.get("dependents").toString()).contains("api", "payment");
    assertThat(postgres.get("managedBy").asString()).isEqualTo(CatalogApplyIT.SOURCE);

    JsonNode services = api.get("/api/v1/services", ADMIN).json();
    assertThat(services.size()).isEqualTo(3);

    JsonNode team = api.get("/api/v1/teams/platform", ADMIN).json();
    assertThat(team.get("services").toString()).contains("postgres", "api").doesNotContain("payment");
    assertThat(api.get("/api/v1/users/alice", ADMIN).json().get("teams").toString()).contains("platform");
  }

  @Test
  void integrationsShowTheirKeysToAdmins() {
    JsonNode integrations = api.get("/api/v1/integrations", ADMIN).json();
    assertThat(integrations.size()).isEqualTo(1);
    JsonNode prometheus = integrations.get(0);
    assertThat(prometheus.get("name").asString()).isEqualTo("prometheus");
    assertThat(prometheus.get("type").asString()).isEqualTo("alertmanager");
    assertThat(prometheus.get("service").asString()).isEqualTo("api");
    assertThat(prometheus.get("key").asString()).hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void configVersionIsReported() {
    JsonNode version = api.get("/api/v1/catalog/version", ADMIN).json();
    assertThat(version.get("source").asString()).isEqualTo(CatalogApplyIT.SOURCE);
    assertThat(version.get("sha256").asString()).isEqualTo("abc123");
    assertThat(version.get("created").asInt()).isEqualTo(11);
    assertThat(version.get("objects").get("services").asInt()).isEqualTo(3);
  }

  @Test
  void managedObjectsCannotBeEditedThroughTheApi() {
    Api.Response put = api.put("/api/v1/services/api", ADMIN,
        "{\"team\": \"platform\", \"tier\": 3, \"kind\": \"http-service\"}");
    assertThat(put.status()).isEqualTo(409);
    assertThat(put.contentType()).startsWith("application/problem+json");
    assertThat(put.json().get("detail").asString())
        .contains("service 'api' is managed by " + CatalogApplyIT.SOURCE, "vigil apply");
    assertThat(api.delete("/api/v1/teams/platform", ADMIN).status()).isEqualTo(409);
    assertThat(api.put("/api/v1/users/alice", ADMIN,
        "{\"email\": \"a@example.com\", \"timeZone\": \"UTC\"}").status()).isEqualTo(409);
    assertThat(jdbc.sql("select tier from service where name = 'api'").query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void unmanagedObjectsCanBeCreatedReplacedAndDeleted() {
    Api.Response created = api.put("/api/v1/services/reporting", ADMIN,
        "{\"team\": \"payments\", \"tier\": 3, \"kind\": \"worker\", \"dependsOn\": [\"postgres\"],"
            + " \"rto\": \"PT8H\", \"tags\": {\"zone\": \"eu-west-1b\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("managedBy").isNull()).isTrue();
    assertThat(api.get("/api/v1/services/postgres", ADMIN).json().get("dependents").toString())
        .contains("reporting");

    Api.Response replaced = api.put("/api/v1/services/reporting", ADMIN,
        "{\"team\": \"payments\", \"tier\": 2, \"kind\": \"worker\", \"dependsOn\": [\"postgres\", \"api\"]}");
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().get("tier").asInt()).isEqualTo(2);

    Api.Response cycle = api.put("/api/v1/services/reporting", ADMIN,
        "{\"team\": \"payments\", \"tier\": 2, \"kind\": \"worker\", \"dependsOn\": [\"reporting\"]}");
    assertThat(cycle.status()).isEqualTo(400);
    assertThat(cycle.json().get("detail").asString()).contains("dependsOn[0]: service 'reporting' depends on itself");

    assertThat(api.delete("/api/v1/services/reporting", ADMIN).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/services/reporting", ADMIN).status()).isEqualTo(404);

    assertThat(catalog.plan(CatalogApplyIT.load(CatalogApplyIT.BASE), CatalogApplyIT.SOURCE).empty())
        .as("API objects are not part of the file's plan").isTrue();
  }

  @Test
  void aDependencyCycleThroughOtherServicesIsRefused() {
    assertThat(api.put("/api/v1/services/reporting", ADMIN,
        "{\"team\": \"payments\", \"tier\": 3, \"kind\": \"worker\"}").status()).isEqualTo(201);
    assertThat(api.put("/api/v1/services/exports", ADMIN,
        "{\"team\": \"payments\", \"tier\": 3, \"kind\": \"worker\", \"dependsOn\": [\"reporting\"]}").status())
        .isEqualTo(201);
    Api.Response cycle = api.put("/api/v1/services/reporting", ADMIN,
        "{\"team\": \"payments\", \"tier\": 3, \"kind\": \"worker\", \"dependsOn\": [\"postgres\", \"exports\"]}");
    assertThat(cycle.status()).as(cycle.body()).isEqualTo(400);
    assertThat(cycle.json().get("detail").asString()).contains("dependency cycle: ")
        .containsAnyOf("reporting -> exports -> reporting", "exports -> reporting -> exports");
    assertThat(api.get("/api/v1/services/reporting", ADMIN).json().get("dependsOn")).isEmpty();
  }

  @Test
  void checksOnlyTheFileMadeBeforeNowRefuseApiEdits() {
    Api.Response phone = api.put("/api/v1/users/zed", ADMIN, "{\"email\": \"zed@example.com\", \"timeZone\": \"UTC\","
        + " \"contactMethods\": [{\"type\": \"sms\", \"address\": \"0151 1234\"}]}");
    assertThat(phone.status()).as(phone.body()).isEqualTo(400);
    assertThat(phone.json().get("detail").asString()).contains("contactMethods[0].address: address '0151 1234' is not"
        + " a phone number in E.164 form");

    Api.Response channel = api.put("/api/v1/teams/growth", ADMIN, "{\"slackChannel\": \"Growth Team\"}");
    assertThat(channel.status()).as(channel.body()).isEqualTo(400);
    assertThat(channel.json().get("detail").asString()).contains("slackChannel: invalid slack_channel 'Growth Team'");

    String heartbeat = "\"heartbeats\": [{\"name\": \"nightly\", \"period\": \"PT24H\","
        + " \"token\": \"reporting-export-token-01\"}]";
    assertThat(api.put("/api/v1/services/reporting", ADMIN, "{\"team\": \"payments\", \"tier\": 3,"
        + " \"kind\": \"worker\", " + heartbeat + "}").status()).isEqualTo(201);
    Api.Response token = api.put("/api/v1/services/exports", ADMIN, "{\"team\": \"payments\", \"tier\": 3,"
        + " \"kind\": \"worker\", " + heartbeat + "}");
    assertThat(token.status()).as(token.body()).isEqualTo(400);
    assertThat(token.json().get("detail").asString()).contains("heartbeats[0].token: heartbeat token already used at"
        + " service 'reporting' heartbeats[0].token");
    assertThat(api.put("/api/v1/services/reporting", ADMIN, "{\"team\": \"payments\", \"tier\": 2,"
        + " \"kind\": \"worker\", " + heartbeat + "}").status()).as("its own token again").isEqualTo(200);
  }

  @Test
  void objectsStillInUseCannotBeDeleted() {
    api.put("/api/v1/teams/growth", ADMIN, "{\"members\": [\"alice\"]}");
    api.put("/api/v1/services/growth-api", ADMIN, "{\"team\": \"growth\", \"tier\": 3, \"kind\": \"web\"}");
    Api.Response delete = api.delete("/api/v1/teams/growth", ADMIN);
    assertThat(delete.status()).isEqualTo(409);
    assertThat(delete.json().get("detail").asString()).contains("still used by service growth-api");
  }
}
