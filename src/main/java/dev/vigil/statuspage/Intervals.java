package dev.vigil.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Half-open time intervals and the set operations the uptime bars need; lists returned are sorted and disjoint. */
final class Intervals {

  /** From {@code start} (inclusive) to {@code end} (exclusive). */
  record Interval(Instant start, Instant end) {}

  private Intervals() {}

  /** The same time, as few sorted intervals as possible; empty intervals are dropped. */
  static List<Interval> union(List<Interval> intervals) {
    List<Interval> sorted = intervals.stream().filter(i -> i.end().isAfter(i.start()))
        .sorted(Comparator.comparing(Interval::start)).toList();
    List<Interval> merged = new ArrayList<>();
    for (Interval i : sorted) {
      if (!merged.isEmpty() && !i.start().isAfter(merged.getLast().end())) {
        Interval last = merged.removeLast();
        merged.add(new Interval(last.start(), last.end().isAfter(i.end()) ? last.end() : i.end()));
      } else {
        merged.add(i);
      }
    }
    return merged;
  }

  /** The time of {@code from} that is not in {@code minus}. */
  static List<Interval> subtract(List<Interval> from, List<Interval> minus) {
    List<Interval> result = new ArrayList<>();
    List<Interval> cuts = union(minus);
    for (Interval i : union(from)) {
      Instant cursor = i.start();
      for (Interval cut : cuts) {
        if (!cut.end().isAfter(cursor) || !cut.start().isBefore(i.end())) {
          continue;
        }
        if (cut.start().isAfter(cursor)) {
          result.add(new Interval(cursor, cut.start()));
        }
        cursor = cut.end().isAfter(cursor) ? cut.end() : cursor;
      }
      if (cursor.isBefore(i.end())) {
        result.add(new Interval(cursor, i.end()));
      }
    }
    return result;
  }

  /** How much of sorted, disjoint {@code intervals} lies inside [start, end). */
  static Duration within(List<Interval> intervals, Instant start, Instant end) {
    long millis = 0;
    for (Interval i : intervals) {
      Instant a = i.start().isAfter(start) ? i.start() : start;
      Instant b = i.end().isBefore(end) ? i.end() : end;
      if (b.isAfter(a)) {
        millis += Duration.between(a, b).toMillis();
      }
    }
    return Duration.ofMillis(millis);
  }
}
