package dev.vigil.incident;

/** Whether an incident pages at once (high) or waits for the service's business hours (low). */
public enum Urgency {
  HIGH, LOW;

  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
