package dev.vigil.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The times an incident was open, oldest first: from its opening and from each re-opening to the resolution that
 * followed. Its duration, downtime and time to acknowledge are sums over them, so the quiet time between a
 * resolution and a re-opening counts for nothing.
 */
public record OpenIntervals(List<Interval> intervals) {

  public OpenIntervals {
    intervals = List.copyOf(intervals);
  }

  /**
   * One time the incident was open.
   *
   * @param mitigated the first mitigation within it; null if it was not marked mitigated
   * @param resolved its end; null while the incident is open
   */
  public record Interval(Instant opened, Instant mitigated, Instant resolved) {

    /** When it ended, or {@code now} while it has not. */
    public Instant end(Instant now) {
      return resolved != null ? resolved : now;
    }

    /** When its impact stopped: the mitigation, else the resolution, else not yet ({@code now}). */
    public Instant restored(Instant now) {
      return mitigated != null ? mitigated : end(now);
    }

    Duration downtime(Instant now) {
      return positive(Duration.between(opened, restored(now)));
    }
  }

  /** How long it was open in all, up to {@code now} while it is open. */
  public Duration openTime(Instant now) {
    return sum(i -> positive(Duration.between(i.opened(), i.end(now))));
  }

  /** How long it was open in all, once resolved; null while it is open. */
  public Duration openTime() {
    return open() ? null : openTime(Instant.EPOCH); // every interval has ended: no "now" is read
  }

  /** How long its impact lasted in all: each opening until mitigated or resolved, up to {@code now} if neither. */
  public Duration downtime(Instant now) {
    return sum(i -> i.downtime(now));
  }

  /** How long its impact lasted in all, once it has stopped (mitigated or resolved); null while it goes on. */
  public Duration downtime() {
    return impactGoesOn() ? null : downtime(Instant.EPOCH); // every interval's impact has ended
  }

  /** The longest single stretch of impact, up to {@code now} for one that goes on: what a recovery objective limits. */
  public Duration longestDowntime(Instant now) {
    Duration longest = Duration.ZERO;
    for (Interval i : intervals) {
      Duration d = i.downtime(now);
      longest = d.compareTo(longest) > 0 ? d : longest;
    }
    return longest;
  }

  /** How long it had been open before {@code at}. */
  public Duration openBefore(Instant at) {
    return sum(i -> {
      Instant end = i.end(at).isBefore(at) ? i.end(at) : at;
      return positive(Duration.between(i.opened(), end));
    });
  }

  private Duration sum(Function<Interval, Duration> each) {
    Duration total = Duration.ZERO;
    for (Interval i : intervals) {
      total = total.plus(each.apply(i));
    }
    return total;
  }

  private boolean open() {
    return !intervals.isEmpty() && intervals.getLast().resolved() == null;
  }

  private boolean impactGoesOn() {
    return open() && intervals.getLast().mitigated() == null;
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
