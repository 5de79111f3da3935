package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link RateLimits}: alerts per minute per integration, on the injected clock. */
class IntakeRateLimitsTest {

  final TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
  final RateLimits limits = new RateLimits(clock);

  @Test
  void aBurstUpToTheLimitPassesThenAlertsTrickleInAtTheLimit() {
    limits.take(1, "prometheus", 60, 40);
    limits.take(1, "prometheus", 60, 20);
    assertThatThrownBy(() -> limits.take(1, "prometheus", 60, 1)).isInstanceOfSatisfying(RateLimitedException.class,
        e -> {
          assertThat(e.retryAfterSeconds()).isEqualTo(1);
          assertThat(e.getMessage()).contains("'prometheus'", "at most 60 alerts per minute", "Nothing was stored");
        });
    clock.advance(Duration.ofSeconds(10));
    limits.take(1, "prometheus", 60, 10);
    assertThatThrownBy(() -> limits.take(1, "prometheus", 60, 30))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(30));
  }

  @Test
  void everyAlertOfABatchCountsAndABatchOverTheLimitNeverPasses() {
    assertThatThrownBy(() -> limits.take(1, "grafana", 10, 11)).isInstanceOfSatisfying(RateLimitedException.class,
        e -> assertThat(e.getMessage()).contains("this request has 11", "send smaller batches"));
    limits.take(1, "grafana", 10, 10);
  }

  @Test
  void integrationsHaveTheirOwnAllowances() {
    limits.take(1, "a", 5, 5);
    limits.take(2, "b", 5, 5);
    assertThatThrownBy(() -> limits.take(1, "a", 5, 1)).isInstanceOf(RateLimitedException.class);
  }

  @Test
  void alertsGivenBackCanBeTakenAgain() {
    limits.take(1, "a", 5, 5);
    limits.giveBack(1, 5);
    limits.take(1, "a", 5, 5);
  }

  @Test
  void aChangedLimitTakesEffectAtOnce() {
    limits.take(1, "a", 5, 5);
    limits.take(1, "a", 100, 50);
  }

  @Test
  void emptyBatchesTakeNothing() {
    limits.take(1, "a", 1, 1);
    limits.take(1, "a", 1, 0);
  }
}
