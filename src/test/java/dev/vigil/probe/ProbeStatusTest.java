package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeStatusTest {

  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  static ProbeResult result(int second, boolean success) {
    return new ProbeResult(T0.plusSeconds(second), success, Duration.ofMillis(20), success ? "200 OK" : "status 500",
        null);
  }

  @Test
  void aBlipDoesNotChangeTheStateButTwoFailuresInARowDo() {
    ProbeStatus status = new ProbeStatus(ProbeState.UP, T0, false);
    assertThat(status.apply(result(30, false), 2, 2)).isNull();
    assertThat(status.apply(result(60, true), 2, 2)).isNull();
    assertThat(status.apply(result(90, false), 2, 2)).isNull();
    ProbeStatus.Transition down = status.apply(result(120, false), 2, 2);

    assertThat(down).isNotNull();
    assertThat(down.from()).isEqualTo(ProbeState.UP);
    assertThat(down.state()).isEqualTo(ProbeState.DOWN);
    assertThat(down.at()).as("dated at the first failure of the streak").isEqualTo(T0.plusSeconds(90));
    assertThat(status.state()).isEqualTo(ProbeState.DOWN);
    assertThat(status.apply(result(150, false), 2, 2)).as("already down").isNull();
  }

  @Test
  void upAgainOnlyAfterTheConfiguredSuccessesInARow() {
    ProbeStatus status = new ProbeStatus(ProbeState.DOWN, T0, true);
    assertThat(status.apply(result(30, true), 2, 3)).isNull();
    assertThat(status.apply(result(60, true), 2, 3)).isNull();
    assertThat(status.apply(result(90, false), 2, 3)).isNull();
    assertThat(status.apply(result(120, true), 2, 3)).isNull();
    assertThat(status.apply(result(150, true), 2, 3)).isNull();
    ProbeStatus.Transition up = status.apply(result(180, true), 2, 3);
    assertThat(up.state()).isEqualTo(ProbeState.UP);
    assertThat(up.at()).isEqualTo(T0.plusSeconds(120));
  }

  @Test
  void unknownDecidesAfterTheThresholdToo() {
    ProbeStatus status = new ProbeStatus(ProbeState.UNKNOWN, T0, false);
    assertThat(status.apply(result(0, true), 2, 2)).isNull();
    assertThat(status.apply(result(30, true), 2, 2).state()).isEqualTo(ProbeState.UP);

    ProbeStatus once = new ProbeStatus(ProbeState.UNKNOWN, T0, false);
    assertThat(once.apply(result(0, false), 1, 1).state()).as("a threshold of 1 decides at once")
        .isEqualTo(ProbeState.DOWN);
  }
}
