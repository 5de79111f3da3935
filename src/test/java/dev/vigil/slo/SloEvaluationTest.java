package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.vigil.availability.Interval;
import dev.vigil.catalog.Catalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One SLO judged from one reading: no data and zero traffic told apart, the burn rates of each lookback, and events a
 * source summed per interval.
 */
class SloEvaluationTest {

  static final Instant AT = Instant.parse("2026-03-11T00:00:00Z");

  final SloDefinition slo = SloDefinitions.of(
      new Catalog.Service("checkout", null, "payments", 1, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, null, null, null),
      new Catalog.Slo("availability", null, 99.9, "30d", null, null, null, null, List.of(), List.of(),
          new Catalog.Sli(new Catalog.ProbeSli("health", null), null, null)));

  @Test
  void stepsHeardWithoutEventsAreZeroTrafficAndNoStepsAtAllNoData() {
    SloPeriod period = slo.window().containing(AT);
    SloEvaluation quiet = SloEvaluation.of(slo, period,
        new SliReading.Counted(List.of(new SliReading.Step(AT.minus(Duration.ofMinutes(5)), new Events(0, 0)))),
        List.of());
    SloEvaluation blind = SloEvaluation.of(slo, period, new SliReading.Counted(List.of()), List.of());

    assertThat(quiet.budget().state()).isEqualTo(BudgetState.ZERO_TRAFFIC);
    assertThat(blind.budget().state()).isEqualTo(BudgetState.NO_DATA);
    for (SloEvaluation e : List.of(quiet, blind)) {
      assertThat(e.budget().indicator()).isEmpty();
      assertThat(e.budget().consumedShare()).isEmpty();
      assertThat(e.burnRates()).isEmpty();
      assertThat(e.firing()).isEmpty();
    }
  }

  @Test
  void eachLookbackReadsOnlyItsOwnSteps() {
    // 10,000 events every five minutes; 144 bad in each of the last hour's twelve: 14.4 over 5m and 1h, 2.4 over 6h.
    List<SliReading.Step> steps = new java.util.ArrayList<>();
    for (int i = 1; i <= 72; i++) {
      steps.add(new SliReading.Step(AT.minus(Duration.ofMinutes(5L * i)), new Events(i <= 12 ? 9_856 : 10_000,
          10_000)));
    }
    SloEvaluation e = SloEvaluation.of(slo, slo.window().containing(AT), new SliReading.Counted(steps), List.of());
    assertThat(e.burnRates().get(Duration.ofMinutes(5)).rate()).isEqualByComparingTo("14.4");
    assertThat(e.burnRates().get(Duration.ofHours(1)).rate()).isEqualByComparingTo("14.4");
    assertThat(e.burnRates().get(Duration.ofHours(6)).rate()).isEqualByComparingTo("2.4");
    // 14.4 exactly does not exceed 14.4; the 3d lookback holds only the six hours read, at 2.4 like 6h: above 1.
    assertThat(e.firing()).extracting(BurnRatePolicy.Rule::factor).containsExactly(BigDecimal.ONE);
    assertThat(e.budget().consumed()).isEqualByComparingTo(BigDecimal.valueOf(12 * 144));
    assertThat(SloEvaluator.dailyRetention(slo, AT)).isEqualTo(AT.atZone(ZoneOffset.UTC).minusMonths(13).toInstant());
  }

  @Test
  void eventsSummedBySourceAreReadPerIntervalAndOnlyThoseSummed() {
    SloPeriod period = slo.window().containing(AT);
    Map<Duration, Optional<Events>> sums = new HashMap<>();
    for (Interval interval : SloEvaluator.intervals(slo, period)) {
      sums.put(interval.duration(), Optional.of(new Events(1_000_000, 1_000_000)));
    }
    // The last hour: 200 of 10,000 bad, a burn rate of 20; its last five minutes 100 of 1,000, 100.
    sums.put(Duration.ofHours(1), Optional.of(new Events(9_800, 10_000)));
    sums.put(Duration.ofMinutes(5), Optional.of(new Events(900, 1_000)));
    sums.put(Duration.ofDays(30), Optional.of(new Events(9_000, 10_000)));
    SliReading.Summed reading = new SliReading.Summed(AT, sums);

    SloEvaluation e = SloEvaluation.of(slo, period, reading, List.of());
    assertThat(SloEvaluator.intervals(slo, period)).extracting(Interval::duration)
        .as("the window, the seven lookbacks, the step and the day (the window and the 3d lookback apart)")
        .contains(Duration.ofDays(30), Duration.ofDays(3), Duration.ofMinutes(5), Duration.ofDays(1));
    assertThat(e.budget().consumed()).isEqualByComparingTo("1000");
    assertThat(e.burnRates().get(Duration.ofHours(1)).rate()).isEqualByComparingTo("20");
    assertThat(e.burnRates().get(Duration.ofMinutes(5)).rate()).isEqualByComparingTo("100");
    assertThat(e.firing()).extracting(BurnRatePolicy.Rule::factor).containsExactly(new BigDecimal("14.4"));
    assertThat(SloEvaluation.tally(slo, new Interval(AT.minus(Duration.ofMinutes(5)), AT),
        reading)).isEqualTo(new SloEvaluation.Tally(BigDecimal.valueOf(900), BigDecimal.valueOf(1_000)));
    assertThatIllegalArgumentException().isThrownBy(() -> reading.events(
        new Interval(AT.minus(Duration.ofMinutes(7)), AT)))
        .withMessageContaining("the source summed");
  }

  @Test
  void aStepThatHasEndedIsWhatWasSummedSinceItsStartLessWhatCameAfterIt() {
    Instant at = AT.plus(Duration.ofMinutes(3));
    assertThat(SloEvaluator.intervals(slo, slo.window().containing(at))).extracting(Interval::duration)
        .as("since the start of the step and of the day before those under way")
        .contains(Duration.ofMinutes(8), Duration.ofDays(1).plusMinutes(3));
    Interval before = new Interval(AT.minus(Duration.ofMinutes(5)), AT);
    SliReading.Summed summed = new SliReading.Summed(at, Map.of(Duration.ofMinutes(8),
        Optional.of(new Events(780, 800)), Duration.ofMinutes(3), Optional.of(new Events(290, 300))));
    assertThat(SloEvaluator.whole(slo, before, summed, at))
        .contains(new SloEvaluation.Tally(BigDecimal.valueOf(490), BigDecimal.valueOf(500)));

    // Each sum extrapolates on its own: their difference never goes below zero nor has more good than total.
    SliReading.Summed crossing = new SliReading.Summed(at, Map.of(Duration.ofMinutes(8),
        Optional.of(new Events(299, 299)), Duration.ofMinutes(3), Optional.of(new Events(0, 300))));
    assertThat(SloEvaluator.whole(slo, before, crossing, at))
        .contains(new SloEvaluation.Tally(BigDecimal.ZERO, BigDecimal.ZERO));
    // Nothing summed since the step's end yet: the point keeps what it had rather than the sum since its start.
    SliReading.Summed early = new SliReading.Summed(at, Map.of(Duration.ofMinutes(8),
        Optional.of(new Events(780, 800)), Duration.ofMinutes(3), Optional.empty()));
    assertThat(SloEvaluator.whole(slo, before, early, at)).isEmpty();
    assertThat(SloEvaluator.whole(slo, before, new SliReading.Counted(List.of()), at))
        .as("a source read step by step reads each step whole when it ends").isEmpty();
  }
}
