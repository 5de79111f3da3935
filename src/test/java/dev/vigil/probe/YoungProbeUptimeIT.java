package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebSession;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A service and its probe that have existed for fifteen minutes, with one two-minute fault: the service page, the
 * public status page and the probe API give its uptime over the fourteen minutes the probe's state was known, say
 * so, and never count the minute before its first decided state, nor the days before the service existed, as down.
 */
@IntegrationTest
class YoungProbeUptimeIT {

  static final String PASSWORD = "correct horse battery";
  /** How the status page names a day in its bars' titles. */
  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired ProbeResults results;
  @Autowired ProbeScheduler scheduler;
  @Autowired ProbeCoordinator coordinator;
  Instant created;
  long probe;

  @BeforeEach
  void setUp() {
    // No real checks: the probe's states are the ones this test records.
    scheduler.pause(true);
    results.retainOnly(Set.of());
    results.flush();
    // 10:00 UTC tomorrow: the probe's whole life falls on one day of the status page's bars.
    created = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1).atTime(10, 0)
        .toInstant(ZoneOffset.UTC);
    clock.set(created);
    TestCatalogs.reset(jdbc);
    catalog.apply(TestCatalogs.load("""
        version: 1
        teams: [{name: ops}]
        services:
          - name: rentals
            team: ops
            tier: 2
            probes:
              - name: home
                kind: http
                interval: 30s
                http: {url: "http://127.0.0.1:9/"}
        status_pages:
          - slug: cars
            title: Car rentals
            time_zone: UTC
            components:
              - name: Rentals
                services: [rentals]
        """), "/etc/vigil.yaml", "x");
    coordinator.coordinate();
    probe = jdbc.sql("select id from probe where name = 'home'").query(Long.class).single();
    // Its first decided state a minute after it was made, down from 10:08 to 10:10, read at 10:15.
    transition(created.plus(Duration.ofMinutes(1)), "up");
    transition(created.plus(Duration.ofMinutes(8)), "down");
    transition(created.plus(Duration.ofMinutes(10)), "up");
    clock.set(created.plus(Duration.ofMinutes(15)));
  }

  @AfterEach
  void resume() {
    scheduler.pause(false);
  }

  void transition(Instant at, String state) {
    ProbePagesIT.transition(jdbc, probe, at, state);
  }

  @Test
  void theServicePageGivesUptimeOverTheMinutesTheProbeWasKnown() {
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    WebSession vera = new WebSession(port);
    assertThat(vera.signIn("vera", PASSWORD).location()).isEqualTo("/");

    // 12 of the 14 known minutes up (a little more, as the clock runs on while the test reads): 85.71 %, where
    // counting the minute before the first decided state as up would give 86.67 % and as down 80 %.
    String day = vera.get("/services/rentals").body();
    assertThat(day).containsPattern("Uptime over <span>the last 14 min</span>: <strong class=\"uptime\">85\\.7\\d%<")
        .containsPattern("aria-label=\"Uptime of home over the last 14 min: 85\\.7\\d%\\. ")
        .doesNotContain("over 24 hours");
    assertThat(vera.get("/services/rentals?range=90d").body())
        .containsPattern("aria-label=\"Uptime of home over the last 14 min: 85\\.7\\d%\\. ")
        .doesNotContain("over 90 days");
  }

  @Test
  void theStatusPageGivesUptimeOverTheMinutesWithDataAndDaysBeforeHaveNoData() {
    String page = new WebSession(port).get("/status/cars").body();
    String today = LocalDate.ofInstant(created, ZoneOffset.UTC).format(DAY);
    String yesterday = LocalDate.ofInstant(created, ZoneOffset.UTC).minusDays(1).format(DAY);
    assertThat(page).containsPattern(">85\\.7\\d % uptime over the last 14 min<")
        .containsPattern("title=\"" + today + ": 85\\.7\\d % uptime over the 14 min with data, outage 2 min\"")
        .contains("class=\"day level-none\" title=\"" + yesterday + ": no data\"")
        .doesNotContain("86.67 %");
  }

  @Test
  void theProbeApiSaysWhichPeriodItsFigureCovers() {
    JsonNode uptime = new Api(port).get("/api/v1/probes/" + probe + "/uptime", IntegrationTest.ADMIN_TOKEN).json();
    Instant to = Instant.parse(uptime.get("to").asString());
    Instant firstKnown = created.plus(Duration.ofMinutes(1));
    Duration known = Duration.between(firstKnown, to);
    assertThat(uptime.get("from").asString()).isEqualTo(to.minus(Duration.ofDays(1)).toString());
    assertThat(uptime.get("downSeconds").asDouble()).isEqualTo(120);
    assertThat(uptime.get("uptimePercent").asDouble())
        .isEqualTo(100.0 * known.minusMinutes(2).toMillis() / known.toMillis());
    assertThat(uptime.get("coveredFrom").asString()).isEqualTo(firstKnown.toString());
    assertThat(uptime.get("coveredTo").asString()).isEqualTo(to.toString());
    assertThat(uptime.get("coveredSeconds").asDouble()).isEqualTo(known.toMillis() / 1000.0);
  }
}
