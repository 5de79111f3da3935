package dev.vigil.slo;

import dev.vigil.availability.Availability;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How fast an SLO spends its error budget over a lookback: the bad share of what happened in it over the share the
 * objective allows. At 1 the budget lasts exactly the window; at 14.4 a 30-day budget loses 2 % an hour.
 *
 * @param lookback the time looked back over, such as the last hour
 * @param rate the bad share over the budget's share, 0 or more
 */
public record BurnRate(Duration lookback, BigDecimal rate) {

  public BurnRate {
    Objects.requireNonNull(lookback, "lookback");
    if (rate.signum() < 0) {
      throw new IllegalArgumentException("a burn rate cannot be negative, got " + rate);
    }
  }

  /** The rate of events over {@code lookback}; empty with no events in it, when nothing burns or holds. */
  public static Optional<BurnRate> of(Duration lookback, Objective objective, Events events) {
    return events.none() ? Optional.empty()
        : Optional.of(rate(lookback, objective, Exact.divide(events.bad(), events.total())));
  }

  /** The rate of slices over {@code lookback}; empty when no slice in it was judged. */
  public static Optional<BurnRate> of(Duration lookback, Objective objective, Timeslices slices) {
    return slices.judged() == 0 ? Optional.empty()
        : Optional.of(rate(lookback, objective, Exact.divide(slices.bad(), slices.judged())));
  }

  /** The rate of a time-based SLI over {@code lookback}; empty when no time in it counted. */
  public static Optional<BurnRate> of(Duration lookback, Objective objective, Availability availability) {
    return availability.valid().isZero() ? Optional.empty() : Optional.of(rate(lookback, objective,
        Exact.divide(Exact.seconds(availability.downtime()), Exact.seconds(availability.valid()))));
  }

  private static BurnRate rate(Duration lookback, Objective objective, BigDecimal badShare) {
    return new BurnRate(lookback, Exact.divide(badShare, objective.budgetRatio()));
  }

  /** Whether the rate is above {@code factor}: a rate just at it does not exceed it. */
  public boolean exceeds(BigDecimal factor) {
    return rate.compareTo(factor) > 0;
  }

  /**
   * The share of the budget of a window {@code windowLength} long that burning at this rate for the lookback spends:
   * 14.4 for an hour of a 30-day window spends 0.02.
   */
  public BigDecimal budgetSpent(Duration windowLength) {
    return Exact.divide(rate.multiply(Exact.seconds(lookback)), Exact.seconds(windowLength));
  }

  /**
   * When the budget runs out if it keeps burning at this rate from {@code period.at()}: at once when none is left;
   * empty when it does not burn, when nothing was measured, or when a calendar window ends first and its budget
   * starts afresh. At rate 1, a whole budget runs out exactly at the window's end.
   */
  public Optional<Instant> exhaustion(ErrorBudget budget, SloPeriod period) {
    Optional<BigDecimal> left = budget.remainingShare();
    if (left.isEmpty() || rate.signum() == 0 && left.get().signum() > 0) {
      return Optional.empty();
    }
    if (left.get().signum() <= 0) {
      return Optional.of(period.at());
    }
    // The window's whole budget lasts the window's length at rate 1, so the share left lasts share × length / rate.
    Instant out = period.at().plus(Exact.times(period.length(), Exact.divide(left.get(), rate)));
    return period.resets() && out.isAfter(period.whole().end()) ? Optional.empty() : Optional.of(out);
  }
}
