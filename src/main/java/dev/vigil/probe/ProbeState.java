package dev.vigil.probe;

import java.util.Locale;

/** Whether a probe counts as up or down; unknown until enough results in a row decide. */
public enum ProbeState {
  UP, DOWN, UNKNOWN;

  /** The value as stored and shown in the API. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ProbeState of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
