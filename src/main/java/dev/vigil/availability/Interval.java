package dev.vigil.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of time from {@code start} (included) to {@code end} (excluded), so that intervals meeting end to start
 * neither overlap nor leave a gap; empty when both are the same instant.
 */
public record Interval(Instant start, Instant end) {

  public Interval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("an interval cannot end (" + end + ") before it starts (" + start + ")");
    }
  }

  /**
   * From {@code start} to {@code end}, or the empty interval at {@code start} when {@code end} is not after it: for
   * times read from records where a later event may carry an earlier clock reading.
   */
  public static Interval between(Instant start, Instant end) {
    return new Interval(start, end.isAfter(start) ? end : start);
  }

  /** How long it lasts. */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /** Whether it holds no instant at all. */
  public boolean isEmpty() {
    return start.equals(end);
  }

  /** Whether {@code at} lies inside: at or after the start, before the end. */
  public boolean contains(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }
}
