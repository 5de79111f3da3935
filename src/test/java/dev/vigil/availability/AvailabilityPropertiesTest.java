package dev.vigil.availability;

import static dev.vigil.availability.RandomTime.ZONES;
import static dev.vigil.availability.RandomTime.anySet;
import static dev.vigil.availability.RandomTime.anyWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * For random down and excluded time to the nanosecond: availability is a share between 0 and 1 of the time that
 * counts, a window split in two adds up exactly to the whole, and a breakdown per calendar period in any time zone
 * sums to the total, unknown time around a window changes neither its figure nor the period it covers, and that
 * period runs from the first instant that counts to the last; each property also rejects a deliberately broken
 * calculator.
 */
class AvailabilityPropertiesTest {

  /** The calculator under test, overridden by the broken variants. */
  static class Calculator {
    Availability over(Interval window, TimeSet down, TimeSet excluded) {
      return Availability.over(window, down, excluded);
    }

    List<PeriodAvailability> per(CalendarPeriod period, LocalDate first, LocalDate last, ZoneId zone, TimeSet down,
        TimeSet excluded) {
      return Availability.per(period, first, last, zone, down, excluded);
    }

    Optional<Interval> covered(Interval window, TimeSet excluded) {
      return Availability.covered(window, excluded);
    }
  }

  static final Calculator REAL = new Calculator();

  static final Seeds.Property<Calculator> A_SHARE_OF_THE_TIME_THAT_COUNTS = (calculator, random) -> {
    Interval window = anyWindow(random, 10);
    TimeSet down = anySet(random, 8, 10);
    TimeSet excluded = anySet(random, 4, 10);
    Availability a = calculator.over(window, down, excluded);
    String why = "down " + down + ", excluded " + excluded + " over " + window;
    assertThat(a.excluded()).as(why).isEqualTo(excluded.durationWithin(window));
    assertThat(a.valid()).as(why).isEqualTo(TimeSet.of(window).minus(excluded).duration());
    assertThat(a.downtime()).as(why).isEqualTo(down.clippedTo(window).minus(excluded).duration());
    assertThat(a.uptime().isNegative()).as("negative up time: " + why).isFalse();
    assertThat(a.uptime().plus(a.downtime()).plus(a.excluded())).as(why).isEqualTo(window.duration());
    a.ratio().ifPresent(r -> assertThat(r).as(why).isBetween(0.0, 1.0));
    assertThat(a.ratio().isPresent()).as(why).isEqualTo(a.valid().toMillis() > 0);
    if (a.percent() != null) {
      assertThat(a.percent()).as(why).isCloseTo(100 * a.ratio().orElseThrow(), Offset.offset(1e-9));
    }
  };

  static final Seeds.Property<Calculator> SPLIT_WINDOW_IS_THE_WEIGHTED_SUM = (calculator, random) -> {
    Interval window = anyWindow(random, 10);
    Instant middle = window.start().plusNanos(random.nextLong(window.duration().toNanos() + 1));
    TimeSet down = anySet(random, 8, 10);
    TimeSet excluded = anySet(random, 4, 10);
    Availability whole = calculator.over(window, down, excluded);
    Availability first = calculator.over(new Interval(window.start(), middle), down, excluded);
    Availability second = calculator.over(new Interval(middle, window.end()), down, excluded);
    String why = window + " split at " + middle + ", down " + down + ", excluded " + excluded;
    assertThat(first.plus(second)).as(why).isEqualTo(whole);
    long valid = whole.valid().toNanos();
    if (valid > 0) {
      double weighted = (exactRatio(first) * first.valid().toNanos() + exactRatio(second) * second.valid().toNanos())
          / valid;
      assertThat(exactRatio(whole)).as(why).isCloseTo(weighted, Offset.offset(1e-12));
    }
  };

  static final Seeds.Property<Calculator> PERIODS_SUM_TO_THE_TOTAL = (calculator, random) -> {
    ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
    CalendarPeriod period = CalendarPeriod.values()[random.nextInt(CalendarPeriod.values().length)];
    LocalDate first = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365));
    LocalDate last = first.plusDays(random.nextInt(period == CalendarPeriod.DAY ? 60 : 400));
    TimeSet down = anySet(random, 20, 500);
    TimeSet excluded = anySet(random, 10, 500);
    List<PeriodAvailability> parts = calculator.per(period, first, last, zone, down, excluded);
    String why = period + " from " + first + " to " + last + " in " + zone;
    Interval whole = new Interval(period.window(first, zone).start(), period.window(last, zone).end());
    assertThat(parts).as(why).isNotEmpty();
    Availability sum = null;
    for (PeriodAvailability part : parts) {
      assertThat(part.availability().window().start()).as("%s starts at midnight in its zone: %s", part, why)
          .isEqualTo(part.firstDay().atStartOfDay(zone).toInstant());
      sum = sum == null ? part.availability() : sum.plus(part.availability());
    }
    assertThat(sum).as(why).isEqualTo(Availability.over(whole, down, excluded));
  };

  static final Seeds.Property<Calculator> UNKNOWN_TIME_IS_NEITHER_UP_NOR_DOWN = (calculator, random) -> {
    Interval window = anyWindow(random, 10);
    TimeSet down = anySet(random, 8, 10);
    TimeSet unknown = anySet(random, 4, 10);
    // The same window with unknown time before and after it, some of it with down time recorded too.
    Interval wider = new Interval(window.start().minusNanos(random.nextLong(Duration.ofDays(3).toNanos())),
        window.end().plusNanos(random.nextLong(Duration.ofDays(3).toNanos())));
    TimeSet added = TimeSet.of(wider).minus(TimeSet.of(window));
    TimeSet downInAdded = anySet(random, 4, 16).intersection(added);
    Availability a = calculator.over(window, down, unknown);
    Availability widened = calculator.over(wider, down.union(downInAdded), unknown.union(added));
    String why = "down " + down + ", unknown " + unknown + " over " + window + " widened to " + wider;
    assertThat(widened.downtime()).as(why).isEqualTo(a.downtime());
    assertThat(widened.uptime()).as(why).isEqualTo(a.uptime());
    assertThat(widened.valid()).as(why).isEqualTo(a.valid());
    assertThat(widened.ratio()).as(why).isEqualTo(a.ratio());
    assertThat(calculator.covered(wider, unknown.union(added))).as(why).isEqualTo(calculator.covered(window, unknown));
  };

  static final Seeds.Property<Calculator> THE_FIGURE_STATES_THE_PERIOD_IT_COVERS = (calculator, random) -> {
    Interval window = anyWindow(random, 10);
    TimeSet down = anySet(random, 8, 10);
    TimeSet unknown = anySet(random, 4, 10);
    TimeSet counted = TimeSet.of(window).minus(unknown);
    Optional<Interval> covered = calculator.covered(window, unknown);
    String why = "down " + down + ", unknown " + unknown + " over " + window + ", covered " + covered;
    assertThat(covered.isPresent()).as(why).isEqualTo(!counted.isEmpty());
    covered.ifPresent(c -> {
      assertThat(TimeSet.of(window).intersection(TimeSet.of(c))).as("inside the window: " + why)
          .isEqualTo(TimeSet.of(c));
      assertThat(counted.contains(c.start())).as("begins with time that counts: " + why).isTrue();
      assertThat(counted.contains(c.end().minusNanos(1))).as("ends with time that counts: " + why).isTrue();
      Availability a = calculator.over(window, down, unknown);
      Availability over = calculator.over(c, down, unknown);
      assertThat(over.valid()).as("all the time that counts: " + why).isEqualTo(a.valid());
      assertThat(over.downtime()).as(why).isEqualTo(a.downtime());
    });
  };

  @Test
  void unknownTimeAroundAWindowChangesNeitherItsFigureNorItsPeriod() {
    Seeds.holds(REAL, UNKNOWN_TIME_IS_NEITHER_UP_NOR_DOWN);
  }

  @Test
  void unknownTimeRejectsACalculatorThatCountsItAsDown() {
    Seeds.rejects(new Calculator() {
      @Override
      Availability over(Interval window, TimeSet down, TimeSet excluded) {
        return new Availability(window, down.union(excluded).durationWithin(window), Duration.ZERO);
      }
    }, UNKNOWN_TIME_IS_NEITHER_UP_NOR_DOWN);
  }

  @Test
  void everyFigureCoversFromTheFirstInstantThatCountsToTheLast() {
    Seeds.holds(REAL, THE_FIGURE_STATES_THE_PERIOD_IT_COVERS);
  }

  @Test
  void thePeriodRejectsACalculatorThatClaimsTheWholeWindow() {
    Seeds.rejects(new Calculator() {
      @Override
      Optional<Interval> covered(Interval window, TimeSet excluded) {
        return window.isEmpty() ? Optional.empty() : Optional.of(window);
      }
    }, THE_FIGURE_STATES_THE_PERIOD_IT_COVERS);
  }

  @Test
  void availabilityIsAShareBetweenZeroAndOneOfTheTimeThatCounts() {
    Seeds.holds(REAL, A_SHARE_OF_THE_TIME_THAT_COUNTS);
  }

  @Test
  void theShareRejectsACalculatorThatCountsDowntimeDuringExcludedTime() {
    Seeds.rejects(new Calculator() {
      @Override
      Availability over(Interval window, TimeSet down, TimeSet excluded) {
        return new Availability(window, down.durationWithin(window), excluded.durationWithin(window));
      }
    }, A_SHARE_OF_THE_TIME_THAT_COUNTS);
  }

  @Test
  void aWindowSplitInTwoIsTheWeightedSumOfItsHalves() {
    Seeds.holds(REAL, SPLIT_WINDOW_IS_THE_WEIGHTED_SUM);
  }

  @Test
  void theSplitRejectsACalculatorThatRoundsDowntimeToTheSecond() {
    Seeds.rejects(new Calculator() {
      @Override
      Availability over(Interval window, TimeSet down, TimeSet excluded) {
        Availability exact = Availability.over(window, down, excluded);
        return new Availability(window, Duration.ofSeconds(exact.downtime().toSeconds()), exact.excluded());
      }
    }, SPLIT_WINDOW_IS_THE_WEIGHTED_SUM);
  }

  @Test
  void aBreakdownPerCalendarPeriodSumsToTheTotalInAnyTimeZone() {
    Seeds.holds(REAL, PERIODS_SUM_TO_THE_TOTAL);
  }

  @Test
  void theBreakdownRejectsDaysOfTwentyFourHours() {
    Seeds.rejects(new Calculator() {
      @Override
      List<PeriodAvailability> per(CalendarPeriod period, LocalDate first, LocalDate last, ZoneId zone,
          TimeSet down, TimeSet excluded) {
        List<PeriodAvailability> days = new ArrayList<>();
        Instant start = first.atStartOfDay(zone).toInstant();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1), start = start.plus(Duration.ofDays(1))) {
          days.add(new PeriodAvailability(day, Availability.over(new Interval(start, start.plus(Duration.ofDays(1))),
              down, excluded)));
        }
        return days;
      }
    }, PERIODS_SUM_TO_THE_TOTAL);
  }

  @Test
  void onlyWindowsThatFollowEachOtherAddUp() {
    Interval first = new Interval(RandomTime.ORIGIN, RandomTime.ORIGIN.plus(Duration.ofDays(2)));
    Availability a = Availability.over(first, TimeSet.EMPTY, TimeSet.EMPTY);
    Availability later = Availability.over(new Interval(first.end().plusNanos(1), first.end().plusSeconds(5)),
        TimeSet.EMPTY, TimeSet.EMPTY);
    assertThatThrownBy(() -> a.plus(later)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("do not follow each other");
  }

  /** Up time over the time that counts, to the nanosecond. */
  static double exactRatio(Availability a) {
    return a.valid().isZero() ? 0 : (double) a.uptime().toNanos() / a.valid().toNanos();
  }
}
