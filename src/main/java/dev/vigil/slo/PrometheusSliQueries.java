package dev.vigil.slo;

import dev.vigil.catalog.Catalog.PrometheusSli;
import dev.vigil.catalog.Catalog.PrometheusSource;
import dev.vigil.catalog.Catalog.Sli;
import dev.vigil.catalog.Catalog.Slo;
import dev.vigil.catalog.Catalog.SloBudgeting;
import dev.vigil.catalog.Catalog.Timeslice;
import dev.vigil.slo.PrometheusAnswer.Series;
import dev.vigil.slo.PrometheusFailure.Cause;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The PromQL that reads a Prometheus SLI over several lookbacks at once, and its answer as {@link Events} or
 * {@link Timeslices}. One SLO's evaluation is one instant query: each lookback's counts are tagged with a
 * {@value #READING} label and joined with {@code or}, so a cycle costs one HTTP request per SLO whatever the number
 * of lookbacks, and each count is exactly what its own query would have returned.
 *
 * <p>Occurrences are {@code sum(increase(selector[w]))} of the good (or bad) and total counters, or of a histogram's
 * bucket at the threshold and its count. No total series is no data; a total of zero is zero traffic; a good or bad
 * counter without series while the total has some counts zero, as such counters are often created by their first
 * event. Time slices are counted with subqueries at the slice length, aligned to it: a slice with no value has no
 * data, one whose value is NaN (no events in a ratio) has no traffic. See docs/slo.md.
 */
final class PrometheusSliQueries {

  /** The label that names which count of which lookback a series of the batched answer is. */
  static final String READING = "vigil_reading";

  private final PrometheusSli sli;
  private final Duration slice;
  private final BigDecimal sliceObjective;
  private final List<Duration> lookbacks;
  private final Map<String, String> parts = new LinkedHashMap<>();

  private PrometheusSliQueries(PrometheusSli sli, Duration slice, BigDecimal sliceObjective,
      List<Duration> lookbacks) {
    this.sli = sli;
    this.slice = slice;
    this.sliceObjective = sliceObjective;
    this.lookbacks = List.copyOf(new LinkedHashSet<>(lookbacks));
    for (Duration lookback : this.lookbacks) {
      if (lookback.toMillis() <= 0) {
        throw new IllegalArgumentException("a lookback lasts at least a millisecond, got " + lookback);
      }
      if (slice == null) {
        parts.put(key("good", lookback), numerator(lookback));
        parts.put(key("total", lookback), "sum(increase(" + total() + "[" + duration(lookback) + "]))");
      } else {
        String range = "[" + duration(sliceRange(lookback)) + ":" + duration(slice) + "]";
        parts.put(key("data", lookback), "count_over_time((" + sliceValue() + ")" + range + ")");
        parts.put(key("judged", lookback), "count_over_time((" + numeric() + ")" + range + ")");
        parts.put(key("good", lookback), "count_over_time((" + goodSlice() + ")" + range + ")");
      }
    }
  }

  /**
   * The queries of {@code slo}'s Prometheus SLI over {@code lookbacks}: by time slices when the SLO budgets by them or
   * its SLI is a query judged per slice, else by occurrences. Refuses an SLO whose SLI is not Prometheus's, lacks a
   * query it needs, or needs a slice length it does not declare.
   */
  static PrometheusSliQueries of(Slo slo, List<Duration> lookbacks) {
    return of(slo.name(), slo.sli(), slo.budgetingOrDefault(), slo.timeslice(), lookbacks);
  }

  /** The queries of an SLO as {@link #of(Slo, List)}, from its parts as evaluation holds them. */
  static PrometheusSliQueries of(SloDefinition slo, List<Duration> lookbacks) {
    return of(slo.name(), slo.sli(), slo.budgeting(), slo.timeslice(), lookbacks);
  }

  private static PrometheusSliQueries of(String name, Sli declared, SloBudgeting budgeting, Timeslice timeslice,
      List<Duration> lookbacks) {
    PrometheusSli sli = declared == null ? null : declared.prometheus();
    if (sli == null) {
      throw new IllegalArgumentException("SLO '" + name + "' does not read its SLI from Prometheus");
    }
    String missing = sli.query() != null ? null
        : sli.histogram() != null ? (sli.latencyBelow() == null ? "latency threshold for its histogram" : null)
        : sli.good() == null && sli.bad() == null ? "good or bad query, histogram or timeslice query"
        : sli.total() == null ? "total query" : null;
    if (missing != null) {
      throw new IllegalArgumentException("SLO '" + name + "' reads Prometheus but declares no " + missing);
    }
    boolean sliced = budgeting == SloBudgeting.TIMESLICES || sli.query() != null;
    if (!sliced) {
      return new PrometheusSliQueries(sli, null, null, lookbacks);
    }
    if (timeslice == null || timeslice.length() == null || !timeslice.length().isPositive()) {
      throw new IllegalArgumentException("SLO '" + name + "' is judged by time slices but declares no slice"
          + " length");
    }
    double percent = timeslice.objective();
    // A query judged by its own bounds has no share to reach; the record still wants one, and 1 says "all of it".
    BigDecimal objective = percent > 0 && percent <= 100
        ? BigDecimal.valueOf(percent).movePointLeft(2).stripTrailingZeros()
        : BigDecimal.ONE;
    return new PrometheusSliQueries(sli, timeslice.length(), objective, lookbacks);
  }

  /** Reads the SLI from {@code source} at {@code at}: one request, whatever the number of lookbacks. */
  PrometheusReading read(PrometheusClient client, PrometheusSource source, Instant at) {
    Instant evaluated = evaluatedAt(at);
    return read(client.query(source, promql(), evaluated), evaluated);
  }

  /**
   * The instant the query is evaluated at: {@code at} to the millisecond for occurrences; for slices the end of the
   * last whole slice, so that every lookback holds whole slices aligned as Prometheus aligns a subquery's steps.
   */
  Instant evaluatedAt(Instant at) {
    long millis = at.toEpochMilli();
    return Instant.ofEpochMilli(slice == null ? millis : Math.floorDiv(millis, slice.toMillis()) * slice.toMillis());
  }

  /** The one query sent: every count of every lookback, each tagged with the {@value #READING} label. */
  String promql() {
    return parts.entrySet().stream()
        .map(e -> "label_replace(" + e.getValue() + ", \"" + READING + "\", \"" + e.getKey() + "\", \"\", \"\")")
        .collect(Collectors.joining("\nor\n"));
  }

  /** The expression of one count of one lookback, as tagged in {@link #promql()}: for tests and messages. */
  String part(String count, Duration lookback) {
    return parts.get(key(count, lookback));
  }

  /** The answer to {@link #promql()} evaluated at {@code at}, as events or slices per lookback, or the failure. */
  PrometheusReading read(PrometheusAnswer answer, Instant at) {
    if (!(answer instanceof PrometheusAnswer.Vector vector)) {
      return (PrometheusFailure) answer;
    }
    Map<String, List<Series>> byKey = new LinkedHashMap<>();
    for (Series series : vector.series()) {
      String key = series.labels().get(READING);
      if (key == null || !parts.containsKey(key)) {
        return unexpected(vector, "returned the series " + series.describe() + ", which is none of the counts asked"
            + " for");
      }
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(series);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Map.Entry<String, List<Series>> e : byKey.entrySet()) {
      if (e.getValue().size() > 1) {
        return PrometheusAnswer.several(vector.source(), parts.get(e.getKey()), e.getValue());
      }
      double value = e.getValue().getFirst().value();
      if (!Double.isFinite(value) || value < 0) {
        return new PrometheusFailure(vector.source(), parts.get(e.getKey()), Cause.UNEXPECTED_RESULT, "counted "
            + value + ", which is no number of events or slices");
      }
      // increase() may extrapolate to a fraction of an event (docs/slo.md): counts are whole, to the nearest one.
      counts.put(e.getKey(), Math.round(value));
    }
    return slice == null ? occurrences(vector, counts, at) : slices(vector, counts, at);
  }

  private PrometheusReading occurrences(PrometheusAnswer.Vector vector, Map<String, Long> counts, Instant at) {
    Map<Duration, Optional<Events>> events = new LinkedHashMap<>();
    for (Duration lookback : lookbacks) {
      Long total = counts.get(key("total", lookback));
      if (total == null) {
        events.put(lookback, Optional.empty());
        continue;
      }
      long counted = counts.getOrDefault(key("good", lookback), 0L);
      if (counted > total) {
        return unexpected(vector, "counted " + counted + (sli.good() == null && sli.histogram() == null ? " bad" :
            " good") + " events over " + duration(lookback) + " but only " + total + " in all: do the queries"
            + " count the same events?");
      }
      long good = sli.bad() != null && sli.good() == null ? total - counted : counted;
      events.put(lookback, Optional.of(new Events(good, total)));
    }
    return new PrometheusReading.Occurrences(at, events);
  }

  private PrometheusReading slices(PrometheusAnswer.Vector vector, Map<String, Long> counts, Instant at) {
    Map<Duration, Timeslices> slices = new LinkedHashMap<>();
    for (Duration lookback : lookbacks) {
      long expected = sliceCount(lookback);
      long data = counts.getOrDefault(key("data", lookback), 0L);
      long judged = counts.getOrDefault(key("judged", lookback), 0L);
      long good = counts.getOrDefault(key("good", lookback), 0L);
      if (data > expected || judged > data || good > judged) {
        return unexpected(vector, "counted " + good + " good of " + judged + " judged of " + data + " slices with"
            + " data over " + duration(lookback) + ", which holds " + expected);
      }
      slices.put(lookback, new Timeslices(slice, sliceObjective, good, judged - good, expected - data,
          data - judged));
    }
    return new PrometheusReading.Slices(at, slices);
  }

  private PrometheusFailure unexpected(PrometheusAnswer.Vector vector, String detail) {
    return new PrometheusFailure(vector.source(), vector.query(), Cause.UNEXPECTED_RESULT, detail);
  }

  /** The whole slices a lookback holds, at least the last one. */
  private long sliceCount(Duration lookback) {
    return Math.max(1, lookback.toMillis() / slice.toMillis());
  }

  /**
   * The subquery's range: half a slice short of the slices it holds, so that it takes exactly their ends whether the
   * source's ranges include their start (Prometheus 2) or not (Prometheus 3, Thanos).
   */
  private Duration sliceRange(Duration lookback) {
    return slice.multipliedBy(sliceCount(lookback)).minus(slice.dividedBy(2));
  }

  private String numerator(Duration lookback) {
    String selector = sli.histogram() != null ? bucket() : sli.good() != null ? sli.good() : sli.bad();
    return "sum(increase(" + selector + "[" + duration(lookback) + "]))";
  }

  private String total() {
    return sli.histogram() != null ? histogramSeries("_count", "") : sli.total();
  }

  /** The histogram's bucket at the latency threshold, in seconds, however its {@code le} label writes the number. */
  private String bucket() {
    String seconds = Exact.seconds(sli.latencyBelow()).stripTrailingZeros().toPlainString();
    String pattern = seconds.contains(".") ? seconds.replace(".", "\\\\.") + "0*" : seconds + "(\\\\.0*)?";
    return histogramSeries("_bucket", "le=~\"" + pattern + "\"");
  }

  /** The histogram's series of this suffix, with its own matchers and {@code extra}. */
  private String histogramSeries(String suffix, String extra) {
    String histogram = sli.histogram().strip();
    int brace = histogram.indexOf('{');
    String name = brace < 0 ? histogram : histogram.substring(0, brace);
    String matchers = brace < 0 ? "" : histogram.substring(brace + 1, histogram.lastIndexOf('}')).strip();
    String all = matchers.isEmpty() ? extra : extra.isEmpty() ? matchers : matchers + ", " + extra;
    return name + suffix + "{" + all + "}";
  }

  /**
   * A slice's value: the SLI's own query, or the good share of the slice's events (a good or bad counter that has
   * no series counting zero), NaN when it had none.
   */
  private String sliceValue() {
    if (sli.query() != null) {
      return sli.query().strip();
    }
    String range = "[" + duration(slice) + "]";
    String counted = "(sum(increase(" + (sli.histogram() != null ? bucket() : sli.good() != null ? sli.good()
        : sli.bad()) + range + ")) or vector(0))";
    String share = counted + " / sum(increase(" + total() + range + "))";
    return sli.bad() != null && sli.good() == null && sli.histogram() == null ? "1 - " + share : share;
  }

  /** The slice's value where it is a number: NaN is not equal to itself, so comparing drops it. */
  private String numeric() {
    return "(" + sliceValue() + ") == (" + sliceValue() + ")";
  }

  /** The slice's value where it is good: within the query's bounds, non-zero without any, or the slice objective. */
  private String goodSlice() {
    String judged = "(" + numeric() + ")";
    if (sli.query() == null) {
      return judged + " >= " + sliceObjective.toPlainString();
    }
    if (sli.goodAtMost() == null && sli.goodAtLeast() == null) {
      return judged + " != 0";
    }
    return judged + (sli.goodAtMost() == null ? "" : " <= " + number(sli.goodAtMost()))
        + (sli.goodAtLeast() == null ? "" : " >= " + number(sli.goodAtLeast()));
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String key(String count, Duration lookback) {
    return count + " " + duration(lookback);
  }

  /** A duration as PromQL writes it, in its largest whole unit: 30d, 1h, 90s, 1500ms. */
  static String duration(Duration d) {
    long millis = d.toMillis();
    for (Map.Entry<Long, String> unit : List.of(Map.entry(86_400_000L, "d"), Map.entry(3_600_000L, "h"),
        Map.entry(60_000L, "m"), Map.entry(1_000L, "s"))) {
      if (millis % unit.getKey() == 0) {
        return millis / unit.getKey() + unit.getValue();
      }
    }
    return millis + "ms";
  }
}
