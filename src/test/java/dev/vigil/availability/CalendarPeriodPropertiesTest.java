package dev.vigil.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * For random instants and time zones: the day, month, quarter or year holding an instant holds it, starts at midnight
 * of its first day, and ends where the next period starts; the property also rejects a quarter that starts a month
 * late.
 */
class CalendarPeriodPropertiesTest {

  /** Where a period starts, replaced by the broken variant; the rest is derived from it as the real one does. */
  interface FirstDays {
    LocalDate firstDay(CalendarPeriod period, LocalDate day);
  }

  static final Seeds.Property<FirstDays> PERIODS_HOLD_THEIR_INSTANTS = (firstDays, random) -> {
    ZoneId zone = RandomTime.ZONES.get(random.nextInt(RandomTime.ZONES.size()));
    CalendarPeriod period = CalendarPeriod.values()[random.nextInt(CalendarPeriod.values().length)];
    Instant at = RandomTime.any(random, 3000);
    LocalDate day = at.atZone(zone).toLocalDate();
    LocalDate first = firstDays.firstDay(period, day);
    Interval window = new Interval(first.atStartOfDay(zone).toInstant(), period.next(first).atStartOfDay(zone)
        .toInstant());
    String why = period + " holding " + at + " in " + zone;
    assertThat(window.contains(at)).as("%s is %s", why, window).isTrue();
    assertThat(firstDays.firstDay(period, first)).as(why).isEqualTo(first);
    assertThat(period.containing(at, zone)).as(why).isEqualTo(window);
    LocalDate next = period.next(first);
    assertThat(period.window(next, zone).start()).as("the period after %s", why).isEqualTo(window.end());
  };

  @Test
  void aPeriodHoldsItsInstantsStartsAtMidnightAndEndsWhereTheNextStarts() {
    Seeds.holds(CalendarPeriod::firstDay, PERIODS_HOLD_THEIR_INSTANTS);
  }

  @Test
  void thePeriodsRejectAQuarterThatStartsAMonthLate() {
    Seeds.rejects((period, day) -> period == CalendarPeriod.QUARTER
        ? LocalDate.of(day.getYear(), day.getMonthValue() / 3 * 3 % 12 + 1, 1) : period.firstDay(day),
        PERIODS_HOLD_THEIR_INSTANTS);
  }
}
