package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog.PrometheusSli;
import dev.vigil.catalog.Catalog.PrometheusSource;
import dev.vigil.catalog.Catalog.Sli;
import dev.vigil.catalog.Catalog.Slo;
import dev.vigil.catalog.Catalog.SloBudgeting;
import dev.vigil.catalog.Catalog.Timeslice;
import dev.vigil.slo.PrometheusFailure.Cause;
import dev.vigil.slo.PrometheusReading.Occurrences;
import dev.vigil.slo.PrometheusReading.Slices;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real Prometheus, loaded with three weeks of minute-by-minute history through {@code promtool tsdb
 * create-blocks-from openmetrics}, answers Vigil's SLI queries with the numbers worked out here by hand: good and
 * total events, burn rates and judged time slices over lookbacks from five minutes to three weeks, no data told from
 * zero traffic; a bad query, several series and a closed port are failures that name their cause.
 *
 * <p>The samples fall on whole minutes and every lookback starts and ends on one, so Prometheus 2's
 * {@code increase()} takes the two edge samples and extrapolates nothing: the counts are exact (docs/slo.md).
 */
class PrometheusRealIT {

  /** When every query is evaluated: the end of the history. */
  static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
  static final int DAYS = 21;
  static final int MINUTES = DAYS * 1440;
  /** The minute the two-hour incident ten days ago starts after: half the requests fail, the queue is 50 deep. */
  static final int INCIDENT = MINUTES - 10 * 1440;
  /** The minute the hour without queue samples, three days ago, starts after. */
  static final int GAP = MINUTES - 3 * 1440;

  static final Duration M5 = Duration.ofMinutes(5);
  static final Duration H1 = Duration.ofHours(1);
  static final Duration H6 = Duration.ofHours(6);
  static final Duration D1 = Duration.ofDays(1);
  static final Duration D14 = Duration.ofDays(14);
  static final Duration D21 = Duration.ofDays(DAYS);
  static final List<Duration> LOOKBACKS = List.of(M5, H1, H6, D1, D14, D21);
  static final Objective THREE_NINES = Objective.of("99.9");

  @TempDir static Path dir;
  static PrometheusServer prometheus;
  static PrometheusSource source;
  final PrometheusClient client = new PrometheusClient();

  /** Requests in the minute ending at minute {@code i}: 100 for the API. */
  static long requests(int i) {
    return 100;
  }

  /**
   * Failed requests in the minute ending at minute {@code i}: 20 a minute in the last five minutes, 2 a minute in the
   * 55 before them, 50 a minute in the incident, none otherwise.
   */
  static long failures(int i) {
    if (i > MINUTES - 5) {
      return 20;
    }
    if (i > MINUTES - 60) {
      return 2;
    }
    return i > INCIDENT && i <= INCIDENT + 120 ? 50 : 0;
  }

  @BeforeAll
  static void startPrometheus() throws Exception {
    Path history = dir.resolve("history.om");
    writeHistory(history);
    Path data = dir.resolve("data");
    PrometheusServer.load(history, data, DAYS + 1);
    prometheus = PrometheusServer.start(dir, "global:\n  scrape_interval: 1m\n", data);
    source = new PrometheusSource("main", prometheus.url(), null, null, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stopPrometheus() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  /**
   * Three weeks of samples, one a minute: the API's requests, failures and good requests; a latency histogram whose
   * 0.3 s bucket misses the failures and one more request a minute; a queue depth with an hour missing; and a quiet
   * job whose counter never moves.
   */
  static void writeHistory(Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file)) {
      long total = 0;
      long failed = 0;
      StringBuilder requests = new StringBuilder("# TYPE http_requests counter\n");
      StringBuilder failures = new StringBuilder("# TYPE http_requests_failed counter\n");
      StringBuilder good = new StringBuilder("# TYPE http_requests_good counter\n");
      StringBuilder duration = new StringBuilder("# TYPE http_request_duration_seconds histogram\n");
      StringBuilder queue = new StringBuilder("# TYPE queue_depth gauge\n");
      for (int i = 0; i <= MINUTES; i++) {
        if (i > 0) {
          total += requests(i);
          failed += failures(i);
        }
        long at = NOW.getEpochSecond() - (long) (MINUTES - i) * 60;
        requests.append("http_requests_total{job=\"api\"} ").append(total).append(' ').append(at).append('\n');
        requests.append("http_requests_total{job=\"quiet\"} 7 ").append(at).append('\n');
        failures.append("http_requests_failed_total{job=\"api\"} ").append(failed).append(' ').append(at)
            .append('\n');
        good.append("http_requests_good_total{job=\"api\"} ").append(total - failed).append(' ').append(at)
            .append('\n');
        for (Map.Entry<String, Long> bucket : Map.of("0.3", total - failed - i, "1.0",
            total - failed, "+Inf", total).entrySet()) {
          duration.append("http_request_duration_seconds_bucket{job=\"api\",le=\"").append(bucket.getKey())
              .append("\"} ").append(bucket.getValue()).append(' ').append(at).append('\n');
        }
        duration.append("http_request_duration_seconds_count{job=\"api\"} ").append(total).append(' ').append(at)
            .append('\n');
        duration.append("http_request_duration_seconds_sum{job=\"api\"} ").append(total / 10).append(' ').append(at)
            .append('\n');
        if (i <= GAP || i > GAP + 60) {
          queue.append("queue_depth{job=\"api\"} ").append(i > INCIDENT && i <= INCIDENT + 120 ? 50 : 3).append(' ')
              .append(at).append('\n');
        }
      }
      for (StringBuilder family : List.of(requests, failures, good, duration, queue)) {
        out.append(family);
      }
      out.append("# EOF\n");
    }
  }

  static Slo slo(SloBudgeting budgeting, PrometheusSli sli) {
    return new Slo("api-availability", null, 99.9, "30d", null, budgeting,
        budgeting == SloBudgeting.TIMESLICES ? new Timeslice(M5, 95) : null, null, null, null,
        new Sli(null, sli, null));
  }

  static PrometheusSli ratio(String good, String bad, String total) {
    return new PrometheusSli("main", good, bad, total, null, null, null, null, null);
  }

  Map<Duration, Optional<Events>> events(PrometheusSli sli) {
    PrometheusReading reading = PrometheusSliQueries.of(slo(SloBudgeting.OCCURRENCES, sli), LOOKBACKS)
        .read(client, source, NOW);
    assertThat(reading).isInstanceOf(Occurrences.class);
    return ((Occurrences) reading).events();
  }

  Map<Duration, Timeslices> slices(SloBudgeting budgeting, PrometheusSli sli) {
    PrometheusReading reading = PrometheusSliQueries.of(slo(budgeting, sli), LOOKBACKS).read(client, source, NOW);
    assertThat(reading).isInstanceOf(Slices.class);
    return ((Slices) reading).slices();
  }

  @Test
  void aRatioOfGoodOrBadOverTotalCountsTheEventsOfEachLookback() {
    // By hand: 100 requests a minute; failures 5 × 20 = 100 in the last 5 minutes, 55 × 2 = 110 in the 55 before,
    // 120 × 50 = 6,000 in the incident ten days ago.
    Map<Duration, Optional<Events>> expected = Map.of(
        M5, Optional.of(new Events(400, 500)),
        H1, Optional.of(new Events(6_000 - 210, 6_000)),
        H6, Optional.of(new Events(36_000 - 210, 36_000)),
        D1, Optional.of(new Events(144_000 - 210, 144_000)),
        D14, Optional.of(new Events(14 * 144_000 - 6_210, 14 * 144_000)),
        D21, Optional.of(new Events(21 * 144_000 - 6_210, 21 * 144_000)));
    assertThat(events(ratio(null, "http_requests_failed_total{job=\"api\"}", "http_requests_total{job=\"api\"}")))
        .isEqualTo(expected);
    assertThat(events(ratio("http_requests_good_total{job=\"api\"}", null, "http_requests_total{job=\"api\"}")))
        .as("the good counter says the same").isEqualTo(expected);
  }

  @Test
  void burnRatesOverTheWorkbooksLookbacksAreTheHandWorkedOnesAndTheFastBurnPages() throws Exception {
    BurnRatePolicy policy = BurnRatePolicy.defaults();
    long queriesBefore = prometheus.queriesServed();
    PrometheusReading reading = PrometheusSliQueries.of(slo(SloBudgeting.OCCURRENCES, ratio(null,
        "http_requests_failed_total{job=\"api\"}", "http_requests_total{job=\"api\"}")),
        List.copyOf(policy.lookbacks())).read(client, source, NOW);
    assertThat(prometheus.queriesServed() - queriesBefore).as("seven lookbacks, one request").isEqualTo(1);
    Map<Duration, BurnRate> rates = new HashMap<>();
    ((Occurrences) reading).events().forEach((lookback, events) -> rates.put(lookback,
        BurnRate.of(lookback, THREE_NINES, events.orElseThrow()).orElseThrow()));
    // (bad / total) / 0.001: 100 / 500 → 200; 150 / 3,000 → 50; 210 / 6,000 → 35; 210 / 12,000 → 17.5;
    // 210 / 36,000 → 5.833...; 210 / 144,000 → 1.458333...; 210 / 432,000 → 0.486111...
    assertThat(rates.get(M5).rate()).isEqualByComparingTo("200");
    assertThat(rates.get(Duration.ofMinutes(30)).rate()).isEqualByComparingTo("50");
    assertThat(rates.get(H1).rate()).isEqualByComparingTo("35");
    assertThat(rates.get(Duration.ofHours(2)).rate()).isEqualByComparingTo("17.5");
    assertThat(rates.get(H6).rate()).isCloseTo(new BigDecimal("5.8333333333333333"), within("1e-15"));
    assertThat(rates.get(D1).rate()).isCloseTo(new BigDecimal("1.4583333333333333"), within("1e-15"));
    assertThat(rates.get(Duration.ofDays(3)).rate()).isCloseTo(new BigDecimal("0.48611111111111111"),
        within("1e-15"));
    List<BurnRatePolicy.Rule> firing = policy.firing(rates, List.of());
    assertThat(firing).as("only 14.4 over 1h and 5m fires").containsExactly(policy.rules().getFirst());
    assertThat(BurnRatePolicy.response(firing)).contains(BurnRatePolicy.Response.PAGE);
  }

  private static Offset<BigDecimal> within(String value) {
    return Offset.offset(new BigDecimal(value));
  }

  @Test
  void aLatencySliCountsTheBucketAtTheThresholdOverTheCount() {
    PrometheusSli fast = new PrometheusSli("main", null, null, null, "http_request_duration_seconds{job=\"api\"}",
        Duration.ofMillis(300), null, null, null);
    // The 0.3 s bucket misses the failures and one more request a minute: 6,000 − 210 − 60 in the last hour.
    assertThat(events(fast).get(H1)).contains(new Events(5_730, 6_000));
    assertThat(events(fast).get(D14)).contains(new Events(14 * 144_000 - 6_210 - 14 * 1440, 14 * 144_000));
    PrometheusSli second = new PrometheusSli("main", null, null, null, "http_request_duration_seconds{job=\"api\"}",
        Duration.ofSeconds(1), null, null, null);
    assertThat(events(second).get(H1)).as("the bucket written le=\"1.0\"").contains(new Events(5_790, 6_000));
  }

  @Test
  void noSeriesIsNoDataAndACounterThatDoesNotMoveIsZeroTraffic() {
    Map<Duration, Optional<Events>> ghost = events(ratio(null, "http_requests_failed_total{job=\"ghost\"}",
        "http_requests_total{job=\"ghost\"}"));
    assertThat(ghost.values()).as("no data for any lookback").allMatch(Optional::isEmpty).hasSize(LOOKBACKS.size());
    Map<Duration, Optional<Events>> quiet = events(ratio(null, "http_requests_failed_total{job=\"quiet\"}",
        "http_requests_total{job=\"quiet\"}"));
    assertThat(quiet.get(H1)).as("zero traffic: the failure counter has no series, so none failed")
        .contains(new Events(0, 0));
    assertThat(BurnRate.of(H1, THREE_NINES, quiet.get(H1).orElseThrow())).isEmpty();
  }

  @Test
  void timeslicesOfARatioAreJudgedAgainstTheSliceObjective() {
    Map<Duration, Timeslices> slices = slices(SloBudgeting.TIMESLICES, ratio(null,
        "http_requests_failed_total{job=\"api\"}", "http_requests_total{job=\"api\"}"));
    BigDecimal objective = new BigDecimal("0.95");
    // Five-minute slices: the last (20 % failed) is bad, the 11 before it (2 %) good; the incident's 24 (50 %) bad.
    assertThat(slices.get(M5)).isEqualTo(new Timeslices(M5, objective, 0, 1, 0, 0));
    assertThat(slices.get(H1)).isEqualTo(new Timeslices(M5, objective, 11, 1, 0, 0));
    assertThat(slices.get(D14)).isEqualTo(new Timeslices(M5, objective, 4_032 - 25, 25, 0, 0));
    assertThat(slices.get(D21)).isEqualTo(new Timeslices(M5, objective, 6_048 - 25, 25, 0, 0));
    assertThat(BurnRate.of(H1, THREE_NINES, slices.get(H1)).orElseThrow().rate())
        .isCloseTo(new BigDecimal("83.333333333333333"), within("1e-12"));

    Map<Duration, Timeslices> quiet = slices(SloBudgeting.TIMESLICES, ratio(null,
        "http_requests_failed_total{job=\"quiet\"}", "http_requests_total{job=\"quiet\"}"));
    assertThat(quiet.get(H1)).as("slices without events").isEqualTo(new Timeslices(M5, objective, 0, 0, 0, 12));
    Map<Duration, Timeslices> ghost = slices(SloBudgeting.TIMESLICES, ratio(null,
        "http_requests_failed_total{job=\"ghost\"}", "http_requests_total{job=\"ghost\"}"));
    assertThat(ghost.get(H1)).as("slices without data").isEqualTo(new Timeslices(M5, objective, 0, 0, 12, 0));
  }

  @Test
  void aThresholdQueryJudgesEachSliceAndSlicesWithoutSamplesHaveNoData() {
    PrometheusSli queue = new PrometheusSli("main", null, null, null, null, null,
        "max_over_time(queue_depth{job=\"api\"}[4m])", 10.0, null);
    Map<Duration, Timeslices> slices = slices(SloBudgeting.TIMESLICES, queue);
    BigDecimal objective = new BigDecimal("0.95");
    // The incident's 120 minutes fill 24 slices; the hour without samples leaves 12 slices with no value at all.
    assertThat(slices.get(D14)).isEqualTo(new Timeslices(M5, objective, 4_032 - 24 - 12, 24, 12, 0));
    assertThat(slices.get(D1)).isEqualTo(new Timeslices(M5, objective, 288, 0, 0, 0));
    PrometheusSli deep = new PrometheusSli("main", null, null, null, null, null,
        "max_over_time(queue_depth{job=\"api\"}[4m])", null, 20.0);
    assertThat(slices(SloBudgeting.TIMESLICES, deep).get(D14)).as("good at least 20: only the incident's slices")
        .isEqualTo(new Timeslices(M5, objective, 24, 4_032 - 24 - 12, 12, 0));
  }

  @Test
  void aQueryThatDoesNotParseIsTheApisBadData() {
    PrometheusReading reading = PrometheusSliQueries.of(slo(SloBudgeting.OCCURRENCES,
        ratio(null, "http_requests_failed_total{job=\"api\"", "http_requests_total")), LOOKBACKS)
        .read(client, source, NOW);
    assertThat(reading).isInstanceOfSatisfying(PrometheusFailure.class, failure -> {
      assertThat(failure.cause()).isEqualTo(Cause.QUERY_ERROR);
      assertThat(failure.source()).isEqualTo("main");
      assertThat(failure.query()).contains("http_requests_failed_total{job=\"api\"[5m]");
      assertThat(failure.message()).contains("HTTP 400", "bad_data", "parse error");
    });
  }

  @Test
  void severalSeriesWhereOneNumberIsNeededAreNamed() {
    PrometheusAnswer answer = client.query(source, "http_requests_total", NOW);
    assertThat(answer).isInstanceOf(PrometheusAnswer.Vector.class);
    assertThat(((PrometheusAnswer.Vector) answer).oneNumber()).isInstanceOfSatisfying(PrometheusFailure.class,
        failure -> assertThat(failure.message()).contains("2 series where one number is needed", "job=\"api\"",
            "job=\"quiet\"", "sum("));
    PrometheusSli unsummed = new PrometheusSli("main", null, null, null, null, null,
        "increase(http_requests_total[5m])", null, null);
    assertThat(PrometheusSliQueries.of(slo(SloBudgeting.TIMESLICES, unsummed), LOOKBACKS).read(client, source, NOW))
        .isInstanceOfSatisfying(PrometheusFailure.class, failure -> {
          assertThat(failure.cause()).isEqualTo(Cause.UNEXPECTED_RESULT);
          assertThat(failure.query()).startsWith("count_over_time((increase(http_requests_total[5m]))");
          assertThat(failure.message()).contains("2 series", "job=\"quiet\"");
        });
    assertThat(((PrometheusAnswer.Vector) client.query(source, "sum(http_requests_total{job=\"quiet\"})", NOW))
        .oneNumber()).isInstanceOfSatisfying(PrometheusAnswer.Vector.class,
            one -> assertThat(one.value()).contains(7.0));
  }

  @Test
  void aClosedPortIsUnreachable() throws IOException {
    PrometheusSource closed = new PrometheusSource("down", "http://127.0.0.1:" + PrometheusServer.freePort(), null,
        null, null);
    PrometheusReading reading = PrometheusSliQueries.of(slo(SloBudgeting.OCCURRENCES,
        ratio(null, "errors_total", "requests_total")), LOOKBACKS).read(client, closed, NOW);
    assertThat(reading).isInstanceOfSatisfying(PrometheusFailure.class, failure -> {
      assertThat(failure.cause()).isEqualTo(Cause.UNREACHABLE);
      assertThat(failure.message()).startsWith("Prometheus source 'down' gave no number for label_replace(")
          .contains("could not reach 127.0.0.1:", "ConnectException");
    });
  }
}
