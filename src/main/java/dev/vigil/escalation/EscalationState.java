package dev.vigil.escalation;

import dev.vigil.system.StoredValue;
import java.util.Locale;

/**
 * Where an incident's escalation stands, as the {@code escalation.state} check constraint allows: waiting for the
 * service's support hours, paging step after step, held by an acknowledgement or mitigation, or finished.
 */
enum EscalationState implements StoredValue {
  WAITING, ACTIVE, ACKNOWLEDGED, DONE;

  @Override
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a step is still to page: the policy is under way or waits for support hours to begin. */
  boolean pending() {
    return this == ACTIVE || this == WAITING;
  }

  static EscalationState of(String value) {
    return StoredValue.of(EscalationState.class, value);
  }
}
