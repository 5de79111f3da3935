package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.availability.Availability;
import dev.vigil.availability.Interval;
import dev.vigil.availability.TimeSet;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Error budgets by occurrences, timeslices and time: exact totals, what was spent and what is left, the whole
 * period's budget for a period under way, and no data and zero traffic told apart and never read as a share.
 */
class ErrorBudgetTest {

  static final Objective THREE_NINES = Objective.of("99.9");
  static final Instant NOW = Instant.parse("2026-06-30T00:00:00Z");

  static BigDecimal decimal(String text) {
    return new BigDecimal(text);
  }

  @Test
  void anObjectiveIsADecimalPercentageBelow100() {
    assertThat(THREE_NINES.budgetRatio()).isEqualByComparingTo("0.001");
    assertThat(Objective.of(" 99.95 ").ratio()).isEqualByComparingTo("0.9995");
    assertThatThrownBy(() -> Objective.of("100")).hasMessage(
        "objective 100 is not a percentage above 0 and below 100 (100 would leave no error budget); use e.g. 99.9");
    assertThatThrownBy(() -> Objective.of("0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Objective.of("99,9")).hasMessage(
        "objective '99,9' is not a number; use a percentage such as 99.9");
  }

  @Test
  void byOccurrencesTheBudgetIsTheObjectivesShareOfTheEventsSoFar() {
    ErrorBudget budget = ErrorBudget.ofEvents(THREE_NINES, new Events(999_600, 1_000_000));
    assertThat(budget.state()).isEqualTo(BudgetState.MEASURED);
    assertThat(budget.indicator()).contains(decimal("0.9996"));
    assertThat(budget.total()).isEqualByComparingTo("1000");
    assertThat(budget.consumed()).isEqualByComparingTo("400");
    assertThat(budget.remaining()).isEqualByComparingTo("600");
    assertThat(budget.consumedShare()).contains(decimal("0.4"));
    assertThat(budget.remainingShare()).contains(decimal("0.6"));
    assertThat(budget.totalTime()).as("events have no length").isEmpty();
  }

  @Test
  void anOverspentBudgetHasLessThanNothingLeft() {
    ErrorBudget budget = ErrorBudget.ofEvents(THREE_NINES, new Events(995, 1000));
    assertThat(budget.remaining()).isEqualByComparingTo("-4");
    assertThat(budget.consumedShare()).contains(decimal("5"));
    assertThat(budget.remainingShare()).contains(decimal("-4"));
  }

  @Test
  void noDataAndZeroTrafficAreToldApartAndNeitherIsAShareOfTheBudget() {
    ErrorBudget quiet = ErrorBudget.ofEvents(THREE_NINES, new Events(0, 0));
    ErrorBudget unknown = ErrorBudget.noData(THREE_NINES);
    assertThat(quiet.state()).isEqualTo(BudgetState.ZERO_TRAFFIC);
    assertThat(unknown.state()).isEqualTo(BudgetState.NO_DATA);
    for (ErrorBudget budget : List.of(quiet, unknown)) {
      assertThat(budget.indicator()).isEmpty();
      assertThat(budget.consumedShare()).isEmpty();
      assertThat(budget.remainingShare()).isEmpty();
    }
    Timeslices idle = Timeslices.judge(Duration.ofMinutes(5), decimal("0.95"),
        List.of(Optional.of(new Events(0, 0)), Optional.empty()));
    SloPeriod month = SloWindow.parse("30d", null).containing(NOW);
    assertThat(ErrorBudget.ofSlices(THREE_NINES, month, idle).state()).isEqualTo(BudgetState.ZERO_TRAFFIC);
    Timeslices silent = Timeslices.judge(Duration.ofMinutes(5), decimal("0.95"), List.of(Optional.empty()));
    assertThat(ErrorBudget.ofSlices(THREE_NINES, month, silent).state()).isEqualTo(BudgetState.NO_DATA);
    assertThat(ErrorBudget.ofSlices(THREE_NINES, month, silent).remainingShare()).isEmpty();
    Availability unwatched = Availability.over(month.elapsed(), TimeSet.of(), TimeSet.of(month.elapsed()));
    ErrorBudget blind = ErrorBudget.ofTime(THREE_NINES, month, unwatched);
    assertThat(blind.state()).isEqualTo(BudgetState.NO_DATA);
    assertThat(blind.indicator()).isEmpty();
    assertThat(blind.remainingShare()).isEmpty();
  }

  @Test
  void aSliceIsGoodWhenItsShareOfGoodEventsReachesTheSliceObjective() {
    Timeslices slices = Timeslices.judge(Duration.ofMinutes(5), decimal("0.95"), List.of(
        Optional.of(new Events(95, 100)), Optional.of(new Events(94, 100)), Optional.of(new Events(1, 1)),
        Optional.of(new Events(0, 0)), Optional.empty(), Optional.empty()));
    assertThat(slices).isEqualTo(new Timeslices(Duration.ofMinutes(5), decimal("0.95"), 2, 1, 2, 1));
    assertThat(slices.judged()).isEqualTo(3);
    assertThat(slices.excluded()).isEqualTo(3);
    assertThatThrownBy(() -> new Timeslices(Duration.ZERO, decimal("0.95"), 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Timeslices(Duration.ofMinutes(1), decimal("1.5"), 0, 0, 0, 0)).hasMessage(
        "slice objective 1.5 is not a share above 0 and at most 1; use e.g. 0.95");
  }

  @Test
  void byTimeslicesTheBudgetIsTheWindowsSlicesLessThoseJudgedNeitherWay() {
    SloPeriod days30 = SloWindow.parse("30d", null).containing(NOW);
    ErrorBudget budget = ErrorBudget.ofSlices(THREE_NINES, days30,
        new Timeslices(Duration.ofMinutes(5), decimal("0.95"), 8000, 3, 10, 2));
    assertThat(budget.total()).as("(8640 - 12) slices × 0.001").isEqualByComparingTo("8.628");
    assertThat(budget.totalTime()).contains(Duration.ofSeconds(2588, 400_000_000));
    assertThat(budget.consumed()).isEqualByComparingTo("3");
    assertThat(budget.consumedTime()).contains(Duration.ofMinutes(15));
    assertThat(budget.remainingTime()).contains(Duration.ofSeconds(28 * 60 + 8, 400_000_000));
    assertThat(budget.indicator().orElseThrow()).isEqualByComparingTo(
        decimal("8000").divide(decimal("8003"), Exact.QUOTIENT));
  }

  @Test
  void byTimeACalendarMonthUnderWayHasTheWholeMonthsBudgetAndSpendsItFromItsStart() {
    SloPeriod march = SloWindow.parse("month", SloWindowTest.BERLIN).containing(SloWindowTest.berlin("2026-03-11T00:00"));
    Instant start = march.whole().start();
    TimeSet down = TimeSet.of(new Interval(start.plus(Duration.ofDays(2)), start.plus(Duration.ofDays(2))
        .plusSeconds(864)));
    ErrorBudget budget = ErrorBudget.ofTime(THREE_NINES, march, Availability.over(march.elapsed(), down, TimeSet.of()));
    assertThat(budget.totalTime()).as("743 h × 0.001").contains(Duration.ofSeconds(2674, 800_000_000));
    assertThat(budget.consumedTime()).contains(Duration.ofMinutes(14).plusSeconds(24));
    assertThat(budget.remainingTime()).contains(Duration.ofSeconds(1810, 800_000_000));
    assertThat(budget.indicator()).as("864 s down of 240 h").contains(decimal("0.999"));
  }

  @Test
  void timeWithoutDataOrUnderMaintenanceIsTakenOutOfTheBudget() {
    SloPeriod days30 = SloWindow.parse("30d", null).containing(NOW);
    TimeSet excluded = TimeSet.of(new Interval(NOW.minus(Duration.ofHours(10)), NOW));
    ErrorBudget budget = ErrorBudget.ofTime(THREE_NINES, days30, Availability.over(days30.elapsed(), TimeSet.of(),
        excluded));
    assertThat(budget.totalTime()).as("710 h × 0.001").contains(Duration.ofMinutes(42).plusSeconds(36));
    assertThat(budget.indicator()).contains(BigDecimal.ONE);
    assertThat(budget.remainingShare()).contains(BigDecimal.ONE);
  }

  @Test
  void consumedAndRemainingAlwaysAddUpToTheTotal() {
    SplittableRandom random = new SplittableRandom(20260310L);
    for (int i = 0; i < 2000; i++) {
      Objective objective = new Objective(BigDecimal.valueOf(random.nextLong(1, 1_000_000), 4));
      long total = random.nextLong(0, 10_000_000);
      ErrorBudget events = ErrorBudget.ofEvents(objective, new Events(random.nextLong(0, total + 1), total));
      assertThat(events.consumed().add(events.remaining())).as("%s", events).isEqualByComparingTo(events.total());
      events.consumedShare().ifPresent(consumed -> assertThat(consumed.add(events.remainingShare().orElseThrow()))
          .isEqualByComparingTo(BigDecimal.ONE));

      SloPeriod period = SloWindow.parse(random.nextInt(1, 400) + "d", null).containing(NOW);
      long slices = period.length().dividedBy(Duration.ofMinutes(5));
      long bad = random.nextLong(0, slices / 10 + 1);
      long none = random.nextLong(0, slices / 10 + 1);
      ErrorBudget sliced = ErrorBudget.ofSlices(objective, period,
          new Timeslices(Duration.ofMinutes(random.nextInt(1, 6)), BigDecimal.ONE, slices / 2, bad, none, 0));
      assertThat(sliced.consumedTime().orElseThrow().plus(sliced.remainingTime().orElseThrow()))
          .as("%s", sliced).isEqualTo(sliced.totalTime().orElseThrow());

      Interval elapsed = period.elapsed();
      Instant from = elapsed.start().plusNanos(random.nextLong(0, period.length().toNanos()));
      TimeSet down = TimeSet.of(Interval.between(from, from.plusNanos(random.nextLong(0, 86_400_000_000_000L))));
      ErrorBudget timed = ErrorBudget.ofTime(objective, period, Availability.over(elapsed, down, TimeSet.of()));
      assertThat(timed.consumedTime().orElseThrow().plus(timed.remainingTime().orElseThrow()))
          .as("%s", timed).isEqualTo(timed.totalTime().orElseThrow());
    }
  }

  @Test
  void burningAtTheObjectivesRateForTheWholeWindowSpendsTheBudgetExactly() {
    SplittableRandom random = new SplittableRandom(20260311L);
    for (int i = 0; i < 500; i++) {
      Objective objective = new Objective(BigDecimal.valueOf(random.nextLong(1, 1000), 1));
      long total = random.nextLong(1, 100_000) * 1000;
      long bad = objective.budgetRatio().multiply(BigDecimal.valueOf(total)).longValueExact();
      ErrorBudget events = ErrorBudget.ofEvents(objective, new Events(total - bad, total));
      assertThat(events.remaining()).as("%s", events).isEqualByComparingTo("0");

      SloPeriod period = SloWindow.parse(random.nextInt(1, 100) + "d", null).containing(NOW);
      Interval window = period.whole();
      Duration budget = objective.budgetOver(period.length());
      TimeSet down = TimeSet.of(new Interval(window.end().minus(budget), window.end()));
      ErrorBudget timed = ErrorBudget.ofTime(objective, period, Availability.over(window, down, TimeSet.of()));
      assertThat(timed.remainingTime()).as("%s", timed).contains(Duration.ZERO);
      assertThat(timed.remainingShare().orElseThrow()).isEqualByComparingTo("0");
    }
  }
}
