package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.availability.Availability;
import dev.vigil.availability.Interval;
import dev.vigil.availability.TimeSet;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Burn rates over a lookback from events, slices and time, the share of a window's budget they spend, and when the
 * budget runs out at the rate: exactly at a window's end at rate 1.
 */
class BurnRateTest {

  static final Objective THREE_NINES = Objective.of("99.9");
  static final Duration HOUR = Duration.ofHours(1);
  static final Instant NOW = Instant.parse("2026-06-30T00:00:00Z");

  @Test
  void theRateIsTheBadShareOverTheBudgetsShare() {
    BurnRate rate = BurnRate.of(HOUR, THREE_NINES, new Events(9856, 10_000)).orElseThrow();
    assertThat(rate.rate()).isEqualByComparingTo("14.4");
    assertThat(rate.budgetSpent(Duration.ofDays(30))).as("2 % of a 30-day budget").isEqualByComparingTo("0.02");
    assertThat(BurnRate.of(HOUR, THREE_NINES, new Events(10_000, 10_000)).orElseThrow().rate()).isZero();
    assertThat(BurnRate.of(HOUR, THREE_NINES, new Events(0, 10)).orElseThrow().rate()).isEqualByComparingTo("1000");
  }

  @Test
  void withoutEventsSlicesOrTimeThereIsNoRate() {
    assertThat(BurnRate.of(HOUR, THREE_NINES, new Events(0, 0))).isEmpty();
    assertThat(BurnRate.of(HOUR, THREE_NINES, new Timeslices(Duration.ofMinutes(5), BigDecimal.ONE, 0, 0, 12, 0)))
        .isEmpty();
    Interval hour = new Interval(NOW.minus(HOUR), NOW);
    assertThat(BurnRate.of(HOUR, THREE_NINES, Availability.over(hour, TimeSet.of(), TimeSet.of(hour)))).isEmpty();
  }

  @Test
  void slicesAndTimeBurnByTheirBadShare() {
    Timeslices slices = new Timeslices(Duration.ofMinutes(5), BigDecimal.ONE, 9, 3, 0, 0);
    assertThat(BurnRate.of(HOUR, THREE_NINES, slices).orElseThrow().rate()).isEqualByComparingTo("250");
    Interval hour = new Interval(NOW.minus(HOUR), NOW);
    Availability sixSecondsDown = Availability.over(hour, TimeSet.of(new Interval(NOW.minusSeconds(6), NOW)),
        TimeSet.of(new Interval(hour.start(), hour.start().plus(Duration.ofMinutes(30)))));
    assertThat(BurnRate.of(HOUR, THREE_NINES, sixSecondsDown).orElseThrow().rate())
        .as("6 s of the 30 min that counted").isEqualByComparingTo("3.333333333333333333333333333333333");
  }

  @Test
  void aRateExceedsOnlyAFactorBelowIt() {
    BurnRate rate = new BurnRate(HOUR, new BigDecimal("14.4"));
    assertThat(rate.exceeds(new BigDecimal("14.4"))).isFalse();
    assertThat(rate.exceeds(new BigDecimal("14.39"))).isTrue();
  }

  @Test
  void theBudgetRunsOutWhenWhatIsLeftIsSpentAtTheRate() {
    SloPeriod days30 = SloWindow.parse("30d", null).containing(NOW);
    ErrorBudget half = ErrorBudget.ofEvents(THREE_NINES, new Events(999_500, 1_000_000));
    assertThat(new BurnRate(HOUR, BigDecimal.TWO).exhaustion(half, days30)).contains(NOW.plus(Duration.ofHours(180)));
    assertThat(new BurnRate(HOUR, BigDecimal.ZERO).exhaustion(half, days30)).as("nothing burns").isEmpty();
    ErrorBudget spent = ErrorBudget.ofEvents(THREE_NINES, new Events(998_000, 1_000_000));
    assertThat(new BurnRate(HOUR, BigDecimal.ZERO).exhaustion(spent, days30)).as("already out").contains(NOW);
    assertThat(new BurnRate(HOUR, BigDecimal.TEN).exhaustion(ErrorBudget.noData(THREE_NINES), days30)).isEmpty();
    assertThat(new BurnRate(HOUR, BigDecimal.TEN).exhaustion(ErrorBudget.ofEvents(THREE_NINES, new Events(0, 0)),
        days30)).isEmpty();
  }

  @Test
  void aCalendarWindowThatEndsBeforeTheBudgetRunsOutHasNoExhaustion() {
    SloPeriod march = SloWindow.parse("month", SloWindowTest.BERLIN).containing(SloWindowTest.berlin("2026-03-11T00:00"));
    ErrorBudget untouched = ErrorBudget.ofTime(THREE_NINES, march, Availability.over(march.elapsed(), TimeSet.of(),
        TimeSet.of()));
    assertThat(new BurnRate(HOUR, BigDecimal.ONE).exhaustion(untouched, march)).isEmpty();
    assertThat(new BurnRate(HOUR, BigDecimal.TWO).exhaustion(untouched, march))
        .as("743 h of budget at twice the pace: 371.5 h from now")
        .contains(SloWindowTest.berlin("2026-03-11T00:00").plus(Duration.ofMinutes(371 * 60 + 30)));
  }

  @Test
  void burningAtRate1FromTheStartRunsOutExactlyAtTheWindowsEnd() {
    List<ZoneId> zones = List.of(ZoneId.of("UTC"), SloWindowTest.BERLIN, ZoneId.of("America/New_York"),
        ZoneId.of("Australia/Lord_Howe"));
    SplittableRandom random = new SplittableRandom(20260312L);
    for (int i = 0; i < 1000; i++) {
      Objective objective = new Objective(BigDecimal.valueOf(random.nextLong(1, 1000), 1));
      SloWindow window = random.nextBoolean()
          ? new SloWindow.Calendar(SloWindow.Calendar.Unit.values()[random.nextInt(3)], zones.get(random.nextInt(4)))
          : new SloWindow.Rolling(random.nextInt(1, 100));
      SloPeriod period = window.containing(Instant.ofEpochSecond(random.nextLong(1_700_000_000L, 2_000_000_000L)));
      // Rate 1 since the window began: the objective's share of the elapsed time was down.
      Interval elapsed = period.elapsed();
      Duration down = objective.budgetOver(elapsed.duration());
      ErrorBudget budget = ErrorBudget.ofTime(objective, period, Availability.over(elapsed,
          TimeSet.of(new Interval(elapsed.start(), elapsed.start().plus(down))), TimeSet.of()));
      if (budget.state() != BudgetState.MEASURED) {
        continue;
      }
      BurnRate rate = BurnRate.of(elapsed.duration(), objective, Availability.over(elapsed,
          TimeSet.of(new Interval(elapsed.start(), elapsed.start().plus(down))), TimeSet.of())).orElseThrow();
      assertThat(rate.exhaustion(budget, period)).as("%s at %s, rate %s", window, period.at(), rate.rate())
          .contains(period.whole().end());
    }
  }
}
