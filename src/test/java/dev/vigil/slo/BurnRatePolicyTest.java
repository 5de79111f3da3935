package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.slo.BurnRatePolicy.Response;
import dev.vigil.slo.BurnRatePolicy.Rule;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The multiwindow, multi-burn-rate policy: the workbook's rules by default, a rule firing when both its lookbacks
 * burn above its factor and clearing when the short one no longer does, a page taking precedence over a ticket.
 */
class BurnRatePolicyTest {

  static final Duration M5 = Duration.ofMinutes(5);
  static final Duration H1 = Duration.ofHours(1);
  static final Rule FAST = BurnRatePolicy.defaults().rules().getFirst();

  static Map<Duration, BurnRate> rates(Object... lookbackAndRate) {
    Map<Duration, BurnRate> rates = new HashMap<>();
    for (int i = 0; i < lookbackAndRate.length; i += 2) {
      Duration lookback = (Duration) lookbackAndRate[i];
      rates.put(lookback, new BurnRate(lookback, new BigDecimal((String) lookbackAndRate[i + 1])));
    }
    return rates;
  }

  @Test
  void theDefaultsAreTheWorkbooksPagesAndTickets() {
    assertThat(BurnRatePolicy.defaults().rules()).containsExactly(
        new Rule(Response.PAGE, new BigDecimal("14.4"), H1, M5),
        new Rule(Response.PAGE, new BigDecimal("6"), Duration.ofHours(6), Duration.ofMinutes(30)),
        new Rule(Response.TICKET, new BigDecimal("3"), Duration.ofDays(1), Duration.ofHours(2)),
        new Rule(Response.TICKET, BigDecimal.ONE, Duration.ofDays(3), Duration.ofHours(6)));
    assertThat(BurnRatePolicy.defaults().lookbacks()).containsExactly(M5, Duration.ofMinutes(30), H1,
        Duration.ofHours(2), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));
  }

  @Test
  void aRuleFiresOnlyWhenBothLookbacksBurnAboveItsFactor() {
    assertThat(FAST.fires(rates(H1, "15", M5, "15"), false)).isTrue();
    assertThat(FAST.fires(rates(H1, "15", M5, "14.4"), false)).as("the burn has stopped").isFalse();
    assertThat(FAST.fires(rates(H1, "10", M5, "100"), false)).as("a blip").isFalse();
    assertThat(FAST.fires(rates(M5, "100"), false)).as("nothing measured over the hour").isFalse();
  }

  @Test
  void aFiringRuleClearsWhenTheShortLookbackNoLongerBurnsAboveItsFactor() {
    assertThat(FAST.fires(rates(H1, "10", M5, "20"), true)).as("still burning").isTrue();
    assertThat(FAST.fires(rates(H1, "40", M5, "14.4"), true)).as("the hour still shows it").isFalse();
    assertThat(FAST.fires(rates(H1, "40"), true)).as("no traffic in the last five minutes").isFalse();
  }

  @Test
  void aHalfHourOutagePagesAfterAMinuteAndEachRuleClearsAsItsShortLookbackLeavesTheOutageBehind() {
    // 1,000 requests a minute at 99.9 %: every one fails from minute 60 to minute 90.
    BurnRatePolicy policy = BurnRatePolicy.defaults();
    Objective objective = Objective.of("99.9");
    List<Rule> firing = List.of();
    List<String> changes = new ArrayList<>();
    for (int minute = 1; minute <= 480; minute++) {
      Map<Duration, BurnRate> rates = new HashMap<>();
      for (Duration lookback : policy.lookbacks()) {
        long minutes = Math.min(lookback.toMinutes(), minute);
        long failed = Math.max(0, Math.min(minute, 90) - Math.max(minute - minutes, 60));
        BurnRate.of(lookback, objective, new Events((minutes - failed) * 1000, minutes * 1000))
            .ifPresent(rate -> rates.put(lookback, rate));
      }
      List<Rule> now = policy.firing(rates, firing);
      if (!now.equals(firing)) {
        changes.add(minute + ": " + BurnRatePolicy.response(now).map(Response::name).orElse("clear") + " "
            + now.stream().map(rule -> rule.factor().toPlainString()).toList());
      }
      firing = now;
    }
    assertThat(changes).containsExactly("61: PAGE [14.4, 6, 3, 1]", "95: PAGE [6, 3, 1]", "120: TICKET [3, 1]",
        "210: TICKET [1]", "450: clear []");
  }

  @Test
  void aPageTakesPrecedenceOverATicket() {
    List<Rule> rules = BurnRatePolicy.defaults().rules();
    assertThat(BurnRatePolicy.response(List.of(rules.get(3), rules.get(1)))).contains(Response.PAGE);
    assertThat(BurnRatePolicy.response(List.of(rules.get(2)))).contains(Response.TICKET);
    assertThat(BurnRatePolicy.response(List.of())).isEmpty();
  }

  @Test
  void aRuleNeedsAPositiveFactorAndAShortWindowShorterThanItsLongOne() {
    assertThatThrownBy(() -> new Rule(Response.PAGE, new BigDecimal("14.4"), M5, H1)).hasMessage(
        "a rule's short window (PT1H) is longer than zero and shorter than its long window (PT5M)");
    assertThatThrownBy(() -> new Rule(Response.PAGE, BigDecimal.ZERO, H1, M5)).hasMessage(
        "a burn rate factor is above 0, got 0");
  }
}
