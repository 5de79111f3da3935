package dev.vigil.incident;

import java.util.Locale;

/**
 * How bad a sender says an alert is: one of the facts the incident policy's rules read. The severity the policy gives
 * the incident decides how it pages; with the built-in policy critical and error page at once, warning and info wait.
 */
public enum AlertSeverity {
  CRITICAL, ERROR, WARNING, INFO;

  /** Reads the common spellings of severities (critical, crit, page, error, err, warning, warn, info...). */
  public static AlertSeverity parse(String value) {
    if (value == null || value.isBlank()) {
      return ERROR;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "critical", "crit", "fatal", "emergency", "alert", "page", "p1", "sev1", "high", "disaster" -> CRITICAL;
      case "warning", "warn", "p3", "sev3", "medium", "average" -> WARNING;
      case "info", "information", "informational", "low", "p4", "p5", "sev4", "notice", "ok", "none" -> INFO;
      default -> ERROR;
    };
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
