package dev.vigil.availability;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * A calendar day, week (ISO: from Monday), month, quarter or year, from midnight of its first day in a time zone to midnight of the next
 * period's: as long as the calendar says, so a day in which clocks change has 23 or 25 hours.
 */
public enum CalendarPeriod {
  DAY, WEEK, MONTH, QUARTER, YEAR;

  /** The first day of the period that holds {@code day}. */
  public LocalDate firstDay(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
      case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
      case YEAR -> day.withDayOfYear(1);
    };
  }

  /** The first day of the period after the one that holds {@code day}. */
  public LocalDate next(LocalDate day) {
    LocalDate first = firstDay(day);
    return switch (this) {
      case DAY -> first.plusDays(1);
      case WEEK -> first.plusWeeks(1);
      case MONTH -> first.plusMonths(1);
      case QUARTER -> first.plusMonths(3);
      case YEAR -> first.plusYears(1);
    };
  }

  /** The instants of the period that holds {@code day}, in {@code zone}. */
  public Interval window(LocalDate day, ZoneId zone) {
    return new Interval(firstDay(day).atStartOfDay(zone).toInstant(), next(day).atStartOfDay(zone).toInstant());
  }

  /** The instants of the period that holds {@code at}, in {@code zone}. */
  public Interval containing(Instant at, ZoneId zone) {
    return window(at.atZone(zone).toLocalDate(), zone);
  }
}
