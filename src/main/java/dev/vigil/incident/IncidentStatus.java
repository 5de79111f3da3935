package dev.vigil.incident;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an incident stands, as the check constraint on {@code incident.status} allows it; stored, and shown in the
 * API, as its lower-case {@link #value()}.
 */
public enum IncidentStatus {
  TRIGGERED, ACKNOWLEDGED, MITIGATED, RESOLVED;

  /** The states of an incident that is not resolved, in the order people work through them. */
  public static final List<IncidentStatus> OPEN = List.of(TRIGGERED, ACKNOWLEDGED, MITIGATED);

  /** The stored value, such as {@code "triggered"}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stored value, so that pages showing rows typed or not say the same word. */
  @Override
  public String toString() {
    return value();
  }

  /** The state a stored value names. */
  public static IncidentStatus of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** The state a word names, if it names one: status updates keep the word of their incident's state then. */
  public static Optional<IncidentStatus> parse(String value) {
    for (IncidentStatus s : values()) {
      if (s.value().equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The stored values of these states, as queries take them. */
  static List<String> values(List<IncidentStatus> states) {
    return states.stream().map(IncidentStatus::value).toList();
  }
}
