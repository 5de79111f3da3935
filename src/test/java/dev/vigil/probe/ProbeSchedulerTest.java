package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeSchedulerTest {

  @Test
  void theNextRunIsAtTheProbesPhaseAfterNow() {
    Duration interval = Duration.ofSeconds(30);
    long now = 1_772_000_000_123L;
    long next = ProbeScheduler.nextRun(42, interval, now);
    assertThat(next).isGreaterThan(now).isLessThanOrEqualTo(now + 30_000);
    assertThat(ProbeScheduler.nextRun(42, interval, next)).as("one interval later").isEqualTo(next + 30_000);
    assertThat(ProbeScheduler.nextRun(42, interval, next - 1)).isEqualTo(next);
    assertThat(ProbeScheduler.nextRun(42, interval, now + 7)).as("deterministic").isEqualTo(next);
  }

  @Test
  void probesWithOneIntervalSpreadOverIt() {
    // 3000 probes every 30 s: no second of the interval should get many more than its share of 100.
    Map<Long, Integer> perSecond = new HashMap<>();
    long now = 1_772_000_000_000L;
    for (long id = 1; id <= 3000; id++) {
      long offset = ProbeScheduler.nextRun(id, Duration.ofSeconds(30), now) - now;
      perSecond.merge(offset / 1000, 1, Integer::sum);
    }
    assertThat(perSecond).hasSize(30);
    assertThat(perSecond.values()).allSatisfy(n -> assertThat(n).isBetween(60, 140));
  }
}
