package dev.vigil.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The SLA ledger through the API and the customer pages, on incidents opened through the intake: two overlapping
 * incidents on the two covered services count their overlap once; an unknown customer is a 404, a bad period a 400
 * naming it; the statement is the API's CSV or Markdown and a page that prints without the console around it.
 */
@IntegrationTest
class SlaLedgerIT {

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;
  static final String PASSWORD = "correct horse battery";
  static final String SLA = "/api/v1/customers/Acme%20Travel/sla";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired TestClock clock;
  Api api;
  String month;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    catalog.apply(TestCatalogs.load(WebTestCatalog.YAML + WebTestCatalog.CUSTOMERS), "/etc/vigil-web.yaml", "x");
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    api = new Api(port);
    // The second day of next month, so that the fifty minutes below stay within one month.
    YearMonth next = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).plusMonths(1);
    clock.set(next.atDay(2).atStartOfDay(ZoneOffset.UTC).toInstant());
    month = next.toString();
  }

  /** api down from 0 to 30 minutes, payment from 20 to 50: fifty minutes of downtime, not sixty. */
  void history() {
    long api1 = WebTestCatalog.trigger(api, "events-api", "5xx", "API 5xx");
    clock.advance(Duration.ofMinutes(20));
    long payment = WebTestCatalog.trigger(api, "events-payment", "cards", "Cards declined");
    clock.advance(Duration.ofMinutes(10));
    assertThat(api.post("/api/v1/incidents/" + api1 + "/resolve", ADMIN, "").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(20));
    assertThat(api.post("/api/v1/incidents/" + payment + "/resolve", ADMIN, "").status()).isEqualTo(200);
  }

  static long seconds(JsonNode node) {
    return Duration.parse(node.asString()).toSeconds();
  }

  @Test
  void theLedgerCountsOverlappingIncidentsOnceAndReachesTheCreditTier() {
    history();
    Api.Response r = api.get(SLA + "?period=" + month, ADMIN);
    assertThat(r.status()).isEqualTo(200);
    JsonNode l = r.json().get("periods").get(0);
    assertThat(r.json().get("periods")).hasSize(1);
    assertThat(l.get("contract").asString()).isEqualTo("acme-api");
    assertThat(l.get("period").asString()).isEqualTo(month);
    assertThat(l.get("underWay").asBoolean()).isTrue();
    // The test clock runs on with real time between requests: a few seconds are allowed for.
    assertThat(seconds(l.get("downtime"))).isBetween(3000L, 3010L);
    assertThat(l.get("incidents")).hasSize(2);
    assertThat(seconds(l.get("incidents").get(0).get("counted"))).isBetween(1800L, 1805L);
    assertThat(seconds(l.get("incidents").get(1).get("counted"))).isBetween(1200L, 1205L);
    long days = YearMonth.parse(month).lengthOfMonth();
    assertThat(seconds(l.get("allowedDowntime"))).isEqualTo(Math.round(days * 86_400 * 0.001));
    assertThat(l.get("creditPercent").asDouble()).isEqualTo(10.0);
    assertThat(l.get("measuredFrom").asString()).isEqualTo("incidents");
    // At this burn the rest of the allowed downtime was gone before the first day ended.
    assertThat(l.get("runsOutOn").asString()).isEqualTo(YearMonth.parse(month).atDay(2).toString());

    JsonNode recent = api.get(SLA, ADMIN).json().get("periods");
    assertThat(recent.get(0).get("period").asString()).isEqualTo(month);
    assertThat(recent.size()).isGreaterThanOrEqualTo(12);
  }

  @Test
  void unknownCustomersAndBadPeriodsAreRefusedByName() {
    Api.Response unknown = api.get("/api/v1/customers/Nobody/sla", ADMIN);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("no customer named 'Nobody'");
    Api.Response bad = api.get(SLA + "?period=2026-13", ADMIN);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("period: '2026-13' is not a month");
    assertThat(api.get(SLA + "?period=9999-01", ADMIN).body()).contains("has not begun yet");
    Api.Response noPeriod = api.get(SLA + "/statement", ADMIN);
    assertThat(noPeriod.status()).isEqualTo(400);
    assertThat(noPeriod.body()).contains("period: required");
    assertThat(api.get(SLA + "/statement?period=" + month + "&format=pdf", ADMIN).body())
        .contains("format: expected csv or markdown, got 'pdf'");
  }

  @Test
  void theStatementIsCsvOrMarkdownAndAPrintablePage() throws Exception {
    history();
    Api.Response csv = api.get(SLA + "/statement?period=" + month, ADMIN);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).startsWith(SlaStatement.CSV_HEADER).contains(",API 5xx,api,SEV2,180")
        .contains(",Cards declined,payment,SEV2,120");
    java.net.http.HttpResponse<String> md = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + SLA
            + "/statement?period=" + month)).header("Authorization", "Bearer " + ADMIN)
            .header("Accept", "text/markdown").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(md.statusCode()).isEqualTo(200);
    assertThat(md.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
    assertThat(api.get(SLA + "/statement?period=" + month + "&format=markdown", ADMIN).body()).isEqualTo(md.body());
    assertThat(md.body()).startsWith("# SLA statement: Acme Travel, " + month + "\n").contains("| API 5xx | api |");

    WebSession vera = WebSession.signedIn(port, "vera", PASSWORD);
    String list = vera.get("/customers").body();
    assertThat(list).contains("<title>Customers · Vigil</title>").contains("href=\"/customers/Acme%20Travel\"")
        .contains("href=\"/customers\" aria-current=\"page\"").contains("data-label=\"Allowed downtime used\"");
    String page = vera.get("/customers/Acme%20Travel").body();
    assertThat(page).contains("acme-api").contains("API 5xx").contains("under way")
        .contains("href=\"/customers/Acme%20Travel/statement?period=" + month + "\"");
    WebSession.Page statement = vera.get("/customers/Acme%20Travel/statement?period=" + month);
    assertThat(statement.status()).isEqualTo(200);
    assertThat(statement.body()).contains("class=\"sla-statement\"").contains("Cards declined")
        .contains("class=\"actions sla-no-print\"").doesNotContain("style=");
    assertThat(vera.get("/customers/Acme%20Travel/statement?period=" + month + "&format=csv").body())
        .isEqualTo(csv.body());
    assertThat(vera.get("/customers/Acme%20Travel?period=2026-13").status()).isEqualTo(400);
    assertThat(vera.get("/customers/Nobody").status()).isEqualTo(404);
    String css = vera.get("/css/vigil.css").body();
    assertThat(css.substring(css.indexOf("@media print {\n  body:has(.sla-statement)")))
        .contains("header.top").contains(".sla-no-print { display: none; }");
  }
}
