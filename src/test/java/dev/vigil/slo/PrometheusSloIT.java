package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.IntegrationTest;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Prometheus-backed SLOs evaluated by the running application against Debian's real Prometheus, loaded by promtool
 * with eight days of minute-by-minute history that ends a day ahead of the test clock: the stored SLI, budget and
 * burn rates are the hand-worked ones and the fast burn pages; a source that stops answering and a query that does
 * not parse leave the SLO saying "no data since ..., last error ..." and raise or resolve nothing.
 *
 * <p>The test clock follows real time, so evaluation happens a second or so after the history's last whole minute:
 * Prometheus 2's range then leaves out the sample on the lookback's start and scales the minutes it holds by
 * {@code L / (L - 1m)} (docs/slo.md, "Exactness"). The hand-worked counts say so; the total, steady at 100 a minute,
 * is exact whatever the lookback.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusSloIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  static final int DAYS = 8;

  @TempDir static Path dir;
  static PrometheusServer prometheus;
  /** The end of the history: its last whole minute with the burn, ahead of the clock when the class starts. */
  static Instant end;

  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired SloEvaluator evaluator;
  @Autowired SloBoard board;

  @BeforeEach
  void startOnce() throws Exception {
    clean();
    if (prometheus == null) {
      end = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
      Path history = dir.resolve("history.om");
      writeHistory(history, end);
      PrometheusServer.load(history, dir.resolve("data"), DAYS + 2);
      prometheus = PrometheusServer.start(dir, "global:\n  scrape_interval: 1m\n", dir.resolve("data"));
    }
  }

  @AfterEach
  void clean() {
    PrometheusSloCatalog.reset(jdbc);
  }

  @AfterAll
  static void stopPrometheus() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  /**
   * Requests of job {@code api}: 100 a minute, none failing but for 50 a minute in two hours five days before the
   * end and 30 a minute in its last ten minutes. Job {@code steady} fails half of its 100 a minute throughout, and
   * runs on an hour past the end.
   */
  static void writeHistory(Path file, Instant end) throws IOException {
    int minutes = DAYS * 1440;
    StringBuilder total = new StringBuilder("# TYPE http_requests counter\n");
    StringBuilder failed = new StringBuilder("# TYPE http_requests_failed counter\n");
    long api = 0;
    long apiFailed = 0;
    for (int i = 0; i <= minutes + 60; i++) {
      long at = end.getEpochSecond() - (long) (minutes - i) * 60;
      if (i > 0) {
        api += 100;
        apiFailed += i > minutes - 5 * 1440 && i <= minutes - 5 * 1440 + 120 ? 50
            : i > minutes - 10 && i <= minutes ? 30 : 0;
      }
      if (i <= minutes) {
        total.append("http_requests_total{job=\"api\"} ").append(api).append(' ').append(at).append('\n');
        failed.append("http_requests_failed_total{job=\"api\"} ").append(apiFailed).append(' ').append(at)
            .append('\n');
      }
      total.append("http_requests_total{job=\"steady\"} ").append(100L * i).append(' ').append(at).append('\n');
      failed.append("http_requests_failed_total{job=\"steady\"} ").append(50L * i).append(' ').append(at)
          .append('\n');
    }
    try (Writer out = Files.newBufferedWriter(file)) {
      out.append(total).append(failed).append("# EOF\n");
    }
  }

  @Test
  @Order(1)
  void anSloOnPrometheusStoresTheHandWorkedBudgetAndBurnRatesAndPages() throws Exception {
    apply(prometheus.url(), "http_requests_failed_total{job=\\\"api\\\"}", "api");
    clock.set(end.plusSeconds(1));
    long queries;
    // The job evaluates on the same lock: none of its requests falls between the two counts.
    synchronized (evaluator) {
      queries = prometheus.queriesServed();
      evaluator.evaluateAll();
      queries = prometheus.queriesServed() - queries;
    }
    assertThat(queries).as("the window, seven lookbacks, the step and the day in one request").isEqualTo(1);

    SloBoard.Status s = board.one("api-availability").orElseThrow().status().orElseThrow();
    assertThat(s.summary()).isEqualTo("measured");
    assertThat(s.measuredAt()).as("evaluated at the test clock's instant").isBetween(end.plusSeconds(1),
        clock.instant());
    // The window: 7 days of 100 requests a minute, 1,008,000; failed 6,000 in the incident and 300 in the burn (the
    // failure counter is still zero on the window's start, so Prometheus extrapolates nothing there). At 99.9 % the
    // budget is 1,008 requests, 6,300 spent (625 %); the SLI is 1 - 6,300 / 1,008,000.
    assertThat(s.budgetTotal()).isEqualByComparingTo("1008");
    assertThat(s.budgetConsumed()).isEqualByComparingTo("6300");
    assertThat(s.consumedShare()).isEqualByComparingTo("6.25");
    assertThat(s.sli()).isEqualByComparingTo("0.99375");
    // Failed over each lookback L: the 300 of the burn, seen over L - 1m and scaled by L / (L - 1m), rounded; the
    // 5m lookback lies in the burn, its 4 minutes' 120 scaled by 5/4. Rate: failed / total / 0.001.
    Map<Duration, String> rates = Map.of(
        Duration.ofMinutes(5), "300", // 150 of 500
        Duration.ofMinutes(30), "103.3333", // 300 * 30/29 = 310.3 -> 310 of 3,000
        Duration.ofHours(1), "50.83333", // 300 * 60/59 = 305.1 -> 305 of 6,000
        Duration.ofHours(2), "25.25", // 300 * 120/119 = 302.5 -> 303 of 12,000
        Duration.ofHours(6), "8.361111", // 300 * 360/359 = 300.8 -> 301 of 36,000
        Duration.ofDays(1), "2.083333", // 300 * 1440/1439 = 300.2 -> 300 of 144,000
        Duration.ofDays(3), "0.6944444"); // 300 of 432,000
    rates.forEach((lookback, rate) -> assertThat(s.burnRates().get(lookback).round(new MathContext(7)))
        .as("burn rate over %s", lookback).isEqualByComparingTo(new BigDecimal(rate)));
    assertThat(s.firing()).containsExactly("page 14.4 PT1H/PT5M", "page 6 PT6H/PT30M");
    assertThat(s.raised()).containsExactly("page");
    // Ana is paged; the budget's thresholds go to the team (Bo), so that the page waits behind no notice.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(smtp.getReceivedMessagesForDomain(
        "ana@example.com")).anySatisfy(m -> assertThat(m.getSubject()).contains("SLO api-availability of api burns")));
  }

  @Test
  @Order(2)
  void aSourceThatStopsAnsweringLeavesTheLastFiguresWithItsErrorAndResolvesNothing() throws Exception {
    apply(prometheus.url(), "http_requests_failed_total{job=\\\"steady\\\"}", "steady");
    later();
    evaluator.evaluateAll();
    SloBoard.Status burning = board.one("api-availability").orElseThrow().status().orElseThrow();
    assertThat(burning.sli()).isEqualByComparingTo("0.5");
    assertThat(burning.raised()).containsExactly("page");
    long alerts = jdbc.sql("select count(*) from alert").query(Long.class).single();

    int closed = PrometheusServer.freePort();
    apply("http://127.0.0.1:" + closed, "http_requests_failed_total{job=\\\"steady\\\"}", "steady");
    clock.advance(Duration.ofMinutes(1));
    evaluator.evaluateAll();
    SloBoard.Status failing = board.one("api-availability").orElseThrow().status().orElseThrow();
    assertThat(failing.stale()).isTrue();
    assertThat(failing.lastDataAt()).isAfterOrEqualTo(burning.lastDataAt());
    assertThat(failing.summary()).startsWith("no data since " + failing.lastDataAt() + ", last error: Prometheus"
        + " source 'main' gave no number for label_replace(").contains("could not reach 127.0.0.1:" + closed);
    assertThat(failing.sli()).as("the last figures, not a number made of nothing").isEqualByComparingTo("0.5");
    assertThat(failing.raised()).as("the failure resolves nothing").containsExactly("page");
    assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).as("and raises nothing")
        .isEqualTo(alerts);
    assertThat(jdbc.sql("select status from incident").query(String.class).list()).containsExactly("triggered");
  }

  @Test
  @Order(3)
  void aQueryThatDoesNotParseIsTheSlosStateAndRaisesNothing() {
    apply(prometheus.url(), "http_requests_failed_total{job=\\\"steady\\\"", "steady");
    later();
    evaluator.evaluateAll();
    SloBoard.Status s = board.one("api-availability").orElseThrow().status().orElseThrow();
    assertThat(s.sli()).isNull();
    assertThat(s.summary()).startsWith("no data since the SLO was declared, last error: Prometheus source 'main'"
        + " gave no number for label_replace(").contains("HTTP 400", "bad_data", "parse error");
    assertThat(s.raised()).isEmpty();
    assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).isZero();
  }

  @Test
  @Order(4)
  void theFirstEvaluationIntoTheNextStepClosesTheStepWithWhatCameAfterItsLastEvaluation() {
    apply(prometheus.url(), "http_requests_failed_total{job=\\\"steady\\\"}", "steady");
    // A five-minute step within the hour the steady job runs on past the end: 100 requests a minute, 50 failing.
    Instant from = clock.instant().isAfter(end.plus(Duration.ofMinutes(15))) ? clock.instant()
        : end.plus(Duration.ofMinutes(15));
    Instant step = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), 300) * 300 + 300);
    // Three minutes in: the minute samples from the step's start to 3m, extrapolated by the last second, 301.7.
    clock.set(step.plus(Duration.ofMinutes(3)).plusSeconds(1));
    evaluator.evaluateAll();
    assertThat(point(step)).containsExactly(new BigDecimal("151"), new BigDecimal("302"));
    // Three minutes into the next step: since the step's start less since its end, each extrapolated by the same
    // second, is the step's own 500 requests, 250 failing.
    clock.set(step.plus(Duration.ofMinutes(8)).plusSeconds(1));
    evaluator.evaluateAll();
    assertThat(point(step)).containsExactly(new BigDecimal("250"), new BigDecimal("500"));
    assertThat(point(step.plus(Duration.ofMinutes(5)))).containsExactly(new BigDecimal("151"), new BigDecimal("302"));
  }

  /** The good and total events of the SLO's five-minute point starting at {@code at}. */
  private List<BigDecimal> point(Instant at) {
    return jdbc.sql("select good, total from slo_point where step = '5m' and at = :at")
        .param("at", java.sql.Timestamp.from(at))
        .query((rs, i) -> List.of(rs.getBigDecimal("good"), rs.getBigDecimal("total"))).single();
  }

  /** Moves the clock ten minutes past the end of the history unless it is past that: the steady job runs on. */
  private void later() {
    Instant later = end.plus(Duration.ofMinutes(10));
    if (later.isAfter(clock.instant())) {
      clock.set(later);
    }
  }

  /** The catalog with source {@code main} at {@code url} and an SLO of service {@code api} on job {@code job}. */
  private void apply(String url, String bad, String job) {
    PrometheusSloCatalog.apply(catalog, jdbc, "main", url, "api", """
        - name: api-availability
          objective: 99.9
          window: 7d
          sli:
            prometheus:
              source: main
              bad: "%s"
              total: "http_requests_total{job=\\"%s\\"}"
        """.formatted(bad, job));
  }
}
