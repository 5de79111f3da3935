package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a batch is cut into runs that set-based statements may store without changing its meaning. */
class IngestRunsTest {

  static AlertEvent event(AlertEvent.Action action, String fingerprint) {
    return new AlertEvent("test", fingerprint, action, "s", null, Map.of(), Map.of(), List.of(), null, null);
  }

  static AlertEvent fire(String fingerprint) {
    return event(AlertEvent.Action.TRIGGER, fingerprint);
  }

  static AlertEvent resolve(String fingerprint) {
    return event(AlertEvent.Action.RESOLVE, fingerprint);
  }

  @Test
  void distinctAlertsWithOneActionAreOneRun() {
    assertThat(AlertIngest.runs(List.of(fire("a"), fire("b"), fire("c")))).containsExactly(List.of(0, 1, 2));
  }

  @Test
  void aNewRunStartsWhenTheActionChangesOrAFingerprintComesBack() {
    assertThat(AlertIngest.runs(List.of(fire("a"), fire("b"), fire("a"), resolve("b"), resolve("c"),
        fire("d")))).containsExactly(List.of(0, 1), List.of(2), List.of(3, 4), List.of(5));
  }

  @Test
  void everyAcknowledgementIsARunOfItsOwn() {
    AlertEvent ack = event(AlertEvent.Action.ACKNOWLEDGE, "a");
    AlertEvent ackB = event(AlertEvent.Action.ACKNOWLEDGE, "b");
    assertThat(AlertIngest.runs(List.of(ack, ackB, fire("a")))).containsExactly(List.of(0), List.of(1),
        List.of(2));
  }

  @Test
  void anEmptyBatchHasNoRuns() {
    assertThat(AlertIngest.runs(List.of())).isEmpty();
  }
}
