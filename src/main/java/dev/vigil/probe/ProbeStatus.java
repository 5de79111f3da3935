package dev.vigil.probe;

import java.time.Instant;

/**
 * The state of one probe and the streak of equal results it is counting: a state changes only after N failures
 * (or successes) in a row, so that one blip does not page. Not thread-safe; {@link ProbeResults} serialises the
 * results of each probe.
 */
final class ProbeStatus {

  /** A change of state: to {@code state} at {@code at}, the first result of the streak that decided it. */
  record Transition(ProbeState from, ProbeState state, Instant at, String message) {}

  private ProbeState state;
  private Instant since;
  private boolean alerted;
  private int streak;
  private boolean streakSuccess;
  private Instant streakStart;

  ProbeStatus(ProbeState state, Instant since, boolean alerted) {
    this.state = state;
    this.since = since;
    this.alerted = alerted;
  }

  /**
   * Counts one result; returns the transition when it completes a streak that changes the state, else null. The
   * transition is dated at the streak's first result: that is when the probe really started failing (or working),
   * which keeps uptime exact.
   */
  Transition apply(ProbeResult result, int failuresBeforeDown, int successesBeforeUp) {
    if (streak > 0 && streakSuccess == result.success()) {
      streak++;
    } else {
      streak = 1;
      streakSuccess = result.success();
      streakStart = result.at();
    }
    ProbeState target = result.success() ? ProbeState.UP : ProbeState.DOWN;
    int needed = result.success() ? successesBeforeUp : failuresBeforeDown;
    if (state == target || streak < needed) {
      return null;
    }
    // A streak that started before the current state was entered (possible after a restart) dates from then.
    Instant at = since != null && streakStart.isBefore(since) ? since : streakStart;
    Transition t = new Transition(state, target, at, result.message());
    state = target;
    since = at;
    return t;
  }

  /**
   * Sets the state directly, for a probe whose state is decided by its locations' states (a quorum); returns the
   * transition, or null when the state does not change.
   */
  Transition decide(ProbeState target, Instant at, String message) {
    if (state == target) {
      return null;
    }
    Instant when = since != null && at.isBefore(since) ? since : at;
    Transition t = new Transition(state, target, when, message);
    state = target;
    since = when;
    streak = 0;
    return t;
  }

  ProbeState state() {
    return state;
  }

  Instant since() {
    return since;
  }

  boolean alerted() {
    return alerted;
  }

  void alerted(boolean value) {
    alerted = value;
  }

  /** Results in a row that agree with the last one. */
  int streak() {
    return streak;
  }
}
