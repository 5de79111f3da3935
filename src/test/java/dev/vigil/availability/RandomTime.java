package dev.vigil.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random instants, intervals and time sets for property tests: on a minute grid, where a bit per minute is an exact
 * model of a time set, or anywhere to the nanosecond.
 */
final class RandomTime {

  static final Instant ORIGIN = Instant.parse("2026-03-01T00:00:00Z");

  /** How many minutes the grid spans. */
  static final int MINUTES = 600;

  /** Time zones with and without daylight saving time, with half-hour shifts and offsets. */
  static final List<ZoneId> ZONES = List.of("UTC", "Europe/Paris", "America/New_York", "Australia/Sydney",
      "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns").stream().map(ZoneId::of).toList();

  private RandomTime() {}

  /** An instant on the minute grid. */
  static Instant minute(SplittableRandom random) {
    return ORIGIN.plus(Duration.ofMinutes(random.nextInt(MINUTES + 1)));
  }

  /** Up to {@code max} intervals on the minute grid, some empty, touching or overlapping. */
  static List<Interval> gridIntervals(SplittableRandom random, int max) {
    List<Interval> intervals = new ArrayList<>();
    int count = random.nextInt(max + 1);
    for (int i = 0; i < count; i++) {
      Instant start = minute(random);
      Instant end = start.plus(Duration.ofMinutes(random.nextInt(random.nextBoolean() ? 10 : 200)));
      intervals.add(new Interval(start, end.isAfter(grid().end()) ? grid().end() : end));
    }
    return intervals;
  }

  /** A time set on the minute grid. */
  static TimeSet gridSet(SplittableRandom random) {
    return TimeSet.of(gridIntervals(random, 12));
  }

  /** A window on the minute grid, possibly empty. */
  static Interval gridWindow(SplittableRandom random) {
    Instant a = minute(random);
    Instant b = minute(random);
    return a.isAfter(b) ? new Interval(b, a) : new Interval(a, b);
  }

  /** The whole grid. */
  static Interval grid() {
    return new Interval(ORIGIN, ORIGIN.plus(Duration.ofMinutes(MINUTES)));
  }

  /** The minutes of a time set on the grid, one bit each. */
  static BitSet model(TimeSet set) {
    BitSet bits = new BitSet(MINUTES);
    for (Interval i : set.intervals()) {
      bits.set(minuteOf(i.start()), minuteOf(i.end()));
    }
    return bits;
  }

  /** An instant within {@code days} days of the origin, to the nanosecond. */
  static Instant any(SplittableRandom random, int days) {
    return ORIGIN.plusNanos(random.nextLong(Duration.ofDays(days).toNanos()));
  }

  /** A time set of up to {@code max} intervals, each up to a day long, within {@code days} days of the origin. */
  static TimeSet anySet(SplittableRandom random, int max, int days) {
    List<Interval> intervals = new ArrayList<>();
    int count = random.nextInt(max + 1);
    for (int i = 0; i < count; i++) {
      Instant start = any(random, days);
      intervals.add(new Interval(start, start.plusNanos(random.nextLong(Duration.ofDays(1).toNanos()))));
    }
    return TimeSet.of(intervals);
  }

  /** A window within {@code days} days of the origin, to the nanosecond, possibly empty. */
  static Interval anyWindow(SplittableRandom random, int days) {
    Instant a = any(random, days);
    Instant b = any(random, days);
    return a.isAfter(b) ? new Interval(b, a) : new Interval(a, b);
  }

  private static int minuteOf(Instant at) {
    return (int) Duration.between(ORIGIN, at).toMinutes();
  }
}
