package dev.vigil.slo;

import dev.vigil.availability.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One window of an SLO as seen at an instant: the whole of it, whose length the budget is made of, and the part that
 * has elapsed, which is what has been measured. A rolling window has wholly elapsed at every instant; a calendar one
 * is under way until its end, when its budget starts afresh.
 *
 * @param whole the window's instants, start included, end excluded
 * @param at the instant it is seen at: its end for a rolling window, inside it for a calendar one
 * @param resets whether the budget starts afresh at the window's end (a calendar window)
 */
public record SloPeriod(Interval whole, Instant at, boolean resets) {

  public SloPeriod {
    Objects.requireNonNull(whole, "whole");
    Objects.requireNonNull(at, "at");
    if (at.isBefore(whole.start()) || at.isAfter(whole.end())) {
      throw new IllegalArgumentException(at + " is outside the window " + whole);
    }
  }

  /** How long the whole window lasts. */
  public Duration length() {
    return whole.duration();
  }

  /** The part measured so far: from the window's start to the instant it is seen at. */
  public Interval elapsed() {
    return new Interval(whole.start(), at);
  }

  /** How long until the window ends: zero for a rolling window. */
  public Duration remaining() {
    return Duration.between(at, whole.end());
  }
}
