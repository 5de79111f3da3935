package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.stream.Collectors;

/** Counts business days (Monday to Friday, minus holidays) in a time zone, for postmortem deadlines. */
public record BusinessDays(ZoneId zone, Set<LocalDate> holidays) {

  public BusinessDays {
    holidays = Set.copyOf(holidays);
  }

  /** The business calendar of an incident policy. */
  public static BusinessDays of(Catalog.IncidentPolicy policy) {
    return new BusinessDays(ZoneId.of(policy.businessTimeZoneOrDefault()),
        policy.holidays().stream().map(LocalDate::parse).collect(Collectors.toSet()));
  }

  public boolean isBusinessDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
        && !holidays.contains(day);
  }

  /**
   * The end (midnight after) of the {@code days}-th business day after the day of {@code from}: resolved on a
   * Friday with 1 day allowed, the postmortem is due at the end of Monday.
   */
  public Instant endOfBusinessDaysAfter(Instant from, int days) {
    LocalDate day = from.atZone(zone).toLocalDate();
    int counted = 0;
    while (counted < days) {
      day = day.plusDays(1);
      if (isBusinessDay(day)) {
        counted++;
      }
    }
    return ZonedDateTime.of(day.plusDays(1).atStartOfDay(), zone).toInstant();
  }
}
