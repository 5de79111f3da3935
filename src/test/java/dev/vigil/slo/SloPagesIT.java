package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.catalog.CatalogService;
import dev.vigil.probe.ProbeRollups;
import dev.vigil.system.TestClock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SLO pages on SLOs evaluated from probe checks ({@link SloFixture}): the list in the API's order with each
 * budget as a bar and its figure, one SLO's three numbers, burn-down chart, rules with their incident and periods,
 * the state of a source that cannot answer, and the service page's SLOs.
 */
@IntegrationTest
class SloPagesIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  WebSession web;

  @BeforeEach
  void evaluate() {
    SloFixture.evaluate(context, jdbc, catalog, clock);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    web = WebSession.signedIn(port, "vera", PASSWORD);
  }

  @AfterEach
  void resume() {
    SloFixture.clear(jdbc);
    ProbeRollups.syncAndPause(context, false);
  }

  @Test
  void theListShowsEachBudgetAsABarWithItsFigureLeastLeftFirst() {
    String html = web.get("/slos").body();
    Matcher rows = Pattern.compile("<tr id=\"slo-([a-z-]+)\"").matcher(html);
    StringBuilder order = new StringBuilder();
    while (rows.find()) {
      order.append(rows.group(1)).append(' ');
    }
    assertThat(order.toString().strip()).isEqualTo(
        "checkout-availability checkout-steady ledger-books search-errors search-quiet");
    // The bar is drawn from the figure beside it, which is the text read out; an overspent budget is an empty bar.
    assertThat(html).containsPattern("<meter[^>]*value=\"0\"[^>]*>[^<]*</meter>\\s*<span class=\"warn\">-400 %"
        + " \\(overspent\\)</span>");
    assertThat(html).containsPattern("<meter[^>]*value=\"97\"[^>]*>[^<]*</meter>\\s*<span>97.5 %</span>");
    assertThat(html).contains("no data in the window");

    String filtered = web.get("/slos?team=search").body();
    assertThat(filtered).contains("slo-search-quiet").doesNotContain("slo-checkout-steady");
    assertThat(web.get("/slos?service=nope").status()).isEqualTo(400);
  }

  @Test
  void anSloPageHasItsThreeNumbersTheBurnDownTheRulesAndThePeriods() {
    String html = web.get("/slos/checkout-availability").body();
    assertThat(html).contains("<strong id=\"objective\">99 %</strong>", "<strong id=\"sli\">95 %</strong>",
        "<strong id=\"budget-left\" class=\"warn\">-400 % (overspent)</strong>");
    assertThat(html).contains("Budget: 40 bad events; 200 spent, -160 left");
    assertThat(html).containsPattern("<svg[^>]*class=\"[^\"]*burn-down-chart");
    assertThat(html).containsPattern("<svg[^>]*class=\"[^\"]*burn-rate-chart");
    assertThat(html).contains("Pages above 14.4× over 1h and 5m");
    // The 1h/5m rule fires and links the incident its page opened.
    assertThat(html).containsPattern("burn rate above 14.4 over 1h and 5m</td>\\s*<td data-label=\"Response\">"
        + "page</td>\\s*<td data-label=\"Fires\"><strong class=\"warn\">firing</strong>[\\s\\S]*?"
        + "<a href=\"/incidents/\\d+\">#\\d+ SLO checkout-availability of checkout burns");
    assertThat(html).containsPattern("<table id=\"compliance\">[\\s\\S]*\\(under way\\)</th>\\s*<td data-label=\"SLI\""
        + " class=\"number\">95 %</td>\\s*<td data-label=\"Objective met\" class=\"warn\">missed</td>");

    String failing = web.get("/slos/search-errors").body();
    assertThat(failing).containsPattern("<p class=\"error\" id=\"no-data\" role=\"status\">No data since\\s*the SLO"
        + "\\s*was declared, last error: <span>[^<]+</span>");
    assertThat(web.get("/slos/nope").status()).isEqualTo(404);

    String service = web.get("/services/checkout").body();
    assertThat(service).containsPattern("<a href=\"/slos/checkout-availability\">checkout-availability</a>\\s*"
        + "<span>99 % over 30d:</span>\\s*<strong>-400 % left</strong>");
  }
}
