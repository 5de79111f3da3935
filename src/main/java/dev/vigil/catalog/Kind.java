package dev.vigil.catalog;

/** The kinds of things a catalog declares by name, and that other entries refer to by that name. */
enum Kind {
  TEAM("team", "teams"),
  USER("user", "users"),
  SERVICE("service", "services"),
  INTEGRATION("integration", "integrations"),
  SCHEDULE("schedule", "schedules"),
  ESCALATION_POLICY("escalation policy", "escalation_policies"),
  CUSTOMER("customer", "customers"),
  /** Declared under a service, but named uniquely across the catalog: contracts and the API name an SLO alone. */
  SLO("SLO", "a service's slos"),
  PROMETHEUS_SOURCE("Prometheus source", "prometheus"),
  CHANGE_FREEZE("change freeze", "change_freezes");

  /** How messages name one of this kind. */
  final String label;

  /** The top-level key that lists them. */
  final String section;

  Kind(String label, String section) {
    this.label = label;
    this.section = section;
  }
}
