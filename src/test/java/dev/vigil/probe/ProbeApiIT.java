package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Probes of a service created through the API, run for real against a local HTTP server: created with the service,
 * picked up by the scheduler without a restart, down opens an incident, a changed probe is re-planned, a deleted one
 * stops (and its open incident resolves). A file's service refuses probe changes with 409; bad input is a 4xx that
 * names the field.
 */
@IntegrationTest
class ProbeApiIT {

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;
  static final Duration WITHIN = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired ProbeResults results;
  @Autowired ProbeScheduler scheduler;
  Api api;
  HttpServer target;
  final AtomicInteger status = new AtomicInteger(200);
  final AtomicInteger hits = new AtomicInteger();

  @BeforeEach
  void setUp() throws IOException {
    api = new Api(port);
    results.retainOnly(Set.of());
    TestCatalogs.reset(jdbc);
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext("/", e -> {
      hits.incrementAndGet();
      int code = e.getRequestURI().getPath().equals("/healthy") ? 200 : status.get();
      byte[] body = ("status " + code).getBytes(StandardCharsets.UTF_8);
      e.sendResponseHeaders(code, body.length);
      e.getResponseBody().write(body);
      e.close();
    });
    target.start();
    catalog.apply(TestCatalogs.load("""
        version: 1
        teams: [{name: web}]
        services:
          - name: storefront
            team: web
            tier: 3
        """), "/etc/vigil/vigil.yaml", "x");
  }

  @AfterEach
  void tearDown() {
    target.stop(0);
  }

  String url(String path) {
    return "http://127.0.0.1:" + target.getAddress().getPort() + path;
  }

  JsonNode probe(String qualifiedName) {
    for (JsonNode p : api.get("/api/v1/probes", ADMIN).json()) {
      if ((p.get("service").asString() + "/" + p.get("name").asString()).equals(qualifiedName)) {
        return p;
      }
    }
    return null;
  }

  long openIncidents() {
    return jdbc.sql("select count(*) from incident where status <> 'resolved'").query(Long.class).single();
  }

  @Test
  void createRunChangeAndDeleteAProbeThroughTheApi() {
    Api.Response created = api.put("/api/v1/services/shop", ADMIN, """
        {"team": "web", "tier": 2, "kind": "http-service",
         "probes": [{"name": "home", "kind": "http", "interval": "1s", "timeout": "1s",
                     "http": {"url": "%s", "expected_status": [200]}}],
         "maintenance_windows": [{"time_zone": "UTC", "days": ["sun"], "from": "03:00", "to": "04:00"}]}
        """.formatted(url("/")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("probes").get(0).get("http").get("url").asString()).isEqualTo(url("/"));
    assertThat(created.json().get("probes").get(0).has("tcp")).as("unset fields are left out").isFalse();
    assertThat(created.json().get("maintenanceWindows").get(0).get("from").asString()).isEqualTo("03:00");

    // Picked up without a restart, and run.
    await().atMost(WITHIN).untilAsserted(() -> {
      JsonNode p = probe("shop/home");
      assertThat(p).isNotNull();
      assertThat(p.get("state").asString()).isEqualTo("up");
    });
    long id = probe("shop/home").get("id").asLong();
    assertThat(scheduler.planned()).contains(id);
    assertThat(jdbc.sql("select count(*) from probe_transition where probe_id = :id").param("id", id)
        .query(Long.class).single()).isPositive();

    // Down: two failures in a row open an incident of source probe for the API's service.
    status.set(503);
    await().atMost(WITHIN).untilAsserted(() -> assertThat(openIncidents()).isEqualTo(1));
    JsonNode incident = api.get("/api/v1/incidents", ADMIN).json().get("incidents").get(0);
    assertThat(incident.get("service").asString()).isEqualTo("shop");
    assertThat(probe("shop/home").get("state").asString()).isEqualTo("down");

    // Changed through the dedicated route: the new URL answers 200, so the probe recovers and the incident resolves.
    Api.Response changed = api.put("/api/v1/services/shop/probes/home", ADMIN, """
        {"kind": "http", "interval": "1s", "timeout": "1s", "http": {"url": "%s"}}
        """.formatted(url("/healthy")));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().get("name").asString()).isEqualTo("home");
    await().atMost(WITHIN).untilAsserted(() -> assertThat(openIncidents()).isZero());
    JsonNode listed = probe("shop/home");
    assertThat(listed.get("id").asLong()).as("the same probe, changed").isEqualTo(id);
    assertThat(listed.get("target").asString()).isEqualTo(url("/healthy"));
    assertThat(api.get("/api/v1/services/shop/probes/home", ADMIN).json().get("http").get("url").asString())
        .isEqualTo(url("/healthy"));

    // A second probe through the dedicated route (201), then back to failing so that deleting it resolves.
    Api.Response second = api.put("/api/v1/services/shop/probes/checkout", ADMIN, """
        {"name": "checkout", "kind": "http", "interval": "1s", "timeout": "1s", "http": {"url": "%s"}}
        """.formatted(url("/checkout")));
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    await().atMost(WITHIN).untilAsserted(() -> assertThat(openIncidents()).isEqualTo(1));
    assertThat(api.get("/api/v1/services/shop", ADMIN).json().get("probes")).hasSize(2);

    // Deleted: gone from the listing and the plan, no more checks, and its incident resolves (nothing watches it).
    assertThat(api.delete("/api/v1/services/shop/probes/checkout", ADMIN).status()).isEqualTo(204);
    await().atMost(WITHIN).untilAsserted(() -> {
      assertThat(probe("shop/checkout")).isNull();
      assertThat(openIncidents()).isZero();
    });
    assertThat(api.get("/api/v1/services/shop/probes/checkout", ADMIN).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/services/shop/probes/checkout", ADMIN).status()).isEqualTo(404);

    // A PUT of the service without probes replaces them: none left, and none runs.
    Api.Response none = api.put("/api/v1/services/shop", ADMIN, "{\"team\": \"web\", \"tier\": 2, \"kind\": \"web\"}");
    assertThat(none.status()).as(none.body()).isEqualTo(200);
    await().atMost(WITHIN).untilAsserted(() -> {
      assertThat(probe("shop/home")).isNull();
      assertThat(scheduler.planned()).doesNotContain(id);
    });
    assertThat(jdbc.sql("select count(*) from probe_transition where probe_id = :id").param("id", id)
        .query(Long.class).single()).as("a deleted probe's results go with it").isZero();
    int before = hits.get();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(hits.get()).as("deleted probes stop").isEqualTo(before));
  }

  @Test
  void aFilesServiceRefusesProbeChangesNamingTheFile() {
    Api.Response put = api.put("/api/v1/services/storefront/probes/home", ADMIN,
        "{\"kind\": \"tcp\", \"tcp\": {\"host\": \"127.0.0.1\", \"port\": 9}}");
    assertThat(put.status()).isEqualTo(409);
    assertThat(put.json().get("detail").asString()).contains("managed by /etc/vigil/vigil.yaml", "vigil apply");
    assertThat(api.delete("/api/v1/services/storefront/probes/home", ADMIN).status()).isEqualTo(409);
    Api.Response service = api.put("/api/v1/services/storefront", ADMIN, "{\"team\": \"web\", \"tier\": 3,"
        + " \"probes\": [{\"name\": \"a\", \"kind\": \"tcp\", \"tcp\": {\"host\": \"127.0.0.1\", \"port\": 9}}]}");
    assertThat(service.status()).isEqualTo(409);
    assertThat(api.get("/api/v1/services/nope/probes/home", ADMIN).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/openapi.json", null).json().get("paths").propertyNames()).contains(
        "/api/v1/services/{service}/probes/{probe}", "/api/v1/maintenance-windows", "/api/v1/maintenance-windows/{id}",
        "/api/v1/probes/locations");
    assertThat(api.put("/api/v1/services/nope/probes/home", ADMIN,
        "{\"kind\": \"tcp\", \"tcp\": {\"host\": \"127.0.0.1\", \"port\": 9}}").status()).isEqualTo(404);
  }

  @Test
  void badInputIsA4xxNamingTheField() {
    String service = "/api/v1/services/shop";
    Api.Response malformed = api.put(service, ADMIN, "{\"team\": \"web\", \"probes\": [");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertThat(malformed.json().get("detail").asString()).contains("Malformed JSON");

    Api.Response badUrl = api.put(service, ADMIN, """
        {"team": "web", "tier": 2, "probes": [
          {"name": "a", "kind": "tcp", "tcp": {"host": "127.0.0.1", "port": 9}},
          {"name": "b", "kind": "tcp", "tcp": {"host": "127.0.0.1", "port": 9}},
          {"name": "c", "kind": "http", "http": {"url": "not a url"}}]}
        """);
    assertThat(badUrl.status()).isEqualTo(400);
    assertThat(badUrl.json().get("detail").asString()).contains("probes[2].http.url: invalid url 'not a url'");

    Api.Response wrongTypes = api.put(service, ADMIN, """
        {"team": "web", "tier": 2, "probes": [{"name": "a", "kind": "tcp", "interval": true,
          "tcp": {"host": "127.0.0.1", "port": [9]}}], "maintenance_windows": {"time_zone": "UTC"}}
        """);
    assertThat(wrongTypes.status()).isEqualTo(400);
    assertThat(wrongTypes.json().get("detail").asString()).contains("probes[0].interval:", "probes[0].tcp.port:",
        "maintenance_windows: maintenance_windows: expected a list");

    Api.Response unknownKey = api.put(service, ADMIN, """
        {"team": "web", "tier": 2, "probes": [{"name": "a", "kind": "tcp", "retries": 3,
          "tcp": {"host": "127.0.0.1", "port": 9}}]}
        """);
    assertThat(unknownKey.status()).isEqualTo(400);
    assertThat(unknownKey.json().get("detail").asString()).contains("probes[0].retries: unknown key 'retries'");

    Api.Response unknownServiceKey = api.put(service, ADMIN, "{\"team\": \"web\", \"tier\": 2, \"colour\": 1}");
    assertThat(unknownServiceKey.status()).isEqualTo(400);
    assertThat(unknownServiceKey.json().get("detail").asString()).contains("Unknown field 'colour'");

    Api.Response wrongServiceType = api.put(service, ADMIN, "{\"team\": \"web\", \"tier\": \"high\"}");
    assertThat(wrongServiceType.status()).isEqualTo(400);
    assertThat(wrongServiceType.json().get("detail").asString()).contains("tier");

    Api.Response unknownKind = api.put(service + "/probes/a", ADMIN, "{\"kind\": \"gopher\"}");
    assertThat(unknownKind.status()).isEqualTo(404).as("the service does not exist yet");
    assertThat(api.put(service, ADMIN, "{\"team\": \"web\", \"tier\": 2, \"kind\": \"web\"}").status()).isEqualTo(201);
    unknownKind = api.put(service + "/probes/a", ADMIN, "{\"kind\": \"gopher\"}");
    assertThat(unknownKind.status()).isEqualTo(400);
    assertThat(unknownKind.json().get("detail").asString()).contains("kind: invalid kind 'gopher'");

    Api.Response nameMismatch = api.put(service + "/probes/a", ADMIN,
        "{\"name\": \"b\", \"kind\": \"tcp\", \"tcp\": {\"host\": \"127.0.0.1\", \"port\": 9}}");
    assertThat(nameMismatch.status()).isEqualTo(400);
    assertThat(nameMismatch.json().get("detail").asString()).contains("name: the body says \"b\"");
    Api.Response badName = api.put(service + "/probes/Not_A_Name", ADMIN,
        "{\"kind\": \"tcp\", \"tcp\": {\"host\": \"127.0.0.1\", \"port\": 9}}");
    assertThat(badName.status()).isEqualTo(400);
    Api.Response notAnObject = api.put(service + "/probes/a", ADMIN, "[1, 2]");
    assertThat(notAnObject.status()).isEqualTo(400);
    assertThat(notAnObject.json().get("detail").asString()).contains("JSON object");

    Api.Response huge = api.put(service, ADMIN, "{\"team\": \"web\", \"tier\": 2, \"description\": \""
        + "x".repeat(2 * 1024 * 1024) + "\"}");
    assertThat(huge.status()).isEqualTo(413);

    Api.Response secret = api.put(service + "/probes/db", ADMIN, "{\"kind\": \"postgres\", \"postgres\":"
        + " {\"host\": \"127.0.0.1\", \"user\": \"probe\", \"password\": \"hunter2\"}}");
    assertThat(secret.status()).as(secret.body()).isEqualTo(201);
    assertThat(secret.body()).doesNotContain("hunter2");
    assertThat(api.get(service, ADMIN).body()).as("viewers read services: no secrets").doesNotContain("hunter2");
    Api.Response sentBack = api.put(service + "/probes/db", ADMIN, api.get(service + "/probes/db", ADMIN).body());
    assertThat(sentBack.status()).isEqualTo(400);
    assertThat(sentBack.json().get("detail").asString()).contains("postgres.password: listings hide secrets");
    assertThat(api.delete(service + "/probes/db", ADMIN).status()).isEqualTo(204);

    Api.Response both = api.put(service, ADMIN, "{\"team\": \"web\", \"tier\": 2, \"maintenance_windows\": [],"
        + " \"maintenanceWindows\": []}");
    assertThat(both.status()).isEqualTo(400);
    assertThat(api.get(service, ADMIN).json().get("probes")).as("nothing was stored").isEmpty();
  }
}
