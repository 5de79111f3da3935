package dev.vigil.oncall;

import dev.vigil.catalog.Catalog;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Who is on call in a schedule at an instant: the highest layer that covers the instant decides; within a layer,
 * participants take turns shift by shift from the layer's start. Daily and weekly shifts hand off at the same
 * wall-clock time in the schedule's zone across daylight-saving changes; hourly and custom shifts are exact
 * durations.
 */
public final class OnCall {

  private OnCall() {}

  /** The users on call, empty when no layer covers the instant (a gap). */
  public static List<String> at(Catalog.Schedule schedule, Instant instant) {
    ZoneId zone = ZoneId.of(schedule.timeZone());
    List<Catalog.Layer> layers = schedule.layers();
    for (int i = layers.size() - 1; i >= 0; i--) {
      Catalog.Layer layer = layers.get(i);
      String user = onCall(layer, zone, instant);
      if (user != null) {
        return List.of(user);
      }
    }
    return List.of();
  }

  /** The participant a layer puts on call at the instant, or null when the layer does not cover it. */
  static String onCall(Catalog.Layer layer, ZoneId zone, Instant instant) {
    ZonedDateTime start = LocalDateTime.parse(layer.start()).atZone(zone);
    if (instant.isBefore(start.toInstant()) || layer.participants().isEmpty()) {
      return null;
    }
    ZonedDateTime local = instant.atZone(zone);
    if (!layer.restrictions().isEmpty()
        && layer.restrictions().stream().noneMatch(r -> within(r.days(), r.from(), r.to(), local))) {
      return null;
    }
    long shift = shiftIndex(layer, start, instant);
    return layer.participants().get((int) Math.floorMod(shift, (long) layer.participants().size()));
  }

  private static long shiftIndex(Catalog.Layer layer, ZonedDateTime start, Instant instant) {
    return switch (layer.rotation()) {
      case HOURLY -> Duration.between(start.toInstant(), instant).toHours();
      case CUSTOM -> Duration.between(start.toInstant(), instant).toMillis() / layer.shiftLength().toMillis();
      case DAILY -> calendarShifts(start, instant, 1);
      case WEEKLY -> calendarShifts(start, instant, 7);
    };
  }

  /** Shifts of {@code days} calendar days, each starting at the start's local time (so DST does not move it). */
  private static long calendarShifts(ZonedDateTime start, Instant instant, int days) {
    ZonedDateTime local = instant.atZone(start.getZone());
    long elapsedDays = ChronoUnit.DAYS.between(start.toLocalDate(), local.toLocalDate());
    long shift = Math.floorDiv(elapsedDays, days);
    ZonedDateTime shiftStart = start.toLocalDate().plusDays(shift * days).atTime(start.toLocalTime())
        .atZone(start.getZone());
    return instant.isBefore(shiftStart.toInstant()) ? shift - 1 : shift;
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
