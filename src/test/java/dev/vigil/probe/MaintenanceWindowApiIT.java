package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.security.Role;
import dev.vigil.security.TokenService;
import dev.vigil.system.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * Ad-hoc maintenance windows through the API on a file's service: a real probe of a local HTTP server that fails
 * keeps measuring but does not page during the window, the window survives an apply of the file, and the page comes
 * when the window ends on the fast-forwarded clock, or at once when the window is deleted. Bad input is a 4xx naming
 * the field.
 */
@IntegrationTest
class MaintenanceWindowApiIT {

  static final String FILE = "/etc/vigil/vigil.yaml";

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired ProbeResults results;
  @Autowired ProbeRepository probes;
  @Autowired ProbeScheduler scheduler;
  @Autowired ProbeCoordinator coordinator;
  @Autowired TokenService tokens;
  Api api;
  String responder;
  HttpServer target;
  final AtomicInteger status = new AtomicInteger(503);

  @BeforeEach
  void setUp() throws IOException {
    scheduler.pause(true);
    results.retainOnly(Set.of());
    TestCatalogs.reset(jdbc);
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext("/", e -> {
      byte[] body = ("status " + status.get()).getBytes(StandardCharsets.UTF_8);
      e.sendResponseHeaders(status.get(), body.length);
      e.getResponseBody().write(body);
      e.close();
    });
    target.start();
    apply("Storefront");
    coordinator.coordinate();
    api = new Api(port);
    responder = tokens.issue("ops on call", Role.RESPONDER, "test").token();
  }

  @AfterEach
  void tearDown() {
    scheduler.pause(false);
    target.stop(0);
  }

  void apply(String description) {
    catalog.apply(TestCatalogs.load("""
        version: 1
        teams: [{name: web}]
        services:
          - name: storefront
            description: %s
            team: web
            tier: 2
            probes:
              - name: home
                kind: http
                interval: 30s
                timeout: 2s
                http: {url: "http://127.0.0.1:%d/"}
              - name: search
                kind: tcp
                tcp: {host: 127.0.0.1, port: 9}
        """.formatted(description, target.getAddress().getPort())), FILE, description);
  }

  ProbeDefinition home() {
    long id = jdbc.sql("select id from probe where name = 'home'").query(Long.class).single();
    return probes.find(id).orElseThrow().definition();
  }

  /** 30 s on, then one real check of the probe, recorded as a scheduled run would be. */
  void check() throws InterruptedException {
    clock.advance(Duration.ofSeconds(30));
    scheduler.runNow(home());
  }

  long openIncidents() {
    return jdbc.sql("select count(*) from incident where status <> 'resolved'").query(Long.class).single();
  }

  @Test
  void aWindowPausesAlertingSurvivesApplyAndPagesWhenItEnds() throws Exception {
    Api.Response created = api.post("/api/v1/maintenance-windows", responder,
        "{\"service\": \"storefront\", \"duration\": \"PT30M\", \"reason\": \"database upgrade\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode window = created.json();
    assertThat(window.get("createdBy").asString()).isEqualTo("ops on call");
    assertThat(window.get("active").asBoolean()).isTrue();
    assertThat(window.get("probes")).isEmpty();
    Instant end = Instant.parse(window.get("end").asString());
    assertThat(Duration.between(Instant.parse(window.get("start").asString()), end)).isEqualTo(Duration.ofMinutes(30));

    check();
    check();
    check();
    assertThat(probes.find(home().id()).orElseThrow().state()).as("measured").isEqualTo(ProbeState.DOWN);
    assertThat(openIncidents()).as("no page in the window").isZero();
    JsonNode listed = api.get("/api/v1/probes/" + home().id(), responder).json();
    assertThat(listed.get("maintenance").asBoolean()).isTrue();
    assertThat(listed.get("lastResult").get("message").asString()).contains("503");

    // Applying the file again (a changed description) leaves the API's window alone.
    apply("Storefront, the shop");
    coordinator.coordinate();
    JsonNode windows = api.get("/api/v1/maintenance-windows", responder).json();
    assertThat(windows).hasSize(1);
    assertThat(windows.get(0).get("id").asLong()).isEqualTo(window.get("id").asLong());
    check();
    assertThat(openIncidents()).as("still in the window after the apply").isZero();

    // The window ends: the probe, still down, pages with its next check.
    clock.set(end.plusSeconds(1));
    check();
    assertThat(openIncidents()).isEqualTo(1);
    assertThat(api.get("/api/v1/maintenance-windows", responder).json()).as("ended windows are not listed").isEmpty();
    assertThat(api.get("/api/v1/maintenance-windows?past=true&service=storefront", responder).json()).hasSize(1);

    // Recovery resolves; then a window for this probe only, deleted early: the next failing check pages at once.
    status.set(200);
    check();
    check();
    assertThat(openIncidents()).isZero();
    Api.Response onlyHome = api.post("/api/v1/maintenance-windows", responder, """
        {"service": "storefront", "probes": ["home"], "end": "%s", "reason": "restart"}
        """.formatted(clock.instant().plus(Duration.ofHours(2))));
    assertThat(onlyHome.status()).as(onlyHome.body()).isEqualTo(201);
    status.set(503);
    check();
    check();
    assertThat(openIncidents()).isZero();
    long id = onlyHome.json().get("id").asLong();
    assertThat(api.delete("/api/v1/maintenance-windows/" + id, responder).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/maintenance-windows/" + id, responder).status()).isEqualTo(404);
    check();
    assertThat(openIncidents()).isEqualTo(1);

    // A window for another probe of the service does not cover this one.
    status.set(200);
    check();
    check();
    assertThat(api.post("/api/v1/maintenance-windows", responder, "{\"service\": \"storefront\", \"probes\":"
        + " [\"search\"], \"duration\": \"PT1H\", \"reason\": \"port change\"}").status()).isEqualTo(201);
    status.set(503);
    check();
    check();
    assertThat(openIncidents()).isEqualTo(1);
  }

  @Test
  void badInputIsA4xxNamingTheField() {
    String path = "/api/v1/maintenance-windows";
    Api.Response unknownService = api.post(path, responder,
        "{\"service\": \"nope\", \"duration\": \"PT30M\", \"reason\": \"x\"}");
    assertThat(unknownService.status()).isEqualTo(400);
    assertThat(unknownService.contentType()).startsWith("application/problem+json");
    assertThat(unknownService.json().get("detail").asString()).contains("service: no service named 'nope'");

    Api.Response unknownProbe = api.post(path, responder,
        "{\"service\": \"storefront\", \"probes\": [\"home\", \"checkout\"], \"duration\": \"PT30M\", \"reason\": \"x\"}");
    assertThat(unknownProbe.status()).isEqualTo(400);
    assertThat(unknownProbe.json().get("detail").asString()).contains("probes[1]: service 'storefront' has no probe"
        + " named 'checkout'");

    Instant now = clock.instant();
    Api.Response backwards = api.post(path, responder, "{\"service\": \"storefront\", \"start\": \"%s\", \"end\":"
        .formatted(now.plusSeconds(3600)) + " \"%s\", \"reason\": \"x\"}".formatted(now.plusSeconds(60)));
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().get("detail").asString()).contains("end: ", "is not after the start");

    Api.Response tooLong = api.post(path, responder,
        "{\"service\": \"storefront\", \"duration\": \"P30D\", \"reason\": \"x\"}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("detail").asString()).contains("duration: a window may last at most 168h",
        "vigil.probe.max-maintenance-window");

    Api.Response past = api.post(path, responder, "{\"service\": \"storefront\", \"start\": \"%s\", \"end\": \"%s\","
        .formatted(now.minusSeconds(7200), now.minusSeconds(3600)) + " \"reason\": \"x\"}");
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.json().get("detail").asString()).contains("has passed already");
    Api.Response pastByDuration = api.post(path, responder, "{\"service\": \"storefront\", \"start\": \"%s\","
        .formatted(now.minusSeconds(7200)) + " \"duration\": \"PT1H\", \"reason\": \"x\"}");
    assertThat(pastByDuration.status()).as("a start and duration that ended already").isEqualTo(400);
    assertThat(pastByDuration.json().get("detail").asString()).contains("duration: the window would end at",
        "has passed already");
    Api.Response huge = api.post(path, responder,
        "{\"service\": \"storefront\", \"duration\": \"PT2562047788015215H\", \"reason\": \"x\"}");
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.json().get("detail").asString()).contains("duration: a window may last at most 168h");

    Api.Response neither = api.post(path, responder, "{\"service\": \"storefront\"}");
    assertThat(neither.status()).isEqualTo(400);
    assertThat(neither.json().get("detail").asString()).contains("end, duration: set exactly one", "reason: required");

    Api.Response badInstant = api.post(path, responder,
        "{\"service\": \"storefront\", \"end\": \"tomorrow\", \"reason\": \"x\"}");
    assertThat(badInstant.status()).isEqualTo(400);
    assertThat(badInstant.json().get("detail").asString()).contains("'end'");

    Api.Response wrongType = api.post(path, responder,
        "{\"service\": \"storefront\", \"probes\": \"home\", \"duration\": \"PT1M\", \"reason\": \"x\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("detail").asString()).contains("'probes'");

    Api.Response unknownKey = api.post(path, responder,
        "{\"service\": \"storefront\", \"duration\": \"PT1M\", \"reason\": \"x\", \"until\": \"later\"}");
    assertThat(unknownKey.status()).isEqualTo(400);
    assertThat(unknownKey.json().get("detail").asString()).contains("Unknown field 'until'");

    assertThat(api.post(path, responder, "{\"service\": ").status()).isEqualTo(400);
    assertThat(api.post(path, responder, "{\"service\": \"storefront\", \"duration\": \"PT1M\", \"reason\": \""
        + "x".repeat(2 * 1024 * 1024) + "\"}").status()).isEqualTo(413);
    assertThat(api.delete(path + "/abc", responder).status()).isEqualTo(400);
    assertThat(api.delete(path + "/987654321", responder).status()).isEqualTo(404);
    assertThat(api.get(path, responder).json()).as("nothing was stored").isEmpty();
  }
}
