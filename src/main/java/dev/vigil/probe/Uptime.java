package dev.vigil.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Time a probe spent up, down and unknown over a range, from its state transitions: exact, because every change of
 * state is stored with its instant.
 *
 * @param up time in state up
 * @param down time in state down
 * @param unknown time before the probe existed or had decided a state
 */
record Uptime(Duration up, Duration down, Duration unknown) {

  /** A state from an instant on. */
  record Change(Instant at, ProbeState state) {}

  /**
   * Sums the states over [from, to): {@code before} is the state at {@code from} (unknown when the probe had none),
   * {@code changes} the transitions inside the range in time order.
   */
  static Uptime over(Instant from, Instant to, ProbeState before, List<Change> changes) {
    long[] millis = new long[ProbeState.values().length];
    Instant cursor = from;
    ProbeState state = before;
    for (Change c : changes) {
      if (c.at().isBefore(from) || !c.at().isBefore(to)) {
        continue;
      }
      millis[state.ordinal()] += Duration.between(cursor, c.at()).toMillis();
      cursor = c.at();
      state = c.state();
    }
    millis[state.ordinal()] += Duration.between(cursor, to).toMillis();
    return new Uptime(Duration.ofMillis(millis[ProbeState.UP.ordinal()]),
        Duration.ofMillis(millis[ProbeState.DOWN.ordinal()]), Duration.ofMillis(millis[ProbeState.UNKNOWN.ordinal()]));
  }

  /** Up time as a percentage of the time the state was known; null when it never was. */
  Double percent() {
    long known = up.toMillis() + down.toMillis();
    return known == 0 ? null : 100.0 * up.toMillis() / known;
  }
}
