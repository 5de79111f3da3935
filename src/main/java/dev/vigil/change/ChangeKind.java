package dev.vigil.change;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.system.StoredValue;

/** What kind of change was made: a deploy of a version, or a change recorded once without one. */
public enum ChangeKind implements StoredValue {
  DEPLOY("deploy"), CONFIG("config"), FEATURE_FLAG("feature_flag"), INFRASTRUCTURE("infrastructure"),
  OTHER("other");

  private final String value;

  ChangeKind(String value) {
    this.value = value;
  }

  @Override
  @JsonValue
  public String value() {
    return value;
  }

  @JsonCreator
  static ChangeKind parse(String text) {
    return StoredValue.parse(ChangeKind.class, text).orElseThrow(() -> new IllegalArgumentException(
        "unknown kind '" + text + "': expected " + StoredValue.listed(ChangeKind.class)));
  }
}
