package dev.vigil.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * For random changes of state, some before or after the window: the times in each state do not overlap and fill the
 * window, and at any instant the state is the one of the latest change at or before it; the property also rejects
 * a history that ignores a change made before the window.
 */
class StateHistoryPropertiesTest {

  static final List<String> STATES = List.of("up", "down", "unknown");

  /** A change of state in a random case. */
  record Change(Instant at, String state) implements StateChange<String> {}

  /** How a history is made, replaced by the broken variant. */
  interface Histories {
    StateHistory<String> of(Interval window, String initial, List<Change> changes);
  }

  static final Seeds.Property<Histories> STATES_FILL_THE_WINDOW = (histories, random) -> {
    Interval window = RandomTime.gridWindow(random);
    String initial = STATES.get(random.nextInt(STATES.size()));
    List<Change> changes = changes(random);
    StateHistory<String> history = histories.of(window, initial, changes);
    String why = "from " + initial + " with " + changes + " over " + window;
    TimeSet all = TimeSet.EMPTY;
    for (String state : STATES) {
      assertThat(all.intersection(history.timeIn(state))).as("%s overlaps another state: %s", state, why)
          .isEqualTo(TimeSet.EMPTY);
      all = all.union(history.timeIn(state));
    }
    assertThat(all).as(why).isEqualTo(TimeSet.of(window));
    for (int i = 0; i < 10 && !window.isEmpty(); i++) {
      Instant t = window.start().plusSeconds(random.nextLong(window.duration().toSeconds()));
      String expected = initial;
      for (Change c : changes) {
        expected = c.at().isAfter(t) ? expected : c.state();
      }
      assertThat(history.timeIn(expected).contains(t)).as("in %s at %s: %s", expected, t, why).isTrue();
    }
  };

  @Test
  void theStatesFillTheWindowWithoutOverlapAndFollowTheChanges() {
    Seeds.holds(StateHistory::of, STATES_FILL_THE_WINDOW);
  }

  @Test
  void theStatesRejectAHistoryThatIgnoresChangesBeforeTheWindow() {
    Seeds.rejects((window, initial, changes) -> StateHistory.of(window, initial,
        changes.stream().filter(c -> !c.at().isBefore(window.start())).toList()), STATES_FILL_THE_WINDOW);
  }

  @Test
  void changesOutOfTimeOrderAreRefused() {
    Instant t = RandomTime.ORIGIN;
    assertThatThrownBy(() -> StateHistory.of(new Interval(t, t.plusSeconds(60)), "up",
        List.of(new Change(t.plusSeconds(20), "down"), new Change(t.plusSeconds(10), "up"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of time order");
  }

  /** Changes in time order on the minute grid, some at the same instant. */
  static List<Change> changes(SplittableRandom random) {
    List<Change> changes = new ArrayList<>();
    Instant at = RandomTime.ORIGIN;
    int count = random.nextInt(12);
    for (int i = 0; i < count; i++) {
      at = at.plus(Duration.ofMinutes(random.nextInt(random.nextBoolean() ? 5 : 120)));
      changes.add(new Change(at, STATES.get(random.nextInt(STATES.size()))));
    }
    return changes;
  }
}
