package dev.vigil.sla;

import dev.vigil.availability.CalendarPeriod;
import dev.vigil.availability.Interval;
import dev.vigil.catalog.Catalog;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One period of a contract in the ledger's zone: a month ({@code 2026-11}), a quarter ({@code 2026-Q4}) or a year
 * ({@code 2026}), from midnight of its first day to midnight of the next period's.
 */
public record ContractPeriod(Catalog.ContractPeriod kind, LocalDate firstDay, ZoneId zone) {

  public ContractPeriod {
    firstDay = calendar(kind).firstDay(firstDay);
  }

  /** The period of this kind that holds {@code day}. */
  static ContractPeriod holding(Catalog.ContractPeriod kind, LocalDate day, ZoneId zone) {
    return new ContractPeriod(kind, day, zone);
  }

  static CalendarPeriod calendar(Catalog.ContractPeriod kind) {
    return switch (kind) {
      case MONTHLY -> CalendarPeriod.MONTH;
      case QUARTERLY -> CalendarPeriod.QUARTER;
      case YEARLY -> CalendarPeriod.YEAR;
    };
  }

  /** Its instants. */
  public Interval window() {
    return calendar(kind).window(firstDay, zone);
  }

  /** Its last day. */
  public LocalDate lastDay() {
    return calendar(kind).next(firstDay).minusDays(1);
  }

  /** The period before. */
  ContractPeriod previous() {
    return new ContractPeriod(kind, firstDay.minusDays(1), zone);
  }

  /** {@code 2026-11}, {@code 2026-Q4} or {@code 2026}, as the API's {@code period} parameter takes it. */
  public String label() {
    return switch (kind) {
      case MONTHLY -> firstDay.toString().substring(0, 7);
      case QUARTERLY -> firstDay.getYear() + "-Q" + ((firstDay.getMonthValue() - 1) / 3 + 1);
      case YEARLY -> Integer.toString(firstDay.getYear());
    };
  }
}
