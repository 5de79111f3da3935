package dev.vigil.probe;

import dev.vigil.availability.Availability;
import dev.vigil.availability.Interval;
import dev.vigil.availability.StateChange;
import dev.vigil.availability.StateHistory;
import dev.vigil.availability.TimeSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Time a probe spent up, down and unknown over a range, from its state transitions: exact, because every change of
 * state is stored with its instant. Unknown time (before the probe existed or had decided a state) does not count,
 * and the figure covers only the part of the range from the first known instant to the last.
 *
 * @param covered that part; null when the state was never known in the range
 */
record Uptime(Availability availability, Interval covered) {

  /** A state from an instant on. */
  record Change(Instant at, ProbeState state) implements StateChange<ProbeState> {}

  /**
   * Sums the states over [from, to): {@code before} is the state at {@code from} (unknown when the probe had none),
   * {@code changes} the transitions inside the range in time order.
   */
  static Uptime over(Instant from, Instant to, ProbeState before, List<Change> changes) {
    StateHistory<ProbeState> history = StateHistory.of(new Interval(from, to), before, changes);
    TimeSet unknown = history.timeIn(ProbeState.UNKNOWN);
    return new Uptime(Availability.over(history.window(), history.timeIn(ProbeState.DOWN), unknown),
        Availability.covered(history.window(), unknown).orElse(null));
  }

  /** Time in state up. */
  Duration up() {
    return availability.uptime();
  }

  /** Time in state down. */
  Duration down() {
    return availability.downtime();
  }

  /** Time before the probe existed or had decided a state. */
  Duration unknown() {
    return availability.excluded();
  }

  /** Up time as a percentage of the time the state was known; null when it never was. */
  Double percent() {
    return availability.percent();
  }
}
