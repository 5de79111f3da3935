package dev.vigil.slo;

import dev.vigil.availability.Availability;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An SLO's error budget over its window: how much may be bad (events, slices or time), how much has been, what is
 * left, and the SLI itself. Read the state first: without data, or with no traffic, there is no SLI and no share of
 * the budget to show, and the figures are not 100 % or 0 % of anything.
 *
 * <p>Events are counted as they come, so the budget by occurrences is a share of the events so far; slices and time
 * are known in advance, so their budget is the whole window's (a calendar month ten days in has the month's budget,
 * of which ten days have been spent), less what was measured to have no data.
 *
 * @param objective the SLO's objective
 * @param state whether anything was measured
 * @param sli the share of what was judged that was good; null unless measured
 * @param total what the objective allows to be bad, in the budget's unit (events, slices, seconds)
 * @param consumed what was bad so far, in the same unit
 * @param unit how long one unit lasts (a slice, or a second of time); null for events, which have no length
 */
public record ErrorBudget(Objective objective, BudgetState state, BigDecimal sli, BigDecimal total,
    BigDecimal consumed, Duration unit) {

  public ErrorBudget {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(consumed, "consumed");
    if ((sli != null) != (state == BudgetState.MEASURED)) {
      throw new IllegalArgumentException("an SLI is there exactly when something was measured");
    }
  }

  /** The budget of an SLO whose source gave no data for the window. */
  public static ErrorBudget noData(Objective objective) {
    return new ErrorBudget(objective, BudgetState.NO_DATA, null, BigDecimal.ZERO, BigDecimal.ZERO, null);
  }

  /** The budget by occurrences: the objective's share of the events so far may be bad. */
  public static ErrorBudget ofEvents(Objective objective, Events events) {
    if (events.none()) {
      return new ErrorBudget(objective, BudgetState.ZERO_TRAFFIC, null, BigDecimal.ZERO, BigDecimal.ZERO, null);
    }
    return new ErrorBudget(objective, BudgetState.MEASURED, Exact.divide(events.good(), events.total()),
        BigDecimal.valueOf(events.total()).multiply(objective.budgetRatio()), BigDecimal.valueOf(events.bad()), null);
  }

  /**
   * The budget by timeslices over {@code period}: the objective's share of the whole window's slices may be bad, not
   * counting the slices so far judged neither way.
   */
  public static ErrorBudget ofSlices(Objective objective, SloPeriod period, Timeslices slices) {
    BigDecimal inWindow = Exact.divide(Exact.seconds(period.length()), Exact.seconds(slices.length()));
    BigDecimal counted = inWindow.subtract(BigDecimal.valueOf(slices.excluded())).max(BigDecimal.ZERO);
    BigDecimal total = counted.multiply(objective.budgetRatio());
    BigDecimal bad = BigDecimal.valueOf(slices.bad());
    if (slices.judged() > 0) {
      return new ErrorBudget(objective, BudgetState.MEASURED, Exact.divide(slices.good(), slices.judged()), total,
          bad, slices.length());
    }
    BudgetState state = slices.withoutTraffic() > 0 ? BudgetState.ZERO_TRAFFIC : BudgetState.NO_DATA;
    return new ErrorBudget(objective, state, null, total, bad, slices.length());
  }

  /**
   * The budget of a time-based SLI (probe or incident availability) over {@code period}, from its availability so
   * far: the objective's share of the whole window's time may be down, not counting the time excluded so far (no
   * data, maintenance).
   */
  public static ErrorBudget ofTime(Objective objective, SloPeriod period, Availability soFar) {
    Duration counted = period.length().minus(soFar.excluded());
    BigDecimal total = Exact.seconds(counted.isNegative() ? Duration.ZERO : counted).multiply(objective.budgetRatio());
    BigDecimal down = Exact.seconds(soFar.downtime());
    if (soFar.valid().isZero()) {
      return new ErrorBudget(objective, BudgetState.NO_DATA, null, total, down, Duration.ofSeconds(1));
    }
    BigDecimal sli = Exact.divide(Exact.seconds(soFar.uptime()), Exact.seconds(soFar.valid()));
    return new ErrorBudget(objective, BudgetState.MEASURED, sli, total, down, Duration.ofSeconds(1));
  }

  /** The SLI, the share of what was judged that was good; empty without data or traffic. */
  public Optional<BigDecimal> indicator() {
    return Optional.ofNullable(sli);
  }

  /** What may still be bad, in the budget's unit: below zero once the budget is overspent. */
  public BigDecimal remaining() {
    return total.subtract(consumed);
  }

  /** The share of the budget spent: above 1 once overspent; empty unless measured. */
  public Optional<BigDecimal> consumedShare() {
    return state != BudgetState.MEASURED || total.signum() == 0 ? Optional.empty()
        : Optional.of(Exact.divide(consumed, total));
  }

  /** The share of the budget left: below 0 once overspent; empty unless measured. */
  public Optional<BigDecimal> remainingShare() {
    return consumedShare().map(BigDecimal.ONE::subtract);
  }

  /** The budget as time, for slices and time-based SLIs; empty for events. */
  public Optional<Duration> totalTime() {
    return unit == null ? Optional.empty() : Optional.of(Exact.times(unit, total));
  }

  /** The time spent of the budget, for slices and time-based SLIs; empty for events. */
  public Optional<Duration> consumedTime() {
    return unit == null ? Optional.empty() : Optional.of(Exact.times(unit, consumed));
  }

  /**
   * The time left of the budget, for slices and time-based SLIs (negative once overspent); the total less what was
   * spent, so that the two always add up to it.
   */
  public Optional<Duration> remainingTime() {
    return totalTime().map(time -> time.minus(consumedTime().orElseThrow()));
  }
}
