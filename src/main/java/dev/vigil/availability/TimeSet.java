package dev.vigil.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A set of instants, such as the times a service was down, held as the fewest intervals that cover exactly it: sorted,
 * disjoint, not empty and not touching, so that two sets holding the same instants are equal.
 */
public final class TimeSet {

  /** No time at all. */
  public static final TimeSet EMPTY = new TimeSet(List.of());

  private final List<Interval> intervals;

  private TimeSet(List<Interval> normalised) {
    this.intervals = List.copyOf(normalised);
  }

  /** The instants of all these intervals, in any order, overlapping or not; empty ones add nothing. */
  public static TimeSet of(Collection<Interval> intervals) {
    List<Interval> sorted = intervals.stream().filter(i -> !i.isEmpty())
        .sorted(Comparator.comparing(Interval::start)).toList();
    List<Interval> merged = new ArrayList<>();
    for (Interval i : sorted) {
      append(merged, i.start(), i.end());
    }
    return new TimeSet(merged);
  }

  /** The instants of these intervals. */
  public static TimeSet of(Interval... intervals) {
    return of(List.of(intervals));
  }

  /** The intervals, oldest first: disjoint, not empty, and with a gap between any two. */
  public List<Interval> intervals() {
    return intervals;
  }

  /** Whether it holds no instant. */
  public boolean isEmpty() {
    return intervals.isEmpty();
  }

  /** Whether {@code at} is one of its instants. */
  public boolean contains(Instant at) {
    for (Interval i : intervals) {
      if (i.contains(at)) {
        return true;
      }
      if (i.start().isAfter(at)) {
        return false;
      }
    }
    return false;
  }

  /** The instants in this set or in {@code other}. */
  public TimeSet union(TimeSet other) {
    if (other.isEmpty()) {
      return this;
    }
    List<Interval> both = new ArrayList<>(intervals);
    both.addAll(other.intervals);
    return of(both);
  }

  /** The instants in both this set and {@code other}. */
  public TimeSet intersection(TimeSet other) {
    List<Interval> result = new ArrayList<>();
    int i = 0;
    int j = 0;
    // Both lists are sorted and disjoint: step past whichever interval ends first.
    while (i < intervals.size() && j < other.intervals.size()) {
      Interval a = intervals.get(i);
      Interval b = other.intervals.get(j);
      append(result, later(a.start(), b.start()), earlier(a.end(), b.end()));
      if (a.end().isBefore(b.end())) {
        i++;
      } else {
        j++;
      }
    }
    return new TimeSet(result);
  }

  /** The instants of this set that are not in {@code other}. */
  public TimeSet minus(TimeSet other) {
    List<Interval> result = new ArrayList<>();
    List<Interval> cuts = other.intervals;
    int first = 0;
    for (Interval kept : intervals) {
      Instant cursor = kept.start();
      // Cuts are sorted by start and, being disjoint, by end too: those ending by now cut nothing later either.
      while (first < cuts.size() && !cuts.get(first).end().isAfter(cursor)) {
        first++;
      }
      // A cut reaching past this interval's end is kept for the next one, which it may cut as well.
      for (int c = first; c < cuts.size() && cuts.get(c).start().isBefore(kept.end()); c++) {
        append(result, cursor, cuts.get(c).start());
        cursor = later(cursor, cuts.get(c).end());
      }
      append(result, cursor, kept.end());
    }
    return new TimeSet(result);
  }

  /** The instants of this set inside {@code window}. */
  public TimeSet clippedTo(Interval window) {
    return intersection(of(window));
  }

  /** The shortest interval holding all its instants, from its first to its last; empty when it holds none. */
  public Optional<Interval> span() {
    return isEmpty() ? Optional.empty()
        : Optional.of(new Interval(intervals.getFirst().start(), intervals.getLast().end()));
  }

  /** How much time it holds. */
  public Duration duration() {
    Duration total = Duration.ZERO;
    for (Interval i : intervals) {
      total = total.plus(i.duration());
    }
    return total;
  }

  /** How much of its time lies inside {@code window}. */
  public Duration durationWithin(Interval window) {
    Duration total = Duration.ZERO;
    for (Interval i : intervals) {
      Instant start = later(i.start(), window.start());
      Instant end = earlier(i.end(), window.end());
      if (end.isAfter(start)) {
        total = total.plus(Duration.between(start, end));
      }
    }
    return total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeSet other && intervals.equals(other.intervals);
  }

  @Override
  public int hashCode() {
    return intervals.hashCode();
  }

  @Override
  public String toString() {
    return intervals.stream().map(i -> "[" + i.start() + ", " + i.end() + ")").toList().toString();
  }

  /** Adds [start, end) after the sorted intervals so far, merging it into the last one when they meet or overlap. */
  private static void append(List<Interval> sorted, Instant start, Instant end) {
    if (!end.isAfter(start)) {
      return;
    }
    if (!sorted.isEmpty() && !start.isAfter(sorted.getLast().end())) {
      Interval last = sorted.removeLast();
      sorted.add(new Interval(last.start(), later(last.end(), end)));
    } else {
      sorted.add(new Interval(start, end));
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
