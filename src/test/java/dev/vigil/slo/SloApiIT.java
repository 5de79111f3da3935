package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.probe.ProbeRollups;
import dev.vigil.system.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The SLO API on SLOs evaluated from probe checks ({@link SloFixture}): the list sorted by the budget left with
 * those without figures last, its filters and their refusals, the same list as CSV, one SLO with its burn rates,
 * rules, history and periods, and a service's error budget decision under each policy.
 */
@IntegrationTest
class SloApiIT {

  static final String ADMIN = IntegrationTest.ADMIN_TOKEN;

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  Api api;
  Instant end;

  @BeforeEach
  void evaluate() {
    api = new Api(port);
    end = SloFixture.evaluate(context, jdbc, catalog, clock);
  }

  @AfterEach
  void resume() {
    SloFixture.clear(jdbc);
    ProbeRollups.syncAndPause(context, false);
  }

  @Test
  void theListIsSortedByTheBudgetLeftWithThoseWithoutFiguresLast() {
    JsonNode slos = api.get("/api/v1/slos", ADMIN).json();
    assertThat(names(slos)).containsExactly("checkout-availability", "checkout-steady", "ledger-books",
        "search-errors", "search-quiet");

    JsonNode burning = slos.get(0);
    assertThat(burning.get("service").asString()).isEqualTo("checkout");
    assertThat(burning.get("team").asString()).isEqualTo("payments");
    assertThat(burning.get("objective").decimalValue()).isEqualByComparingTo("99");
    assertThat(burning.get("window").asString()).isEqualTo("30d");
    assertThat(burning.get("source").asString()).isEqualTo("probe health: successful checks");
    assertThat(burning.get("state").asString()).isEqualTo("measured");
    assertThat(burning.get("sli").decimalValue()).isEqualByComparingTo("0.95");
    // 4,000 checks at 99 %: 40 may fail, 200 did; five budgets spent, four more than there were.
    JsonNode budget = burning.get("budget");
    assertThat(budget.get("unit").asString()).isEqualTo("events");
    assertThat(budget.get("total").decimalValue()).isEqualByComparingTo("40");
    assertThat(budget.get("consumed").decimalValue()).isEqualByComparingTo("200");
    assertThat(budget.get("remaining").decimalValue()).isEqualByComparingTo("-160");
    assertThat(budget.get("remainingShare").decimalValue()).isEqualByComparingTo("-4");
    assertThat(burning.get("burnRates").get("5m").decimalValue()).isEqualByComparingTo("50");
    assertThat(burning.get("firing").get(0).asString()).isEqualTo("page: burn rate above 14.4 over 1h and 5m");
    assertThat(burning.get("raised").get(0).asString()).isEqualTo("page");

    assertThat(slos.get(1).get("budget").get("remainingShare").decimalValue()).isEqualByComparingTo("0.975");
    assertThat(slos.get(2).get("budget").get("remainingShare").decimalValue()).isEqualByComparingTo("1");
    JsonNode failing = slos.get(3);
    assertThat(failing.get("stale").asBoolean()).isTrue();
    assertThat(failing.get("summary").asString()).startsWith("no data since the SLO was declared, last error: ");
    assertThat(failing.get("lastError").asString()).isNotBlank();
    assertThat(failing.get("budget").get("remainingShare").isNull()).isTrue();
    assertThat(slos.get(4).get("state").asString()).isEqualTo("no_data");
    assertThat(slos.get(4).get("summary").asString()).isEqualTo("no data in the window");
  }

  @Test
  void filtersByServiceTeamAndTagAndRefuseWhatTheCatalogDoesNotHave() {
    assertThat(names(api.get("/api/v1/slos?service=search", ADMIN).json()))
        .containsExactly("search-errors", "search-quiet");
    assertThat(names(api.get("/api/v1/slos?team=payments", ADMIN).json()))
        .containsExactly("checkout-availability", "checkout-steady", "ledger-books");
    assertThat(names(api.get("/api/v1/slos?label=pci%3Dyes", ADMIN).json()))
        .containsExactly("checkout-availability", "checkout-steady");
    assertThat(names(api.get("/api/v1/slos?team=payments&service=ledger", ADMIN).json()))
        .containsExactly("ledger-books");

    for (String[] refused : new String[][] {{"service=nope", "service: no service named 'nope'"},
        {"team=nope", "team: no team named 'nope'"}, {"label=pci", "label: expected a service tag as key=value"},
        {"label=pci%3Dmaybe", "label: no service is tagged pci=maybe"}, {"format=xml", "format: expected csv"}}) {
      Api.Response response = api.get("/api/v1/slos?" + refused[0], ADMIN);
      assertThat(response.status()).as(refused[0]).isEqualTo(400);
      assertThat(response.body()).as(refused[0]).contains(refused[1]);
    }
  }

  @Test
  void theListAsCsvHoldsTheSameRowsInTheSameOrder() throws Exception {
    String expected = "slo,service,team,objective,window,source,state,summary,sli,budget_unit,budget_total,"
        + "budget_consumed,budget_remaining,budget_remaining_seconds,remaining_share,burn_rate_5m,burn_rate_30m,"
        + "burn_rate_1h,burn_rate_2h,burn_rate_6h,burn_rate_1d,burn_rate_3d,exhausted_at,firing\r\n"
        + "checkout-steady,checkout,payments,99,30d,probe steady: successful checks,measured,measured,0.99975,"
        + "events,40,1,39,,0.975,0,0,0,0,0.025,0.025,0.025,,\r\n"
        + "ledger-books,ledger,payments,99.9,30d,probe books: successful checks,measured,measured,1,events,4,0,4,,"
        + "1,0,0,0,0,0,0,0,,\r\n";
    Api.Response csv = api.get("/api/v1/slos?team=payments&label=pci%3Dyes&format=csv", ADMIN);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    Api.Response ledger = api.get("/api/v1/slos?service=ledger&format=csv", ADMIN);
    HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/slos?team=payments"))
        .header("Authorization", "Bearer " + ADMIN).header("Accept", "text/csv").build(),
        HttpResponse.BodyHandlers.ofString());
    String header = expected.substring(0, expected.indexOf("\r\n") + 2);
    List<String> lines = accepted.body().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).startsWith("checkout-availability,checkout,payments,99,30d,probe health: successful"
        + " checks,measured,measured,0.95,events,40,200,-160,,-4,50,");
    assertThat(accepted.body()).endsWith(expected.substring(header.length()));
    assertThat(ledger.body()).isEqualTo(header + expected.substring(expected.indexOf("ledger-books")));
    assertThat(accepted.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
  }

  @Test
  void oneSloHasItsBurnRatesRulesHistoryAndPeriodsAndAnUnknownOneIs404() {
    JsonNode detail = api.get("/api/v1/slos/checkout-availability", ADMIN).json();
    assertThat(detail.get("slo").get("name").asString()).isEqualTo("checkout-availability");
    assertThat(texts(detail.get("lookbacks"), "lookback")).containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d");
    assertThat(detail.get("lookbacks").get(0).get("burnRate").decimalValue()).isEqualByComparingTo("50");
    JsonNode page = detail.get("rules").get(0);
    assertThat(page.get("text").asString()).isEqualTo("burn rate above 14.4 over 1h and 5m");
    assertThat(page.get("firing").asBoolean()).isTrue();
    assertThat(page.get("incident").get("title").asString()).contains("SLO checkout-availability of checkout burns");
    assertThat(detail.get("rules").get(1).get("firing").asBoolean()).as("6h/30m at 5, not above 6").isFalse();
    // One five-minute point per evaluation's step: the evaluation wrote the step that ended at the instant measured.
    JsonNode history = detail.get("history");
    assertThat(history.get("fiveMinutes").size()).isPositive();
    assertThat(history.get("days").size()).isEqualTo(1);
    assertThat(detail.get("compliance").size()).isEqualTo(1);
    assertThat(detail.get("compliance").get(0).get("met").asBoolean()).isFalse();

    JsonNode chosen = api.get("/api/v1/slos/checkout-availability?from=" + end.minusSeconds(300) + "&to=" + end,
        ADMIN).json().get("history");
    assertThat(chosen.get("fiveMinutes").size()).isEqualTo(1);
    assertThat(Instant.parse(chosen.get("fiveMinutes").get(0).get("at").asString()))
        .isEqualTo(end.minusSeconds(300));

    assertThat(api.get("/api/v1/slos/nope", ADMIN).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/slos/checkout-availability?from=" + end + "&to=" + end, ADMIN).status())
        .isEqualTo(400);
  }

  @Test
  void aSpentBudgetHoldsDeploysAsThePolicySaysAndAHealthyOneAllowsThem() {
    for (String[] policy : new String[][] {{"notify", "allowed"}, {"require-approval", "approval-required"},
        {"freeze-deploys", "frozen"}}) {
      catalog.apply(TestCatalogs.load(SloFixture.yaml(policy[0])), "/etc/vigil.yaml", policy[0]);
      JsonNode decision = api.get("/api/v1/services/checkout/error-budget", ADMIN).json();
      assertThat(decision.get("policy").asString()).isEqualTo(policy[0]);
      assertThat(decision.get("decision").asString()).as(policy[0]).isEqualTo(policy[1]);
      assertThat(texts(decision.get("exhausted"), null)).containsExactly("checkout-availability");
      assertThat(texts(decision.get("slos"), "slo")).containsExactly("checkout-availability", "checkout-steady");
    }
    // The deploy gate reads the same decision: checkout's spent budget under freeze-deploys blocks its deploys
    // (beside the incident its burn rate raised).
    JsonNode gate = api.get("/api/v1/services/checkout/deploy-gate", ADMIN).json();
    assertThat(gate.get("decision").asString()).isEqualTo("blocked");
    JsonNode last = gate.get("reasons").get(gate.get("reasons").size() - 1);
    assertThat(last.get("kind").asString()).isEqualTo("error_budget");
    assertThat(last.get("detail").asString()).isEqualTo("frozen: error budget spent by checkout-availability; the"
        + " policy is freeze-deploys");
    assertThat(api.get("/api/v1/services/ledger/deploy-gate", ADMIN).json().get("decision").asString())
        .isEqualTo("allowed");
    // Frozen only by a spent budget: ledger's policy freezes, and its SLO has all of its budget.
    JsonNode healthy = api.get("/api/v1/services/ledger/error-budget", ADMIN).json();
    assertThat(healthy.get("policy").asString()).isEqualTo("freeze-deploys");
    assertThat(healthy.get("decision").asString()).isEqualTo("allowed");
    assertThat(healthy.get("exhausted").size()).isZero();
    assertThat(healthy.get("slos").get(0).get("remainingShare").decimalValue()).isEqualByComparingTo("1");
    // No data is no verdict: search's SLOs have no figures and hold nothing.
    assertThat(api.get("/api/v1/services/search/error-budget", ADMIN).json().get("decision").asString())
        .isEqualTo("allowed");
    assertThat(api.get("/api/v1/services/nope/error-budget", ADMIN).status()).isEqualTo(404);
  }

  private static List<String> names(JsonNode slos) {
    return texts(slos, "name");
  }

  private static List<String> texts(JsonNode items, String field) {
    List<String> out = new java.util.ArrayList<>();
    items.forEach(item -> out.add(field == null ? item.asString() : item.get(field).asString()));
    return out;
  }
}
