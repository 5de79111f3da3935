package dev.vigil.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A window cut into slices of equal length, each judged good when its own share of good events reaches the slice
 * objective; slices without data, and slices without events, are judged neither way and counted apart.
 *
 * @param length how long each slice lasts
 * @param sliceObjective the share of a slice's events that must be good for the slice to be good, above 0, at most 1
 * @param good the slices judged good
 * @param bad the slices judged bad
 * @param withoutData the slices for which the source gave no data
 * @param withoutTraffic the slices measured with no events in them
 */
public record Timeslices(Duration length, BigDecimal sliceObjective, long good, long bad, long withoutData,
    long withoutTraffic) {

  public Timeslices {
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(sliceObjective, "sliceObjective");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a slice lasts longer than zero, got " + length);
    }
    if (sliceObjective.signum() <= 0 || sliceObjective.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("slice objective " + sliceObjective.toPlainString()
          + " is not a share above 0 and at most 1; use e.g. 0.95");
    }
    if (good < 0 || bad < 0 || withoutData < 0 || withoutTraffic < 0) {
      throw new IllegalArgumentException("slice counts cannot be negative");
    }
  }

  /**
   * Judges each slice in turn from its events, empty for a slice without data: good when its good share is at least
   * the slice objective.
   */
  public static Timeslices judge(Duration length, BigDecimal sliceObjective, List<Optional<Events>> slices) {
    long good = 0;
    long bad = 0;
    long withoutData = 0;
    long withoutTraffic = 0;
    for (Optional<Events> slice : slices) {
      if (slice.isEmpty()) {
        withoutData++;
      } else if (slice.get().none()) {
        withoutTraffic++;
      } else if (Exact.divide(slice.get().good(), slice.get().total()).compareTo(sliceObjective) >= 0) {
        good++;
      } else {
        bad++;
      }
    }
    return new Timeslices(length, sliceObjective, good, bad, withoutData, withoutTraffic);
  }

  /** The slices judged good or bad: those that count. */
  public long judged() {
    return good + bad;
  }

  /** The slices judged neither way, without data or without traffic: they do not count. */
  public long excluded() {
    return withoutData + withoutTraffic;
  }
}
