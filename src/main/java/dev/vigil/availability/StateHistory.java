package dev.vigil.availability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The times a thing spent in each of its states over a window, from the state it was in when the window began and its
 * recorded changes of state: exact, since every change is stored with its instant.
 *
 * @param <S> the states the thing can be in (compared with {@code equals})
 */
public final class StateHistory<S> {

  private final Interval window;
  private final Map<S, TimeSet> times;

  private StateHistory(Interval window, Map<S, TimeSet> times) {
    this.window = window;
    this.times = times;
  }

  /**
   * The history over {@code window}.
   *
   * @param initial the state when the window begins (a caller with none yet passes its "unknown" state)
   * @param changes changes in time order; one before the window sets the state it begins with, and one at or after
   *     its end is not in it
   * @throws IllegalArgumentException when a change is earlier than the one before it
   */
  public static <S> StateHistory<S> of(Interval window, S initial, List<? extends StateChange<S>> changes) {
    Map<S, List<Interval>> spans = new HashMap<>();
    Instant cursor = window.start();
    S state = initial;
    Instant previous = null;
    for (StateChange<S> change : changes) {
      if (previous != null && change.at().isBefore(previous)) {
        throw new IllegalArgumentException("state changes out of time order: " + change.at() + " after " + previous);
      }
      previous = change.at();
      if (!change.at().isBefore(window.end())) {
        break;
      }
      Instant at = change.at().isAfter(cursor) ? change.at() : cursor;
      spans.computeIfAbsent(state, s -> new ArrayList<>()).add(new Interval(cursor, at));
      cursor = at;
      state = change.state();
    }
    spans.computeIfAbsent(state, s -> new ArrayList<>()).add(new Interval(cursor, window.end()));
    Map<S, TimeSet> times = new HashMap<>();
    spans.forEach((s, intervals) -> times.put(s, TimeSet.of(intervals)));
    return new StateHistory<>(window, times);
  }

  /** The window the history covers. */
  public Interval window() {
    return window;
  }

  /** The times of the window the thing was in {@code state}. */
  public TimeSet timeIn(S state) {
    Objects.requireNonNull(state, "state");
    return times.getOrDefault(state, TimeSet.EMPTY);
  }
}
