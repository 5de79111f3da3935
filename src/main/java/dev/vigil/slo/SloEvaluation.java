package dev.vigil.slo;

import dev.vigil.availability.Availability;
import dev.vigil.availability.Interval;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One SLO judged at an instant from one reading of its source: the budget over its window, the burn rate over each
 * lookback, when the budget runs out at the last hour's rate, and the burn-rate rules that fire.
 *
 * @param period the window as seen at the instant measured up to
 * @param budget the error budget over the window
 * @param burnRates the burn rate over each lookback that measured something, shortest first
 * @param exhaustion when the budget runs out if it keeps burning at the last hour's rate
 * @param firing the policy's rules that fire
 */
record SloEvaluation(SloPeriod period, ErrorBudget budget, Map<Duration, BurnRate> burnRates,
    Optional<Instant> exhaustion, List<BurnRatePolicy.Rule> firing) {

  /** The lookbacks every SLO shows a burn rate over, whatever its rules read. */
  static final List<Duration> LOOKBACKS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1),
      Duration.ofHours(2), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));

  /** The lookback whose rate is "the current rate" that the budget's end is foreseen at. */
  static final Duration CURRENT = Duration.ofHours(1);

  /** What a good share and a total of the same unit add up to over some time: events, slices, or seconds. */
  record Tally(BigDecimal good, BigDecimal total) {}

  /** The lookbacks read for {@code slo}: the shown ones and those its rules read. */
  static TreeSet<Duration> lookbacks(SloDefinition slo) {
    TreeSet<Duration> all = new TreeSet<>(LOOKBACKS);
    all.addAll(slo.policy().lookbacks());
    return all;
  }

  /** The span one reading must cover to judge {@code period} and every lookback ending at its instant. */
  static Interval span(SloDefinition slo, SloPeriod period) {
    Instant from = period.at().minus(lookbacks(slo).last());
    return new Interval(from.isBefore(period.whole().start()) ? from : period.whole().start(), period.at());
  }

  /** Judges {@code slo} over {@code period} from {@code reading}, which covers {@link #span}. */
  static SloEvaluation of(SloDefinition slo, SloPeriod period, SliReading reading,
      Collection<BurnRatePolicy.Rule> firedBefore) {
    ErrorBudget budget = budget(slo, period, reading);
    Map<Duration, BurnRate> rates = new LinkedHashMap<>();
    for (Duration lookback : lookbacks(slo)) {
      rate(slo, new Interval(period.at().minus(lookback), period.at()), reading)
          .ifPresent(rate -> rates.put(lookback, rate));
    }
    Optional<Instant> exhaustion = Optional.ofNullable(rates.get(CURRENT))
        .flatMap(rate -> rate.exhaustion(budget, period));
    return new SloEvaluation(period, budget, Map.copyOf(rates), exhaustion,
        slo.policy().firing(rates, firedBefore));
  }

  private static ErrorBudget budget(SloDefinition slo, SloPeriod period, SliReading reading) {
    Objective objective = slo.objective();
    return switch (reading) {
      case SliReading.Counted counted when slo.sliced() ->
          ErrorBudget.ofSlices(objective, period, slices(slo, counted, period.elapsed()));
      case SliReading.Counted counted -> counted.events(period.elapsed())
          .map(events -> ErrorBudget.ofEvents(objective, events)).orElseGet(() -> ErrorBudget.noData(objective));
      case SliReading.Summed summed -> summed.events(period.elapsed())
          .map(events -> ErrorBudget.ofEvents(objective, events)).orElseGet(() -> ErrorBudget.noData(objective));
      case SliReading.Judged judged -> ErrorBudget.ofSlices(objective, period, judged.slices(period.elapsed()));
      case SliReading.Timed timed -> ErrorBudget.ofTime(objective, period, timed.availability(period.elapsed()));
      case SliReading.Failed failed -> throw new IllegalArgumentException("a failed reading has no budget");
    };
  }

  private static Optional<BurnRate> rate(SloDefinition slo, Interval lookback, SliReading reading) {
    Duration length = lookback.duration();
    return switch (reading) {
      case SliReading.Counted counted when slo.sliced() ->
          BurnRate.of(length, slo.objective(), slices(slo, counted, lookback));
      case SliReading.Counted counted ->
          counted.events(lookback).flatMap(events -> BurnRate.of(length, slo.objective(), events));
      case SliReading.Summed summed ->
          summed.events(lookback).flatMap(events -> BurnRate.of(length, slo.objective(), events));
      case SliReading.Judged judged -> BurnRate.of(length, slo.objective(), judged.slices(lookback));
      case SliReading.Timed timed -> BurnRate.of(length, slo.objective(), timed.availability(lookback));
      case SliReading.Failed failed -> Optional.empty();
    };
  }

  /** The good and total of {@code over} alone, in the budget's unit: the history's step. */
  static Tally tally(SloDefinition slo, Interval over, SliReading reading) {
    return switch (reading) {
      case SliReading.Counted counted when slo.sliced() -> tally(slices(slo, counted, over));
      case SliReading.Counted counted -> tally(counted.events(over));
      case SliReading.Summed summed -> tally(summed.events(over));
      case SliReading.Judged judged -> tally(judged.slices(over));
      case SliReading.Timed timed -> {
        Availability availability = timed.availability(over);
        yield new Tally(Exact.seconds(availability.uptime()), Exact.seconds(availability.valid()));
      }
      case SliReading.Failed failed -> new Tally(BigDecimal.ZERO, BigDecimal.ZERO);
    };
  }

  private static Tally tally(Optional<Events> events) {
    return events.map(e -> new Tally(BigDecimal.valueOf(e.good()), BigDecimal.valueOf(e.total())))
        .orElse(new Tally(BigDecimal.ZERO, BigDecimal.ZERO));
  }

  private static Tally tally(Timeslices slices) {
    return new Tally(BigDecimal.valueOf(slices.good()), BigDecimal.valueOf(slices.judged()));
  }

  /** The slices of {@code over} judged against the SLO's slice objective. */
  static Timeslices slices(SloDefinition slo, SliReading.Counted counted, Interval over) {
    return Timeslices.judge(slo.timeslice().length(), sliceObjective(slo),
        counted.slices(over, slo.timeslice().length()));
  }

  private static BigDecimal sliceObjective(SloDefinition slo) {
    return BigDecimal.valueOf(slo.timeslice().objective()).movePointLeft(2);
  }
}
