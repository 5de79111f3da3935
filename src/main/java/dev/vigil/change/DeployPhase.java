package dev.vigil.change;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.system.StoredValue;
import java.util.Arrays;

/** A phase a pipeline reports for a deploy, each at most once; every phase but started ends in its outcome. */
enum DeployPhase implements StoredValue {
  STARTED("started", DeployOutcome.IN_PROGRESS), SUCCEEDED("succeeded", DeployOutcome.SUCCEEDED),
  FAILED("failed", DeployOutcome.FAILED), ROLLED_BACK("rolled_back", DeployOutcome.ROLLED_BACK);

  private final String value;
  private final DeployOutcome outcome;

  DeployPhase(String value, DeployOutcome outcome) {
    this.value = value;
    this.outcome = outcome;
  }

  @Override
  @JsonValue
  public String value() {
    return value;
  }

  DeployOutcome outcome() {
    return outcome;
  }

  @JsonCreator
  static DeployPhase parse(String text) {
    return StoredValue.parse(DeployPhase.class, text).orElseThrow(() -> new IllegalArgumentException(
        "unknown phase '" + text + "': expected " + StoredValue.listed(DeployPhase.class)));
  }

  /**
   * Whether a deploy whose outcome is {@code from} may move to this phase: an end once it is under way, and a
   * rollback after any end but another rollback.
   */
  boolean follows(DeployOutcome from) {
    return switch (this) {
      case STARTED -> false;
      case SUCCEEDED, FAILED -> from == DeployOutcome.IN_PROGRESS;
      case ROLLED_BACK -> from != DeployOutcome.ROLLED_BACK;
    };
  }

  static String[] names() {
    return Arrays.stream(values()).map(DeployPhase::value).toArray(String[]::new);
  }
}
