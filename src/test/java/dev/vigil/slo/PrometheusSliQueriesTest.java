package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.vigil.catalog.Catalog.PrometheusSli;
import dev.vigil.catalog.Catalog.Sli;
import dev.vigil.catalog.Catalog.Slo;
import dev.vigil.catalog.Catalog.SloBudgeting;
import dev.vigil.catalog.Catalog.Timeslice;
import dev.vigil.slo.PrometheusAnswer.Series;
import dev.vigil.slo.PrometheusAnswer.Vector;
import dev.vigil.slo.PrometheusFailure.Cause;
import dev.vigil.slo.PrometheusReading.Occurrences;
import dev.vigil.slo.PrometheusReading.Slices;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The PromQL a Prometheus SLI sends, every lookback in one query, and how its tagged answer becomes events or judged
 * slices: no series is no data, zero is zero traffic, and anything that is not a count is a failure.
 */
class PrometheusSliQueriesTest {

  static final Duration M5 = Duration.ofMinutes(5);
  static final Duration H1 = Duration.ofHours(1);
  static final Instant AT = Instant.parse("2026-03-01T12:03:20.5Z");
  static final PrometheusSli BAD = new PrometheusSli("main", null, "errors_total{job=\"api\"}",
      "requests_total{job=\"api\"}", null, null, null, null, null);

  static Slo slo(SloBudgeting budgeting, Timeslice slice, PrometheusSli sli) {
    return new Slo("api", null, 99.9, "30d", null, budgeting, slice, null, null, null, new Sli(null, sli, null));
  }

  static PrometheusSliQueries occurrences(PrometheusSli sli) {
    return PrometheusSliQueries.of(slo(null, null, sli), List.of(M5, H1));
  }

  static Series tagged(String reading, double value) {
    return new Series(Map.of(PrometheusSliQueries.READING, reading), value);
  }

  static PrometheusReading read(PrometheusSliQueries queries, Series... series) {
    return queries.read(new Vector("main", queries.promql(), List.of(series)), AT);
  }

  @Test
  void aRatioAsksForEveryLookbacksIncreasesInOneTaggedQuery() {
    assertThat(occurrences(BAD).promql()).isEqualTo("""
        label_replace(sum(increase(errors_total{job="api"}[5m])), "vigil_reading", "good 5m", "", "")
        or
        label_replace(sum(increase(requests_total{job="api"}[5m])), "vigil_reading", "total 5m", "", "")
        or
        label_replace(sum(increase(errors_total{job="api"}[1h])), "vigil_reading", "good 1h", "", "")
        or
        label_replace(sum(increase(requests_total{job="api"}[1h])), "vigil_reading", "total 1h", "", "")""");
    assertThat(occurrences(BAD).evaluatedAt(AT)).isEqualTo(AT);
  }

  @Test
  void aLatencyAsksForTheBucketAtTheThresholdHoweverItsLeIsWritten() {
    PrometheusSliQueries fast = occurrences(new PrometheusSli("main", null, null, null,
        "http_duration_seconds{job=\"api\"}", Duration.ofMillis(300), null, null, null));
    assertThat(fast.part("good", M5))
        .isEqualTo("sum(increase(http_duration_seconds_bucket{job=\"api\", le=~\"0\\\\.30*\"}[5m]))");
    assertThat(fast.part("total", H1)).isEqualTo("sum(increase(http_duration_seconds_count{job=\"api\"}[1h]))");
    PrometheusSliQueries second = occurrences(new PrometheusSli("main", null, null, null, "http_duration_seconds",
        Duration.ofSeconds(2), null, null, null));
    assertThat(second.part("good", M5)).isEqualTo("sum(increase(http_duration_seconds_bucket{le=~\"2(\\\\.0*)?\"}[5m]))");
  }

  @Test
  void noTotalIsNoDataZeroIsZeroTrafficAndAMissingBadCounterCountsNone() {
    PrometheusReading reading = read(occurrences(BAD), tagged("good 5m", 3), tagged("total 5m", 400.4));
    assertThat(reading).isEqualTo(new Occurrences(AT, Map.of(M5, Optional.of(new Events(397, 400)),
        H1, Optional.empty())));
    assertThat(read(occurrences(BAD), tagged("total 5m", 0), tagged("total 1h", 120)))
        .isEqualTo(new Occurrences(AT, Map.of(M5, Optional.of(new Events(0, 0)),
            H1, Optional.of(new Events(120, 120)))));
  }

  @Test
  void whatIsNoCountIsAFailureNamingThePart() {
    assertThat(read(occurrences(BAD), tagged("total 5m", Double.NaN))).isInstanceOfSatisfying(
        PrometheusFailure.class, failure -> {
          assertThat(failure.query()).isEqualTo("sum(increase(requests_total{job=\"api\"}[5m]))");
          assertThat(failure.detail()).isEqualTo("counted NaN, which is no number of events or slices");
        });
    assertThat(read(occurrences(BAD), tagged("good 1h", 7), tagged("total 1h", 5)))
        .isInstanceOfSatisfying(PrometheusFailure.class, failure -> assertThat(failure.detail())
            .isEqualTo("counted 7 bad events over 1h but only 5 in all: do the queries count the same events?"));
    Series first = new Series(Map.of(PrometheusSliQueries.READING, "total 1h", "job", "a"), 1);
    Series second = new Series(Map.of(PrometheusSliQueries.READING, "total 1h", "job", "b"), 1);
    assertThat(read(occurrences(BAD), first, second)).isInstanceOfSatisfying(PrometheusFailure.class,
        failure -> assertThat(failure.cause()).isEqualTo(Cause.UNEXPECTED_RESULT));
    assertThat(read(occurrences(BAD), new Series(Map.of("job", "a"), 1))).isInstanceOfSatisfying(
        PrometheusFailure.class, failure -> assertThat(failure.detail())
            .isEqualTo("returned the series {job=\"a\"}, which is none of the counts asked for"));
  }

  @Test
  void timeslicesAreCountedWithSubqueriesOfWholeSlicesAtTheLastSlicesEnd() {
    PrometheusSliQueries queries = PrometheusSliQueries.of(slo(SloBudgeting.TIMESLICES,
        new Timeslice(M5, 95), BAD), List.of(H1));
    assertThat(queries.evaluatedAt(AT)).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    String share = "1 - (sum(increase(errors_total{job=\"api\"}[5m])) or vector(0))"
        + " / sum(increase(requests_total{job=\"api\"}[5m]))";
    assertThat(queries.part("data", H1)).isEqualTo("count_over_time((" + share + ")[3450s:5m])");
    assertThat(queries.part("good", H1))
        .isEqualTo("count_over_time((((" + share + ") == (" + share + ")) >= 0.95)[3450s:5m])");
    assertThat(queries.read(new Vector("main", queries.promql(), List.of(tagged("data 1h", 11),
        tagged("judged 1h", 10), tagged("good 1h", 9))), AT)).isEqualTo(new Slices(AT, Map.of(H1,
            new Timeslices(M5, new BigDecimal("0.95"), 9, 1, 1, 1))));
    assertThat(queries.read(new Vector("main", queries.promql(), List.of(tagged("data 1h", 13))), AT))
        .isInstanceOfSatisfying(PrometheusFailure.class, failure -> assertThat(failure.detail())
            .isEqualTo("counted 0 good of 0 judged of 13 slices with data over 1h, which holds 12"));
  }

  @Test
  void aQueryIsJudgedPerSliceByItsBounds() {
    PrometheusSli bounded = new PrometheusSli("main", null, null, null, null, null, "max(queue_depth)", 10.0, 2.5);
    PrometheusSliQueries queries = PrometheusSliQueries.of(slo(null, new Timeslice(Duration.ofMinutes(1), 0),
        bounded), List.of(Duration.ofSeconds(30)));
    assertThat(queries.part("good", Duration.ofSeconds(30))).as("a lookback shorter than a slice reads the last one")
        .isEqualTo("count_over_time((((max(queue_depth)) == (max(queue_depth))) <= 10 >= 2.5)[30s:1m])");
    PrometheusSli flag = new PrometheusSli("main", null, null, null, null, null, "up{job=\"api\"}", null, null);
    assertThat(PrometheusSliQueries.of(slo(null, new Timeslice(Duration.ofMinutes(1), 0), flag), List.of(H1))
        .part("good", H1)).isEqualTo("count_over_time((((up{job=\"api\"}) == (up{job=\"api\"})) != 0)[3570s:1m])");
    assertThatIllegalArgumentException().isThrownBy(() -> PrometheusSliQueries.of(slo(null, null, flag),
        List.of(H1))).withMessage("SLO 'api' is judged by time slices but declares no slice length");
  }

  @Test
  void anSliWithoutTheQueriesItNeedsIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> occurrences(new PrometheusSli("main", null, null,
        "requests_total", null, null, null, null, null)))
        .withMessage("SLO 'api' reads Prometheus but declares no good or bad query, histogram or timeslice query");
    assertThatIllegalArgumentException().isThrownBy(() -> occurrences(new PrometheusSli("main", "ok_total", null,
        null, null, null, null, null, null))).withMessage("SLO 'api' reads Prometheus but declares no total query");
    assertThatIllegalArgumentException().isThrownBy(() -> occurrences(new PrometheusSli("main", null, null, null,
        "http_duration_seconds", null, null, null, null)))
        .withMessage("SLO 'api' reads Prometheus but declares no latency threshold for its histogram");
  }

  @Test
  void durationsAreWrittenInTheirLargestWholeUnit() {
    assertThat(List.of(Duration.ofDays(30), Duration.ofHours(36), Duration.ofSeconds(90), Duration.ofMillis(1500))
        .stream().map(PrometheusSliQueries::duration)).containsExactly("30d", "36h", "90s", "1500ms");
  }
}
