package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.availability.Interval;
import dev.vigil.availability.TimeSet;
import dev.vigil.catalog.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A contract measured from its SLO reads the SLO's own source over the contract's period: events as their bad share
 * of the time measured, slices as bad slices times their length, time as itself; nothing measured is no figure.
 */
class SloContractAvailabilityTest {

  static final Instant MONTH = Instant.parse("2026-02-01T00:00:00Z");
  static final Interval FEBRUARY = new Interval(MONTH, Instant.parse("2026-03-01T00:00:00Z"));
  static final Instant TEN_HOURS_IN = MONTH.plus(Duration.ofHours(10));

  static SloDefinition slo(Catalog.SloBudgeting budgeting, Catalog.Timeslice slice) {
    return SloDefinitions.of(
        new Catalog.Service("api", null, "web", 1, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null),
        new Catalog.Slo("api-availability", null, 99.9, "month", null, budgeting, slice, null, List.of(), List.of(),
            new Catalog.Sli(new Catalog.ProbeSli("health", null), null, null)));
  }

  /** A source that has data up to {@code until} and answers {@code reading}. */
  static SliSource source(Instant until, SliReading reading) {
    return new SliSource() {
      @Override
      public boolean reads(Catalog.Sli sli) {
        return true;
      }

      @Override
      public Instant measuredUntil(SloDefinition slo, Instant now) {
        return until;
      }

      @Override
      public SliReading read(SloDefinition slo, Interval over) {
        assertThat(over).isEqualTo(new Interval(MONTH, until));
        return reading;
      }
    };
  }

  /** Ten hours of five-minute steps of 1,000 checks, {@code bad} of them failed in each of the first {@code n}. */
  static SliReading.Counted steps(int n, int bad) {
    List<SliReading.Step> steps = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      steps.add(new SliReading.Step(MONTH.plus(Duration.ofMinutes(5L * i)), new Events(i < n ? 1_000 - bad : 1_000,
          1_000)));
    }
    return new SliReading.Counted(steps);
  }

  @Test
  void eventsCountTheirBadShareOfTheTimeMeasured() {
    // 12 steps of 120 with 100 bad of 1,000: 1,200 of 120,000 events, 1 % of ten hours is six minutes.
    Optional<Duration> down = SloContractAvailability.downtime(slo(null, null), FEBRUARY,
        List.of(source(TEN_HOURS_IN, steps(12, 100))), TEN_HOURS_IN.plusSeconds(90));
    assertThat(down).contains(Duration.ofMinutes(6));
  }

  @Test
  void slicesCountTheBadOnesTimesTheirLength() {
    // Slices of one hour at 99 %: the first hour has 10 % bad in all twelve steps, the second hour 10 % in one step
    // of twelve (0.83 %, good); one bad slice of ten is one hour.
    List<SliReading.Step> steps = new ArrayList<>(steps(12, 100).steps());
    steps.set(12, new SliReading.Step(steps.get(12).start(), new Events(900, 1_000)));
    Optional<Duration> down = SloContractAvailability.downtime(
        slo(Catalog.SloBudgeting.TIMESLICES, new Catalog.Timeslice(Duration.ofHours(1), 99)), FEBRUARY,
        List.of(source(TEN_HOURS_IN, new SliReading.Counted(steps))), TEN_HOURS_IN);
    assertThat(down).contains(Duration.ofHours(1));
  }

  @Test
  void countsAPrometheusSourceSummedOverThePeriodCountLikeSteps() {
    // Summed by the source over the ten hours so far: 600 bad of 60,000 is 1 %, six minutes of ten hours.
    SliReading summed = new SliReading.Summed(TEN_HOURS_IN, java.util.Map.of(Duration.ofHours(10),
        Optional.of(new Events(59_400, 60_000))));
    assertThat(SloContractAvailability.downtime(slo(null, null), FEBRUARY, List.of(source(TEN_HOURS_IN, summed)),
        TEN_HOURS_IN)).contains(Duration.ofMinutes(6));
  }

  @Test
  void timeDownIsItself() {
    TimeSet down = TimeSet.of(new Interval(MONTH.plusSeconds(600), MONTH.plusSeconds(1_500)));
    Optional<Duration> measured = SloContractAvailability.downtime(slo(null, null), FEBRUARY,
        List.of(source(TEN_HOURS_IN, new SliReading.Timed(down, TimeSet.EMPTY))), TEN_HOURS_IN);
    assertThat(measured).contains(Duration.ofSeconds(900));
  }

  @Test
  void nothingMeasuredIsNoFigure() {
    assertThat(SloContractAvailability.downtime(slo(null, null), FEBRUARY,
        List.of(source(TEN_HOURS_IN, new SliReading.Failed("connection refused"))), TEN_HOURS_IN)).isEmpty();
    assertThat(SloContractAvailability.downtime(slo(null, null), FEBRUARY,
        List.of(source(TEN_HOURS_IN, new SliReading.Counted(List.of()))), TEN_HOURS_IN)).isEmpty();
    assertThat(SloContractAvailability.downtime(slo(null, null), FEBRUARY,
        List.of(source(MONTH.minusSeconds(1), steps(0, 0))), MONTH)).isEmpty();
    assertThat(SloContractAvailability.downtime(slo(null, null), FEBRUARY, List.of(), TEN_HOURS_IN)).isEmpty();
  }
}
