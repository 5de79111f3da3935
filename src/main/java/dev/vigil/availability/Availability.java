package dev.vigil.availability;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How available something was over a window: of the time that counts (the window less the excluded time, such as
 * maintenance or time before it was watched), how much was down; the rest was up. This is an SLO's good time over its
 * valid time as much as a status page's uptime.
 *
 * @param window the time looked at
 * @param downtime the time that counts and was down
 * @param excluded the time of the window that does not count
 */
public record Availability(Interval window, Duration downtime, Duration excluded) {

  public Availability {
    Objects.requireNonNull(window, "window");
    if (downtime.isNegative() || excluded.isNegative()) {
      throw new IllegalArgumentException("downtime and excluded time cannot be negative");
    }
  }

  /**
   * The availability over {@code window}: {@code down} and {@code excluded} may reach beyond it, and down time that
   * is also excluded does not count.
   */
  public static Availability over(Interval window, TimeSet down, TimeSet excluded) {
    TimeSet notCounted = excluded.clippedTo(window);
    return new Availability(window, down.clippedTo(window).minus(notCounted).duration(), notCounted.duration());
  }

  /**
   * The part of {@code window} a figure over it speaks for: from the first instant that counts to the last, so that
   * a figure over a day for something watched for its last fourteen minutes says fourteen minutes; empty when no
   * instant counts. Availability over it is the same as over the whole window, since the rest does not count.
   */
  public static Optional<Interval> covered(Interval window, TimeSet excluded) {
    return TimeSet.of(window).minus(excluded).span();
  }

  /**
   * The availability in each calendar period (in {@code zone}) from the one holding {@code first} to the one holding
   * {@code last}, oldest first; their windows follow each other without a gap, so they add up to the whole.
   */
  public static List<PeriodAvailability> per(CalendarPeriod period, LocalDate first, LocalDate last, ZoneId zone,
      TimeSet down, TimeSet excluded) {
    List<PeriodAvailability> result = new ArrayList<>();
    for (LocalDate day = period.firstDay(first); !day.isAfter(last); day = period.next(day)) {
      result.add(new PeriodAvailability(day, over(period.window(day, zone), down, excluded)));
    }
    return result;
  }

  /** The time that counts: the window less the excluded time. */
  public Duration valid() {
    return window.duration().minus(excluded);
  }

  /** The time that counts and was up. */
  public Duration uptime() {
    return valid().minus(downtime);
  }

  /**
   * This window followed by the next, as one availability.
   *
   * @throws IllegalArgumentException when {@code next}'s window does not begin where this one ends
   */
  public Availability plus(Availability next) {
    if (!next.window.start().equals(window.end())) {
      throw new IllegalArgumentException("windows do not follow each other: " + window + " and " + next.window);
    }
    return new Availability(new Interval(window.start(), next.window.end()), downtime.plus(next.downtime),
        excluded.plus(next.excluded));
  }

  /**
   * Up time as a share of the time that counts, both to the millisecond (what pages and the API show); empty when
   * less than a millisecond counted.
   */
  public OptionalDouble ratio() {
    long valid = valid().toMillis();
    return valid == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) uptime().toMillis() / valid);
  }

  /** The {@link #ratio()} as a percentage; null when it is empty. */
  public Double percent() {
    long valid = valid().toMillis();
    return valid == 0 ? null : 100.0 * uptime().toMillis() / valid;
  }
}
