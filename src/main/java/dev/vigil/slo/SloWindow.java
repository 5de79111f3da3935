package dev.vigil.slo;

import dev.vigil.availability.CalendarPeriod;
import dev.vigil.availability.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time an SLO is judged over: the last so many days, rolling with every instant, or the calendar week, month or
 * quarter under way in a time zone, which starts afresh when the next one begins.
 */
public sealed interface SloWindow permits SloWindow.Rolling, SloWindow.Calendar {

  /** How the window is written in the catalog: {@code 30d}, {@code month}. */
  String text();

  /** The window that holds {@code at}: for a rolling window the days up to it, for a calendar one its period. */
  SloPeriod containing(Instant at);

  /**
   * The window written as {@code text}: a whole number of days ({@code 7d}, {@code 28d}, {@code 30d}) or
   * {@code week} (ISO, from Monday), {@code month} or {@code quarter}, the calendar ones in {@code zone}; else an
   * {@link IllegalArgumentException} that quotes the text and says what a window looks like.
   */
  static SloWindow parse(String text, ZoneId zone) {
    Objects.requireNonNull(text, "text");
    Matcher days = Rolling.FORM.matcher(text);
    if (days.matches()) {
      try {
        return new Rolling(Integer.parseInt(days.group(1)));
      } catch (NumberFormatException tooLarge) {
        throw new IllegalArgumentException("window '" + text + "' is more days than a window can hold", tooLarge);
      }
    }
    for (Calendar.Unit unit : Calendar.Unit.values()) {
      if (unit.text().equals(text)) {
        return new Calendar(unit, zone);
      }
    }
    throw new IllegalArgumentException("window '" + text + "' is neither a number of days (7d, 28d, 30d) nor a"
        + " calendar week, month or quarter");
  }

  /**
   * The last {@code days} days up to the instant looked at, each of 24 hours whatever the clocks do, so that a
   * window's budget is the same every day of the year (as Prometheus counts {@code [30d]}).
   */
  record Rolling(int days) implements SloWindow {

    static final Pattern FORM = Pattern.compile("([0-9]+)d");

    public Rolling {
      if (days < 1) {
        throw new IllegalArgumentException("window '" + days + "d' is empty; a rolling window is at least 1d");
      }
    }

    /** How long the window lasts. */
    public Duration length() {
      return Duration.ofDays(days);
    }

    @Override
    public String text() {
      return days + "d";
    }

    @Override
    public SloPeriod containing(Instant at) {
      return new SloPeriod(new Interval(at.minus(length()), at), at, false);
    }
  }

  /**
   * The calendar period under way in {@code zone}, from midnight of its first day to midnight of the next period's:
   * as long as the calendar says, so a month is 28 to 31 days and a period in which clocks change an hour shorter or
   * longer.
   */
  record Calendar(Unit unit, ZoneId zone) implements SloWindow {

    /** The calendar periods an SLO can be judged over, each one of the shared calendar's. */
    public enum Unit {
      WEEK(CalendarPeriod.WEEK), MONTH(CalendarPeriod.MONTH), QUARTER(CalendarPeriod.QUARTER);

      final CalendarPeriod period;

      Unit(CalendarPeriod period) {
        this.period = period;
      }

      /** How the catalog writes it. */
      public String text() {
        return name().toLowerCase(Locale.ROOT);
      }
    }

    public Calendar {
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(zone, "a calendar window needs a time zone");
    }

    @Override
    public String text() {
      return unit.text();
    }

    @Override
    public SloPeriod containing(Instant at) {
      return new SloPeriod(unit.period.containing(at, zone), at, true);
    }
  }
}
