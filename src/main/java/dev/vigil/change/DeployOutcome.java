package dev.vigil.change;

import dev.vigil.system.StoredValue;

/** Where a change stands: a deploy under way, or how it ended; a change event is succeeded when recorded. */
enum DeployOutcome implements StoredValue {
  IN_PROGRESS("in_progress"), SUCCEEDED("succeeded"), FAILED("failed"), ROLLED_BACK("rolled_back");

  private final String value;

  DeployOutcome(String value) {
    this.value = value;
  }

  @Override
  public String value() {
    return value;
  }

  /** Whether this outcome is one a responder looks at first: the deploy failed or was undone. */
  boolean bad() {
    return this == FAILED || this == ROLLED_BACK;
  }
}
