package dev.vigil.oncall;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogLoader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gaps of a catalog's schedules over the coming weeks, as warnings for {@code vigil validate}: which schedule has
 * nobody on call, exactly when (in the schedule's zone), and for how long in total. Only what the file declares
 * counts; overrides made through the API are not in the file.
 */
public final class ScheduleGaps {

  /** How far ahead {@code vigil validate} looks unless told otherwise. */
  public static final Duration DEFAULT_HORIZON = Duration.ofDays(28);

  /** How many gaps a warning spells out before it only counts the rest. */
  static final int LISTED = 3;

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

  private ScheduleGaps() {}

  /** One warning per schedule with a gap between {@code now} and {@code now + horizon}. */
  public static List<CatalogLoader.Finding> findings(Catalog catalog, Instant now, Duration horizon) {
    List<CatalogLoader.Finding> findings = new ArrayList<>();
    Duration span = horizon.compareTo(OnCallService.MAX_RANGE) > 0 ? OnCallService.MAX_RANGE : horizon;
    for (Catalog.Schedule schedule : catalog.schedules()) {
      FinalSchedule s = FinalSchedule.of(schedule);
      List<Gap> gaps = s.gaps(now, now.plus(span));
      if (!gaps.isEmpty()) {
        findings.add(new CatalogLoader.Finding(CatalogKind.SCHEDULE, schedule.name(),
            message(schedule.name(), s.zone(), gaps, span)));
      }
    }
    return findings;
  }

  static String message(String schedule, ZoneId zone, List<Gap> gaps, Duration span) {
    Duration total = gaps.stream().map(g -> Duration.between(g.start(), g.end())).reduce(Duration.ZERO, Duration::plus);
    StringBuilder text = new StringBuilder("schedule '" + schedule + "' has nobody on call ");
    text.append(gaps.size() == 1 ? "once" : gaps.size() + " times").append(" in the next ")
        .append(span.toDays() == 1 ? "day" : span.toDays() + " days").append(" (").append(ShiftNotices.human(total)).append(" in all): ");
    for (int i = 0; i < Math.min(LISTED, gaps.size()); i++) {
      Gap g = gaps.get(i);
      text.append(i == 0 ? "" : ", ").append("from ").append(WHEN.format(g.start().atZone(zone))).append(" to ")
          .append(WHEN.format(g.end().atZone(zone)));
    }
    if (gaps.size() > LISTED) {
      text.append(" and ").append(gaps.size() - LISTED).append(" more");
    }
    return text.append(" (").append(zone.getId()).append(")").toString();
  }
}
