package dev.vigil.oncall;

import dev.vigil.catalog.Catalog;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * Who is on call in a schedule at an instant, from the schedule's declaration alone (its layers, and the overrides and
 * temporary schedules written in the file). {@link OnCallService} adds those made through the API.
 */
public final class OnCall {

  private OnCall() {}

  /** The users on call, empty in a gap; the same answer as the final shift covering the instant. */
  public static List<String> at(Catalog.Schedule schedule, Instant instant) {
    return FinalSchedule.of(schedule).at(instant);
  }

  /**
   * Whether a local date-time falls in a window on the given days (every day when empty); a window whose end is
   * before its start runs past midnight and belongs to the day it starts on.
   */
  public static boolean within(List<String> days, String from, String to, ZonedDateTime local) {
    LocalTime start = LocalTime.parse(from);
    LocalTime end = LocalTime.parse(to);
    LocalTime time = local.toLocalTime();
    if (!end.isBefore(start)) {
      return onDay(days, local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
    }
    if (!time.isBefore(start)) {
      return onDay(days, local.getDayOfWeek());
    }
    return time.isBefore(end) && onDay(days, local.getDayOfWeek().minus(1));
  }

  private static boolean onDay(List<String> days, DayOfWeek day) {
    return days.isEmpty() || days.contains(day.name().substring(0, 3).toLowerCase(Locale.ROOT));
  }
}
