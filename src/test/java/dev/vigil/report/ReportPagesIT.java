package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The reports page on incidents opened through the intake and run through the API: its tables hold the reliability
 * report API's figures for the same period, its CSV is the API's, bad dates are a 400 that says which, and a period
 * without incidents says so instead of showing zeros.
 */
@IntegrationTest
class ReportPagesIT {

  static final String PASSWORD = "correct horse battery";
  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired TestClock clock;
  Api api;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    // Alice reads times in Europe/Paris.
    WebSession.account(jdbc, "alice", PASSWORD, "viewer", "alice");
    api = new Api(port);
  }

  /** Two incidents on api (one acknowledged after 4 min and resolved after 24), one on payment left open. */
  void history() {
    long first = WebTestCatalog.trigger(api, "events-api", "disk", "Disk full");
    clock.advance(Duration.ofMinutes(4));
    assertThat(api.post("/api/v1/incidents/" + first + "/acknowledge", ADMIN, "").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(20));
    assertThat(api.post("/api/v1/incidents/" + first + "/resolve", ADMIN, "").status()).isEqualTo(200);
    clock.advance(Duration.ofDays(2));
    long second = WebTestCatalog.trigger(api, "events-api", "cpu", "CPU hot");
    clock.advance(Duration.ofMinutes(10));
    api.post("/api/v1/incidents/" + second + "/acknowledge", ADMIN, "");
    api.post("/api/v1/incidents/" + second + "/resolve", ADMIN, "");
    clock.advance(Duration.ofHours(3));
    WebTestCatalog.trigger(api, "events-payment", "card", "Cards declined");
    clock.advance(Duration.ofMinutes(30));
  }

  /** Each row of a table as "group count mtta mttr mtbf breaches open", durations in seconds. */
  static List<String> tableRows(String html, String groupBy) {
    String table = html.substring(html.indexOf("id=\"table-" + groupBy + "\""));
    table = table.substring(0, table.indexOf("</table>"));
    List<String> rows = new ArrayList<>();
    Matcher row = Pattern.compile("<tr>\\s*<th scope=\"row\">([^<]*)</th>(.*?)</tr>", Pattern.DOTALL).matcher(table);
    while (row.find()) {
      StringBuilder line = new StringBuilder(row.group(1));
      Matcher cell = Pattern.compile("<td data-label=\"([^\"]+)\" class=\"number\"(?: data-seconds=\"([^\"]*)\")?>"
          + "([^<]*)</td>").matcher(row.group(2));
      while (cell.find()) {
        // A duration cell carries its exact seconds, and none when there was nothing to measure.
        boolean duration = cell.group(1).startsWith("MT");
        line.append(' ').append(!duration ? cell.group(3) : cell.group(2) == null ? "-" : seconds(cell.group(2)));
      }
      rows.add(line.toString());
    }
    return rows;
  }

  static String seconds(String value) {
    return value.isEmpty() ? "-" : String.valueOf(Math.round(Double.parseDouble(value)));
  }

  /** The API's rows in the same shape. */
  static List<String> apiRows(JsonNode report) {
    List<String> rows = new ArrayList<>();
    for (JsonNode r : report.get("rows")) {
      rows.add(r.get("group").asString() + " " + r.get("count").asInt() + " " + seconds(r, "mttaSeconds") + " "
          + seconds(r, "mttrSeconds") + " " + seconds(r, "mtbfSeconds") + " " + r.get("rtoBreaches").asInt() + " "
          + r.get("open").asInt());
    }
    return rows;
  }

  static String seconds(JsonNode row, String field) {
    return row.get(field).isNull() ? "-" : String.valueOf(Math.round(row.get(field).asDouble()));
  }

  @Test
  void theTablesHoldTheReliabilityReportApisFiguresForTheSamePeriod() {
    history();
    Instant now = clock.instant();
    String from = now.minus(Duration.ofDays(7)).toString();
    String html = WebSession.signedIn(port, "vera", PASSWORD).get("/reports?period=7d").body();
    assertThat(html).contains("<title>Reports · Vigil</title>").contains("3 incidents")
        .contains("href=\"/reports?period=7d\" aria-current=\"page\"");
    for (String groupBy : new String[] {"service", "team", "severity"}) {
      JsonNode report = api.get("/api/v1/reports/reliability?groupBy=" + groupBy + "&from=" + from + "&to=" + now,
          ADMIN).json();
      assertThat(tableRows(html, groupBy)).as(groupBy).isEqualTo(apiRows(report)).isNotEmpty();
    }
    // api: MTTA (4 min + 10 min) / 2 = 7 min, MTTR (24 min + 10 min) / 2 = 17 min; payment still open.
    assertThat(tableRows(html, "service")).containsExactly("api 2 420 1020 " + (2 * 86_400 + 24 * 60) + " 0 0",
        "payment 1 - - - 0 1");
    assertThat(html).contains(">none acknowledged<").contains(">7m<").contains(">17m<");
    // Charts: counts per day for a week, MTTA and MTTR lines, with their figures in words.
    assertThat(html).contains("class=\"counts-chart\"").contains("Incidents per day by severity")
        .contains("3 incidents in 8 days").contains("class=\"trend-chart\"")
        .contains("Over the period: MTTA 7m, MTTR 17m.").doesNotContain("style=");
  }

  @Test
  void eachTablesCsvIsTheApisCsvForTheSamePeriod() {
    history();
    Instant now = clock.instant();
    WebSession vera = WebSession.signedIn(port, "vera", PASSWORD);
    for (String groupBy : new String[] {"service", "team", "severity"}) {
      WebSession.Page csv = vera.get("/reports.csv?period=30d&groupBy=" + groupBy);
      assertThat(csv.status()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      String apiCsv = api.get("/api/v1/reports/reliability?format=csv&groupBy=" + groupBy + "&from="
          + now.minus(Duration.ofDays(30)) + "&to=" + now, ADMIN).body();
      assertThat(csv.body()).as(groupBy).isEqualTo(apiCsv).startsWith(groupBy + ",count,");
    }
    String html = vera.get("/reports?period=30d").body();
    assertThat(html).contains("href=\"/reports.csv?period=30d&amp;groupBy=team\"");
    // The CSV's rows are the table's.
    List<String> fromCsv = new ArrayList<>();
    for (String line : vera.get("/reports.csv?period=30d&groupBy=service").body().split("\r\n")) {
      String[] f = line.split(",", -1);
      if (!f[0].equals("service")) {
        fromCsv.add(f[0] + " " + f[1] + " " + dash(f[6]) + " " + dash(f[8]) + " " + dash(f[9]) + " " + f[10] + " "
            + f[5]);
      }
    }
    assertThat(tableRows(html, "service")).isEqualTo(fromCsv);
  }

  static String dash(String seconds) {
    return seconds.isEmpty() ? "-" : String.valueOf(Math.round(Double.parseDouble(seconds)));
  }

  @Test
  void datesAreReadInTheReadersZoneAndBothIncluded() {
    history();
    ZoneId paris = ZoneId.of("Europe/Paris");
    LocalDate today = clock.instant().atZone(paris).toLocalDate();
    String html = WebSession.signedIn(port, "alice", PASSWORD)
        .get("/reports?from=" + today.minusDays(10) + "&to=" + today).body();
    assertThat(html).contains("3 incidents").contains("Dates are in <span>Europe/Paris</span>")
        .contains("value=\"" + today.minusDays(10) + "\"").contains("value=\"" + today + "\"")
        .contains("datetime=\"" + today.minusDays(10).atStartOfDay(paris).toInstant() + "\"");
    JsonNode report = api.get("/api/v1/reports/reliability?groupBy=team&from="
        + today.minusDays(10).atStartOfDay(paris).toInstant() + "&to=" + today.plusDays(1).atStartOfDay(paris)
        .toInstant(), ADMIN).json();
    assertThat(tableRows(html, "team")).isEqualTo(apiRows(report));
  }

  @Test
  void badDatesAndPeriodsAreA400ThatSaysWhichAndWhy() {
    WebSession vera = WebSession.signedIn(port, "vera", PASSWORD);
    WebSession.Page notADate = vera.get("/reports?from=2026-02-30&to=2026-03-05");
    assertThat(notADate.status()).isEqualTo(400);
    assertThat(notADate.body()).contains("from: &#39;2026-02-30&#39; is not a date written YYYY-MM-DD");
    WebSession.Page reversed = vera.get("/reports?from=2026-03-05&to=2026-03-01");
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.body()).contains("to: 2026-03-01 is before from, 2026-03-05");
    WebSession.Page half = vera.get("/reports?from=2026-03-05");
    assertThat(half.status()).isEqualTo(400);
    assertThat(half.body()).contains("to: give both dates, from and to, as YYYY-MM-DD");
    WebSession.Page period = vera.get("/reports?period=1y");
    assertThat(period.status()).isEqualTo(400);
    assertThat(period.body()).contains("period: &#39;1y&#39; is not one of 7d, 30d, 90d, 365d");
    assertThat(vera.get("/reports.csv?groupBy=colour").status()).isEqualTo(400);
  }

  @Test
  void aPeriodWithoutIncidentsSaysThereIsNothingToMeasure() {
    history();
    String html = WebSession.signedIn(port, "vera", PASSWORD).get("/reports?from=2020-01-01&to=2020-01-31").body();
    assertThat(html).contains("id=\"empty-period\"").contains("No incidents were created in this period")
        .contains("0 incidents").doesNotContain("counts-chart").doesNotContain("table-service")
        .doesNotContain(">0s<");
  }
}
