package dev.vigil.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * When a burning budget needs someone: multiwindow, multi-burn-rate rules, each firing when the burn rate over both
 * its long and its short lookback exceeds its factor, and clearing when the short one no longer does, so that an
 * alert neither fires on a blip nor stays long after the burn stopped.
 *
 * @param rules the rules, each of which may fire on its own
 */
public record BurnRatePolicy(List<Rule> rules) {

  /** What a firing rule asks for: a page now, or a ticket for working hours. */
  public enum Response {
    PAGE, TICKET
  }

  /**
   * One rule: the rate over both lookbacks above {@code factor}.
   *
   * @param response what it asks for when it fires
   * @param factor the burn rate both lookbacks must exceed
   * @param longWindow the lookback that shows the burn has lasted
   * @param shortWindow the lookback that shows it still goes on
   */
  public record Rule(Response response, BigDecimal factor, Duration longWindow, Duration shortWindow) {

    public Rule {
      Objects.requireNonNull(response, "response");
      Objects.requireNonNull(factor, "factor");
      if (factor.signum() <= 0) {
        throw new IllegalArgumentException("a burn rate factor is above 0, got " + factor.toPlainString());
      }
      if (shortWindow.isNegative() || shortWindow.isZero() || shortWindow.compareTo(longWindow) >= 0) {
        throw new IllegalArgumentException("a rule's short window (" + shortWindow + ") is longer than zero and"
            + " shorter than its long window (" + longWindow + ")");
      }
    }

    /**
     * Whether the rule fires given the rates over each lookback: when both exceed the factor, or, if it was firing,
     * as long as the short one still does. A lookback without a rate (nothing measured) exceeds nothing.
     */
    public boolean fires(Map<Duration, BurnRate> rates, boolean wasFiring) {
      boolean burning = exceeds(rates, shortWindow);
      return burning && (wasFiring || exceeds(rates, longWindow));
    }

    private boolean exceeds(Map<Duration, BurnRate> rates, Duration lookback) {
      BurnRate rate = rates.get(lookback);
      return rate != null && rate.exceeds(factor);
    }
  }

  public BurnRatePolicy {
    rules = List.copyOf(rules);
  }

  /**
   * The SRE workbook's rules for a 30-day window: page at 14.4 over 1h and 5m (2 % of the budget in an hour) and at
   * 6 over 6h and 30m (5 % in six hours); ticket at 3 over 1d and 2h (10 % in a day) and at 1 over 3d and 6h.
   */
  public static BurnRatePolicy defaults() {
    return new BurnRatePolicy(List.of(
        new Rule(Response.PAGE, new BigDecimal("14.4"), Duration.ofHours(1), Duration.ofMinutes(5)),
        new Rule(Response.PAGE, new BigDecimal("6"), Duration.ofHours(6), Duration.ofMinutes(30)),
        new Rule(Response.TICKET, new BigDecimal("3"), Duration.ofDays(1), Duration.ofHours(2)),
        new Rule(Response.TICKET, new BigDecimal("1"), Duration.ofDays(3), Duration.ofHours(6))));
  }

  /** Every lookback the rules read a burn rate over, shortest first. */
  public SortedSet<Duration> lookbacks() {
    SortedSet<Duration> lookbacks = new TreeSet<>();
    rules.forEach(rule -> {
      lookbacks.add(rule.longWindow());
      lookbacks.add(rule.shortWindow());
    });
    return lookbacks;
  }

  /** The rules that fire now, given the rates over each lookback and the rules that fired before. */
  public List<Rule> firing(Map<Duration, BurnRate> rates, Collection<Rule> firedBefore) {
    return rules.stream().filter(rule -> rule.fires(rates, firedBefore.contains(rule))).toList();
  }

  /** The most urgent response the firing rules ask for: a page over a ticket; empty when none fires. */
  public static Optional<Response> response(Collection<Rule> firing) {
    return firing.stream().map(Rule::response).min(Comparator.naturalOrder());
  }
}
