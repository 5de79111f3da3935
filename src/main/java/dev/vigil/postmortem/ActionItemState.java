package dev.vigil.postmortem;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.system.StoredValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an action item stands, as the {@code action_item.status} check constraint allows: still to do (open, in
 * progress), which is reminded of once overdue, or finished (done, or decided against).
 */
enum ActionItemState implements StoredValue {
  OPEN, IN_PROGRESS, DONE, WONT_DO;

  @JsonValue
  @Override
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the item is finished: done, or decided against; it then has a completion time and no reminders. */
  boolean finished() {
    return this == DONE || this == WONT_DO;
  }

  static ActionItemState of(String value) {
    return StoredValue.of(ActionItemState.class, value);
  }

  static Optional<ActionItemState> parse(String text) {
    return StoredValue.parse(ActionItemState.class, text);
  }

  static String listed() {
    return StoredValue.listed(ActionItemState.class);
  }
}
