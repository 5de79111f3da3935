package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.availability.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UptimeTest {

  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  @Test
  void sumsEachStateBetweenTheTransitionsInsideTheRange() {
    List<Uptime.Change> changes = List.of(
        new Uptime.Change(T0.plus(Duration.ofHours(1)), ProbeState.DOWN),
        new Uptime.Change(T0.plus(Duration.ofHours(1)).plusSeconds(90), ProbeState.UP));
    Uptime u = Uptime.over(T0, T0.plus(Duration.ofHours(24)), ProbeState.UP, changes);
    assertThat(u.down()).isEqualTo(Duration.ofSeconds(90));
    assertThat(u.up()).isEqualTo(Duration.ofHours(24).minusSeconds(90));
    assertThat(u.percent()).isEqualTo(100.0 * (86400 - 90) / 86400);
    assertThat(u.covered()).isEqualTo(new Interval(T0, T0.plus(Duration.ofHours(24))));
  }

  @Test
  void timeBeforeAnyStateIsUnknownAndLeftOutOfThePercentage() {
    Uptime u = Uptime.over(T0, T0.plus(Duration.ofHours(2)), ProbeState.UNKNOWN,
        List.of(new Uptime.Change(T0.plus(Duration.ofHours(1)), ProbeState.UP)));
    assertThat(u.unknown()).isEqualTo(Duration.ofHours(1));
    assertThat(u.percent()).isEqualTo(100.0);
    assertThat(u.covered()).as("the figure covers the hour the state was known")
        .isEqualTo(new Interval(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2))));
    assertThat(Uptime.over(T0, T0.plusSeconds(5), ProbeState.UNKNOWN, List.of()).percent()).isNull();
    assertThat(Uptime.over(T0, T0.plusSeconds(5), ProbeState.UNKNOWN, List.of()).covered()).isNull();
  }
}
