package dev.vigil.catalog;

/** The kinds of catalog object, in the order they are created (and the reverse of the order they are deleted). */
public enum CatalogKind {
  TEAM("team", "team"),
  USER("user", "app_user"),
  SCHEDULE("schedule", "schedule"),
  ESCALATION_POLICY("escalation policy", "escalation_policy"),
  SERVICE("service", "service"),
  INTEGRATION("integration", "integration"),
  CUSTOMER("customer", "customer");

  private final String label;
  private final String table;

  CatalogKind(String label, String table) {
    this.label = label;
    this.table = table;
  }

  /** The kind as people say it: "escalation policy". */
  public String label() {
    return label;
  }

  String table() {
    return table;
  }
}
