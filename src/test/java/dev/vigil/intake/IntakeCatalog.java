package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.CatalogLoader;
import dev.vigil.catalog.CatalogService;
import dev.vigil.catalog.LoadResult;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The small catalog the intake integration tests send alerts to, with declared keys so that tests know them. */
final class IntakeCatalog {

  static final String ALERTMANAGER_KEY = "am-key-0123456789abcdefghij";
  static final String GRAFANA_KEY = "grafana-key-0123456789abcdef";
  static final String PAGERDUTY_KEY = "pd-key-0123456789abcdefghijk";
  static final String EVENTS_KEY = "events-key-0123456789abcdefg";
  /** An events integration that routes by the {@code queue} label and has no default service. */
  static final String ROUTED_KEY = "routed-key-0123456789abcdefg";
  /** An events integration with {@code rate_limit: 3}. */
  static final String THROTTLED_KEY = "throttled-key-0123456789abcd";

  static final String YAML = """
      version: 1
      teams:
        - name: platform
          members: [alice]
      users:
        - name: alice
          full_name: Alice Martin
          email: alice@example.com
          time_zone: Europe/Paris
          role: admin
      services:
        - name: api
          team: platform
          tier: 2
          kind: http-service
        - name: db
          team: platform
          tier: 2
          kind: postgres
      integrations:
        - name: prometheus
          type: alertmanager
          service: api
          key: %s
        - name: grafana
          type: grafana
          service: api
          key: %s
          group_by: [alertname]
        - name: pagerduty
          type: pagerduty
          service: db
          key: %s
        - name: batch
          type: events
          service: db
          key: %s
        - name: routed
          type: events
          routing:
            - match: {queue: invoices}
              service: db
          key: %s
        - name: throttled
          type: events
          service: api
          key: %s
          rate_limit: 3
      """.formatted(ALERTMANAGER_KEY, GRAFANA_KEY, PAGERDUTY_KEY, EVENTS_KEY, ROUTED_KEY, THROTTLED_KEY);

  private IntakeCatalog() {}

  /**
   * Empties incidents and the catalog and applies {@link #YAML}. Identities are not restarted: rate limits are kept
   * per integration id in memory, and a fresh id per test keeps one test's spent allowance out of the next.
   */
  static void reset(CatalogService catalog, JdbcClient jdbc) {
    jdbc.sql("""
            truncate incident_event, alert, incident, team, app_user, team_member, schedule, escalation_policy,
            service, service_dependency, integration, customer, catalog_version cascade""").update();
    LoadResult loaded = CatalogLoader.withEnvironment(name -> null).load("vigil.yaml", YAML);
    assertThat(loaded.ok()).as("%s", loaded.problems()).isTrue();
    catalog.apply(loaded.catalog(), "/etc/vigil/vigil.yaml", "intake-it");
  }

  /** Rows in the tables intake writes to, to show that a refused request stored nothing. */
  static long storedRows(JdbcClient jdbc) {
    return jdbc.sql("""
            select (select count(*) from alert) + (select count(*) from incident)
            + (select count(*) from incident_event)""").query(Long.class).single();
  }
}
