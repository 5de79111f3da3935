package dev.vigil.statuspage;

import dev.vigil.catalog.Catalog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The concrete times of services' maintenance windows: one-off windows as declared, weekly ones day by day. */
final class MaintenanceCalendar {

  /** One time a window is in force; {@code name} may be null. */
  record Occurrence(String name, Instant start, Instant end) {}

  private MaintenanceCalendar() {}

  /** Every occurrence overlapping [from, to), in order of start. */
  static List<Occurrence> between(List<Catalog.MaintenanceWindow> windows, Instant from, Instant to) {
    List<Occurrence> out = new ArrayList<>();
    for (Catalog.MaintenanceWindow w : windows) {
      ZoneId zone = ZoneId.of(w.timeZone());
      if (w.start() != null && w.end() != null) {
        add(out, w.name(), LocalDateTime.parse(w.start()).atZone(zone).toInstant(),
            LocalDateTime.parse(w.end()).atZone(zone).toInstant(), from, to);
      } else if (w.from() != null && w.to() != null) {
        LocalTime start = LocalTime.parse(w.from());
        LocalTime end = LocalTime.parse(w.to());
        // From the day before, for a window that began yesterday evening and runs past midnight.
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
            !day.atStartOfDay(zone).toInstant().isAfter(to); day = day.plusDays(1)) {
          if (w.onDay(day.getDayOfWeek())) {
            LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
            add(out, w.name(), day.atTime(start).atZone(zone).toInstant(), endDay.atTime(end).atZone(zone).toInstant(),
                from, to);
          }
        }
      }
    }
    out.sort(Comparator.comparing(Occurrence::start));
    return out;
  }

  private static void add(List<Occurrence> out, String name, Instant start, Instant end, Instant from, Instant to) {
    if (end.isAfter(from) && start.isBefore(to)) {
      out.add(new Occurrence(name, start, end));
    }
  }
}
