package dev.vigil.catalog;

/** The kinds of catalog object, in the order they are created (and the reverse of the order they are deleted). */
public enum CatalogKind {
  TEAM("team", "team", "teams"),
  USER("user", "app_user", "users"),
  SCHEDULE("schedule", "schedule", "schedules"),
  ESCALATION_POLICY("escalation policy", "escalation_policy", "escalationPolicies"),
  SERVICE("service", "service", "services"),
  INTEGRATION("integration", "integration", "integrations"),
  CUSTOMER("customer", "customer", "customers"),
  INCIDENT_POLICY("incident policy", "incident_policy", "incidentPolicy"),
  STATUS_PAGE("status page", "status_page", "statusPages"),
  PROMETHEUS_SOURCE("Prometheus source", "prometheus_source", "prometheus"),
  CHANGE_FREEZE("change freeze", "change_freeze", "changeFreezes");

  private final String label;
  private final String table;
  private final String plural;

  CatalogKind(String label, String table, String plural) {
    this.label = label;
    this.table = table;
    this.plural = plural;
  }

  /** The kind's name in API responses, as in {@code escalationPolicies}. */
  public String plural() {
    return plural;
  }

  /** The kind as people say it: "escalation policy". */
  public String label() {
    return label;
  }

  String table() {
    return table;
  }
}
