package dev.vigil.statuspage;

import dev.vigil.availability.Availability;
import dev.vigil.availability.CalendarPeriod;
import dev.vigil.availability.PeriodAvailability;
import dev.vigil.availability.TimeSet;
import dev.vigil.statuspage.Intervals.Interval;
import dev.vigil.web.Formats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A component's days as bars: each day's share of outage (a probe down outside maintenance, or an incident of outage
 * severity open) and of degradation (a milder incident open), summed exactly over the day's instants with data in the
 * page's time zone, up to now for today. Time without data counts neither as up nor as down: a day without any is
 * grey, a day with some says over how much, and the total says the period it covers.
 */
final class UptimeBars {

  /** How many days a page shows. */
  static final int DAYS = 90;

  /** An outage of at least this share of a day colours it red rather than orange. */
  static final double MAJOR_SHARE = 0.05;

  /** One day's bar: {@code level} is one of none, operational, degraded, partial, major; {@code title} says why. */
  record Day(LocalDate date, String level, String title) {}

  /**
   * All the bars of a component, and its uptime over them (null when nothing was known) with the period it covers
   * ("90 days", or "the last 14 min" for a component watched for fourteen minutes).
   */
  record Bars(List<Day> days, Double uptimePercent, String period) {
    public String uptimeText() {
      return uptimePercent == null ? "no data"
          : String.format(Locale.ROOT, "%.2f %% uptime over %s", uptimePercent, period);
    }
  }

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

  private UptimeBars() {}

  /**
   * @param outage times of outage, sorted and disjoint
   * @param degraded times of degradation, sorted and disjoint
   * @param knownSince when the component began to be watched; earlier time has no data
   */
  static Bars compute(List<Interval> outage, List<Interval> degraded, Instant knownSince, ZoneId zone, Instant now) {
    return compute(outage, degraded, List.of(new Interval(knownSince, now)), zone, now);
  }

  /**
   * @param outage times of outage, sorted and disjoint
   * @param degraded times of degradation, sorted and disjoint
   * @param known the times with data, in any order; the rest has none
   */
  static Bars compute(List<Interval> outage, List<Interval> degraded, List<Interval> known, ZoneId zone,
      Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate first = today.minusDays(DAYS - 1);
    dev.vigil.availability.Interval shown = new dev.vigil.availability.Interval(
        first.atStartOfDay(zone).toInstant(), today.plusDays(1).atStartOfDay(zone).toInstant());
    dev.vigil.availability.Interval past = dev.vigil.availability.Interval.between(shown.start(), now);
    // Time without data, and the rest of today, count for nothing; only the first is missing from a day.
    TimeSet missing = TimeSet.of(past).minus(Intervals.timeSet(known));
    TimeSet noData = missing.union(TimeSet.of(shown).minus(TimeSet.of(past)));
    TimeSet down = Intervals.timeSet(outage);
    // Degradation counts only where there was no outage: worked out once for the whole period.
    TimeSet degradedOnly = Intervals.timeSet(degraded).minus(down).minus(noData);
    List<Day> days = new ArrayList<>(DAYS);
    for (PeriodAvailability day : Availability.per(CalendarPeriod.DAY, first, today, zone, down, noData)) {
      Availability a = day.availability();
      String label = DATE.format(day.firstDay());
      if (a.percent() == null) {
        days.add(new Day(day.firstDay(), "none", label + ": no data"));
        continue;
      }
      long valid = a.valid().toMillis();
      long outageMillis = a.downtime().toMillis();
      long slow = degradedOnly.durationWithin(a.window()).toMillis();
      String level;
      if (outageMillis > 0) {
        level = outageMillis >= MAJOR_SHARE * valid ? "major" : "partial";
      } else {
        level = slow > 0 ? "degraded" : "operational";
      }
      StringBuilder title = new StringBuilder(label).append(": ")
          .append(String.format(Locale.ROOT, "%.2f %% uptime", a.percent()));
      if (!missing.durationWithin(a.window()).isZero()) {
        title.append(" over the ").append(Formats.span(a.valid())).append(" with data");
      }
      if (outageMillis > 0) {
        title.append(", outage ").append(minutes(outageMillis));
      }
      if (slow > 0) {
        title.append(", degraded ").append(minutes(slow));
      }
      if (outageMillis == 0 && slow == 0) {
        title.append(", no incidents");
      }
      days.add(new Day(day.firstDay(), level, title.toString()));
    }
    String period = Availability.covered(past, noData)
        .map(c -> Formats.coverage(c.start(), c.end(), past.start(), past.end(), DAYS + " days")).orElse(null);
    return new Bars(days, Availability.over(shown, down, noData).percent(), period);
  }

  /** A duration as people read it: 45 min, 2 h 5 min. */
  static String minutes(long millis) {
    long minutes = Math.max(1, Math.round(millis / 60_000.0));
    return minutes < 60 ? minutes + " min" : minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
  }
}
