package dev.vigil.maintenance;

import dev.vigil.catalog.Catalog;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/** Whether an instant falls in one of a service's maintenance windows, when its probes measure but do not page. */
public final class MaintenanceWindows {

  private MaintenanceWindows() {}

  public static boolean active(List<Catalog.MaintenanceWindow> windows, Instant at) {
    return windows.stream().anyMatch(w -> active(w, at));
  }

  public static boolean active(Catalog.MaintenanceWindow w, Instant at) {
    ZoneId zone = ZoneId.of(w.timeZone());
    if (w.start() != null && w.end() != null) {
      Instant start = LocalDateTime.parse(w.start()).atZone(zone).toInstant();
      Instant end = LocalDateTime.parse(w.end()).atZone(zone).toInstant();
      return !at.isBefore(start) && at.isBefore(end);
    }
    if (w.from() == null || w.to() == null) {
      return false;
    }
    ZonedDateTime local = at.atZone(zone);
    LocalTime from = LocalTime.parse(w.from());
    LocalTime to = LocalTime.parse(w.to());
    LocalTime now = local.toLocalTime();
    if (from.isBefore(to)) {
      return w.onDay(local.getDayOfWeek()) && !now.isBefore(from) && now.isBefore(to);
    }
    // Past midnight: the evening part belongs to its own day, the morning part to the day before.
    return (w.onDay(local.getDayOfWeek()) && !now.isBefore(from))
        || (w.onDay(local.getDayOfWeek().minus(1)) && now.isBefore(to));
  }
}
