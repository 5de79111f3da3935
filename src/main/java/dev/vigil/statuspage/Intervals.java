package dev.vigil.statuspage;

import dev.vigil.availability.TimeSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The half-open time intervals a status page works in, as lists sorted and disjoint where returned, with the set
 * operations the uptime bars need done by the availability calculator.
 */
final class Intervals {

  /** From {@code start} (inclusive) to {@code end} (exclusive). */
  record Interval(Instant start, Instant end) {}

  private Intervals() {}

  /** The same time, as few sorted intervals as possible; empty intervals are dropped. */
  static List<Interval> union(List<Interval> intervals) {
    return list(timeSet(intervals));
  }

  /** The time of {@code from} that is not in {@code minus}. */
  static List<Interval> subtract(List<Interval> from, List<Interval> minus) {
    return list(timeSet(from).minus(timeSet(minus)));
  }

  /** How much of {@code intervals} lies inside [start, end). */
  static Duration within(List<Interval> intervals, Instant start, Instant end) {
    return end.isAfter(start)
        ? timeSet(intervals).durationWithin(new dev.vigil.availability.Interval(start, end)) : Duration.ZERO;
  }

  /** The instants of the intervals; an interval that ends before it starts holds none. */
  static TimeSet timeSet(List<Interval> intervals) {
    return TimeSet.of(intervals.stream().map(i -> dev.vigil.availability.Interval.between(i.start(), i.end())).toList());
  }

  /** The intervals of a time set. */
  static List<Interval> list(TimeSet time) {
    return time.intervals().stream().map(i -> new Interval(i.start(), i.end())).toList();
  }
}
