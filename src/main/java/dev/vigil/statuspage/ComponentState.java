package dev.vigil.statuspage;

import java.util.Locale;

/** What the public is told about a component (or a whole page), mildest first. */
enum ComponentState {
  OPERATIONAL("Operational", "All systems operational"),
  UNDER_MAINTENANCE("Under maintenance", "Maintenance in progress"),
  DEGRADED("Degraded performance", "Degraded performance"),
  PARTIAL_OUTAGE("Partial outage", "Partial outage"),
  MAJOR_OUTAGE("Major outage", "Major outage");

  private final String label;
  private final String banner;

  ComponentState(String label, String banner) {
    this.label = label;
    this.banner = banner;
  }

  /** How a component in this state is labelled. */
  public String label() {
    return label;
  }

  /** The page's banner when this is the worst state of its components. */
  public String banner() {
    return banner;
  }

  /** The value in feeds, badges, webhooks and CSS classes: {@code partial-outage}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  ComponentState worse(ComponentState other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  boolean isOutage() {
    return this == PARTIAL_OUTAGE || this == MAJOR_OUTAGE;
  }
}
