package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Probe results fed through the one results path on the fast-forwarded clock: a blip does not page, two failures in
 * a row open an incident of source "probe", two successes resolve it; a maintenance window holds the page back
 * until it ends; uptime over a range is exact; bad queries are 4xx.
 */
@IntegrationTest
class ProbeScenarioIT {

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired ProbeResults results;
  @Autowired ProbeRepository probes;
  @Autowired ProbeScheduler scheduler;
  @Autowired ProbeCoordinator coordinator;
  Api api;
  Instant windowStart;

  @BeforeEach
  void setUp() {
    scheduler.pause(true);
    // What earlier tests left in memory goes out before the ids restart.
    results.retainOnly(Set.of());
    results.flush();
    TestCatalogs.reset(jdbc);
    // A maintenance window from 3 h to 4 h ahead of now, in UTC.
    windowStart = clock.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
    LocalDateTime start = LocalDateTime.ofInstant(windowStart, ZoneOffset.UTC);
    catalog.apply(TestCatalogs.load("""
        version: 1
        teams: [{name: web}]
        services:
          - name: storefront
            team: web
            tier: 3
            probes:
              - name: home
                kind: http
                interval: 30s
                http: {url: "http://127.0.0.1:9/"}
            maintenance_windows:
              - time_zone: UTC
                start: %s
                end: %s
        """.formatted(start, start.plusHours(1))), "/etc/vigil.yaml", "x");
    coordinator.coordinate();
    api = new Api(port);
  }

  @AfterEach
  void resume() {
    scheduler.pause(false);
  }

  ProbeDefinition probe() {
    long id = jdbc.sql("select id from probe where name = 'home'").query(Long.class).single();
    return probes.find(id).orElseThrow().definition();
  }

  /** Moves the clock 30 s on and records one result at that instant. */
  Instant feed(boolean success) {
    clock.advance(Duration.ofSeconds(30));
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    results.record(probe(), new ProbeResult(at, success, Duration.ofMillis(success ? 42 : 3),
        success ? "200 OK" : "status 503, expected 2xx", null));
    return at;
  }

  long openIncidents() {
    return jdbc.sql("select count(*) from incident where status <> 'resolved'").query(Long.class).single();
  }

  @Test
  void blipsDoNotPageTwoFailuresDoAndMaintenancePausesAlertingNotMeasuring() {
    ProbeDefinition probe = probe();
    assertThat(probe.spec().failuresBeforeDownOrDefault()).isEqualTo(2);
    Instant upAt = feed(true);
    feed(true);
    assertThat(probes.find(probe.id()).orElseThrow().state()).isEqualTo(ProbeState.UP);

    feed(false);
    feed(true);
    assertThat(openIncidents()).as("one failure is a blip").isZero();

    Instant downAt = feed(false);
    feed(false);
    assertThat(openIncidents()).isEqualTo(1);
    JsonNode list = api.get("/api/v1/incidents", IntegrationTest.ADMIN_TOKEN).json().get("incidents");
    long incident = list.get(0).get("id").asLong();
    JsonNode detail = api.get("/api/v1/incidents/" + incident, IntegrationTest.ADMIN_TOKEN).json();
    assertThat(detail.get("incident").get("service").asString()).isEqualTo("storefront");
    JsonNode alert = detail.get("alerts").get(0);
    assertThat(alert.get("source").asString()).isEqualTo("probe");
    assertThat(alert.get("fingerprint").asString()).isEqualTo("probe:storefront/home");
    assertThat(alert.get("summary").asString()).isEqualTo("Probe storefront/home is down: status 503, expected 2xx");

    Api.Response listed = api.get("/api/v1/probes", IntegrationTest.ADMIN_TOKEN);
    JsonNode entry = listed.json().get(0);
    assertThat(entry.get("state").asString()).isEqualTo("down");
    assertThat(Instant.parse(entry.get("since").asString())).isEqualTo(downAt);
    assertThat(entry.get("alerting").asBoolean()).isTrue();
    assertThat(entry.get("lastResult").get("message").asString()).isEqualTo("status 503, expected 2xx");
    assertThat(entry.get("target").asString()).isEqualTo("http://127.0.0.1:9/");

    Instant upFrom = feed(true);
    Instant recoveredAt = feed(true);
    assertThat(openIncidents()).as("two successes resolve it").isZero();
    assertThat(jdbc.sql("select status from incident where id = :id").param("id", incident).query(String.class)
        .single()).isEqualTo("resolved");

    // Exact uptime from the first up result to the recovery: down from the first failure of the streak on.
    JsonNode uptime = api.get("/api/v1/probes/" + probe.id() + "/uptime?from=" + upAt + "&to=" + recoveredAt,
        IntegrationTest.ADMIN_TOKEN).json();
    assertThat(uptime.get("downSeconds").asDouble()).isEqualTo(Duration.between(downAt, upFrom).toMillis() / 1000.0);
    assertThat(uptime.get("upSeconds").asDouble())
        .isEqualTo(Duration.between(upAt, downAt).plus(Duration.between(upFrom, recoveredAt)).toMillis() / 1000.0);
    double up = uptime.get("upSeconds").asDouble();
    assertThat(uptime.get("uptimePercent").asDouble())
        .isCloseTo(100.0 * up / (up + uptime.get("downSeconds").asDouble()), within(0.0001));
    assertThat(uptime.get("unknownSeconds").asDouble()).isZero();

    // In the window: measured (down), but no page until the window has ended.
    clock.set(windowStart.plusSeconds(60));
    feed(false);
    feed(false);
    assertThat(probes.find(probe.id()).orElseThrow().state()).isEqualTo(ProbeState.DOWN);
    assertThat(openIncidents()).as("maintenance: no page").isZero();
    assertThat(api.get("/api/v1/probes/" + probe.id(), IntegrationTest.ADMIN_TOKEN).json().get("maintenance")
        .asBoolean()).isTrue();
    clock.set(windowStart.plus(Duration.ofHours(1)));
    feed(false);
    assertThat(openIncidents()).as("still down after the window: pages now").isEqualTo(1);

    JsonNode recent = api.get("/api/v1/probes/" + probe.id() + "/results", IntegrationTest.ADMIN_TOKEN).json();
    assertThat(recent.size()).isEqualTo(11);
    assertThat(recent.get(0).get("success").asBoolean()).as("newest first").isFalse();

    results.flush();
    JsonNode rollups = api.get("/api/v1/probes/" + probe.id() + "/rollups?from=" + upAt.minusSeconds(600) + "&to="
        + clock.instant(), IntegrationTest.ADMIN_TOKEN).json();
    int checks = 0;
    for (JsonNode r : rollups) {
      checks += r.get("checks").asInt();
    }
    assertThat(checks).as("every finished five minutes is rolled up").isGreaterThanOrEqualTo(10);
    assertThat(rollups.get(0).get("p50Ms").asDouble()).isCloseTo(42, within(42 * 0.05));
  }

  @Test
  void badQueriesAreClientErrors() {
    long id = probe().id();
    Api.Response notANumber = api.get("/api/v1/probes/home", IntegrationTest.ADMIN_TOKEN);
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.contentType()).startsWith("application/problem+json");
    assertThat(notANumber.json().get("detail").asString()).contains("'home' is not a probe id");
    assertThat(api.get("/api/v1/probes/987654", IntegrationTest.ADMIN_TOKEN).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/probes/987654/uptime", IntegrationTest.ADMIN_TOKEN).status()).isEqualTo(404);

    Api.Response badInstant = api.get("/api/v1/probes/" + id + "/uptime?from=yesterday", IntegrationTest.ADMIN_TOKEN);
    assertThat(badInstant.status()).isEqualTo(400);
    assertThat(badInstant.json().get("detail").asString()).contains("from: 'yesterday' is not an ISO-8601 instant");

    Instant now = clock.instant();
    Api.Response backwards = api.get("/api/v1/probes/" + id + "/uptime?from=" + now + "&to=" + now.minusSeconds(60),
        IntegrationTest.ADMIN_TOKEN);
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().get("detail").asString()).contains("must be before to");

    Api.Response tooLong = api.get("/api/v1/probes/" + id + "/rollups?from=" + now.minus(Duration.ofDays(40)) + "&to="
        + now, IntegrationTest.ADMIN_TOKEN);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(api.get("/api/v1/probes/" + id + "/results", IntegrationTest.ADMIN_TOKEN).json().isArray()).isTrue();
  }

  @Test
  void probesFollowTheCatalog() {
    assertThat(probes.all()).extracting(r -> r.definition().qualifiedName()).containsExactly("storefront/home");
    assertThat(probes.find(probe().id()).orElseThrow().owner()).as("this node runs it").isNotNull();
    catalog.apply(TestCatalogs.load("""
        version: 1
        teams: [{name: web}]
        services:
          - name: storefront
            team: web
            tier: 3
            probes:
              - name: search
                kind: tcp
                tcp: {host: 127.0.0.1, port: 9}
        """), "/etc/vigil.yaml", "y");
    coordinator.coordinate();
    assertThat(probes.all()).extracting(r -> r.definition().qualifiedName()).containsExactly("storefront/search");
    assertThat(scheduler.planned()).containsExactly(probes.all().getFirst().definition().id());
  }
}
