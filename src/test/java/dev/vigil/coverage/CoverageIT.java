package dev.vigil.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import dev.vigil.WebSession;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The scorecard on a running server, on the test clock: the worked example's real gaps with what only the server
 * knows, alerts received moving a check, the job writing one snapshot a day that the API's trend reads back as the
 * catalog changes, and bad parameters refused with their names.
 */
@ScenarioTest
class CoverageIT {

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;

  static final String SHOP = """
      version: 1
      teams:
        - name: ops
          members: [ana]
      users:
        - name: ana
          email: ana@example.com
      schedules:
        - name: ops
          time_zone: UTC
          layers:
            - name: all
              rotation: weekly
              start: "2026-01-05T00:00"
              participants: [ana]
      escalation_policies:
        - name: ops
          steps:
            - delay: 5m
              targets: [{schedule: ops}]
            - delay: 10m
              targets: [{team: ops}]
      services:
        - name: shop
          team: ops
          tier: 1
          escalation_policy: ops
          runbook_url: https://runbooks.example.com/shop
          probes:
            - name: health
              kind: tcp
              tcp: {host: 127.0.0.1, port: 9}
      integrations:
        - name: events
          type: events
          service: shop
      """;

  static final String SHOP_WITH_SLO = SHOP.replace("""
              tcp: {host: 127.0.0.1, port: 9}
      """, """
              tcp: {host: 127.0.0.1, port: 9}
          slos:
            - name: shop-availability
              objective: 99.9
              window: 28d
              sli: {probe: {probe: health}}
      """);

  @Autowired Scenario scenario;
  @Autowired CoverageBoard board;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void start() {
    api = new Api(port);
    jdbc.sql("delete from coverage_snapshot").update();
  }

  @AfterEach
  void clear() {
    jdbc.sql("delete from coverage_snapshot").update();
  }

  @Test
  void theWorkedExampleOnTheServerNamesItsGapsAndTheAlertsNobodySent() {
    scenario.given(ScorecardTest.EXAMPLE);
    Scorecard card = board.scorecard();
    assertThat(card.service("payment-processor").orElseThrow().failed()).containsExactly(CoverageCheck.SIGNAL,
        CoverageCheck.ALERTS_RECEIVED, CoverageCheck.SLO);
    assertThat(card.service("monitoring").orElseThrow().failed()).containsExactly(CoverageCheck.ALERT_ROUTE,
        CoverageCheck.ALERTS_RECEIVED, CoverageCheck.SLO);
    assertThat(card.service("gateway").orElseThrow().failed()).containsExactly(CoverageCheck.ALERTS_RECEIVED);
    assertThat(card.service("gateway").orElseThrow().result(CoverageCheck.ACTION_ITEMS).outcome())
        .isEqualTo(Scorecard.Outcome.PASSED);

    JsonNode json = api.get("/api/v1/coverage?tier=1", ADMIN).json();
    assertThat(names(json.get("services"))).containsExactly("api", "gateway", "payment", "payment-processor",
        "postgres-primary");
    assertThat(json.get("nextActions").get(0).get("text").asString()).isEqualTo(
        "payment-processor: tier 1, no probe or heartbeat: add an HTTP or TLS probe of the vendor's endpoint");
    JsonNode check = json.get("services").get(3).get("checks").get(3);
    assertThat(check.get("check").asString()).isEqualTo("signal");
    assertThat(check.get("outcome").asString()).isEqualTo("failed");

    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "vera", "a viewer's long password", "viewer", null);
    WebSession web = WebSession.signedIn(port, "vera", "a viewer's long password");
    WebSession.Page page = web.get("/coverage?tier=1");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains(">payment-processor</a><span>: tier 1, no probe or heartbeat: add an HTTP or TLS"
        + " probe of the vendor&#39;s endpoint</span>");
    WebSession.Page service = web.get("/services/cache");
    assertThat(service.body()).contains("a probe or a heartbeat: no probe or heartbeat", "Fix: add a redis probe");
  }

  @Test
  void anAlertReceivedPassesItsCheckAndMovesTheScore() {
    scenario.given(SHOP);
    Scorecard before = board.scorecard();
    assertThat(before.service("shop").orElseThrow().failed()).containsExactly(CoverageCheck.ALERTS_RECEIVED,
        CoverageCheck.SLO);

    scenario.alert("disk-full", "Disk full on shop-1");
    Scorecard after = board.scorecard();
    assertThat(after.service("shop").orElseThrow().failed()).containsExactly(CoverageCheck.SLO);
    assertThat(after.total().percent()).isGreaterThan(before.total().percent());

    scenario.advance(Duration.ofDays(31));
    assertThat(board.scorecard().service("shop").orElseThrow().failed())
        .containsExactly(CoverageCheck.ALERTS_RECEIVED, CoverageCheck.SLO);
  }

  @Test
  void theJobWritesOneSnapshotADayAndTheTrendReadsThemBack() {
    scenario.given(SHOP);
    Instant nextMorning = scenario.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(34));
    scenario.at(nextMorning).runDueJobs();
    scenario.advance(Duration.ofHours(2)).runDueJobs();
    assertThat(days()).containsExactly(LocalDate.ofInstant(nextMorning, ZoneOffset.UTC));

    scenario.given(SHOP_WITH_SLO).advance(Duration.ofDays(1)).runDueJobs();
    scenario.advance(Duration.ofHours(3)).runDueJobs();
    assertThat(days()).hasSize(2);

    JsonNode trend = api.get("/api/v1/coverage", ADMIN).json().get("trend");
    assertThat(trend).hasSize(2);
    assertThat(trend.get(0).get("day").asString()).isEqualTo(days().get(0).toString());
    // Shop without an SLO and without an alert: 16 of 19 points; with an SLO: 18 of 19.
    assertThat(trend.get(0).get("percent").decimalValue()).isEqualByComparingTo("84.2");
    assertThat(trend.get(1).get("percent").decimalValue()).isEqualByComparingTo("94.7");
  }

  @Test
  void badParametersAreRefusedByName() {
    scenario.given(SHOP);
    Api.Response bad = api.get("/api/v1/coverage?team=nope&tier=9&days=0", ADMIN);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("team: no team named 'nope'", "tier: expected a tier from 1 to 4, got '9'",
        "days: expected a number of days from 1 to 400, got '0'");
    assertThat(api.get("/api/v1/coverage?format=xml", ADMIN).body()).contains("format: expected csv or json");

    Api.Response csv = api.get("/api/v1/coverage?format=csv", ADMIN);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.body().lines().toList()).contains("service,team,tier,service_score,check,weight,outcome,reason,fix",
        "shop,ops,1,84.2,slo,2,failed,no SLO,add an availability SLO on probe health");
  }

  private List<LocalDate> days() {
    return jdbc.sql("select day from coverage_snapshot order by day").query(LocalDate.class).list();
  }

  private static List<String> names(JsonNode services) {
    List<String> names = new ArrayList<>();
    services.forEach(s -> names.add(s.get("service").asString()));
    return names;
  }
}
