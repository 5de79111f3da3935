package dev.vigil.change;

import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.TestJobs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.security.ApiPrincipal;
import dev.vigil.security.Role;
import dev.vigil.security.TokenService;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalog the change tests record deploys on: web depends on api, which depends on db; payments owns web and api,
 * platform owns db; a PagerDuty integration on api opens incidents and takes change events.
 */
final class ChangeCatalog {

  static final String PAGERDUTY_KEY = "chg-pd-key-0123456789abcdefgh";

  static final String YAML = """
      version: 1
      teams:
        - name: payments
          members: [ana]
        - name: platform
          members: [ana]
      users:
        - name: ana
          email: ana@example.com
      services:
        - name: db
          team: platform
          tier: 1
          kind: postgres
        - name: api
          team: payments
          tier: 1
          kind: http-service
          depends_on: [db]
        - name: web
          team: payments
          tier: 2
          kind: http-service
          depends_on: [api]
      integrations:
        - name: api-pagerduty
          type: pagerduty
          service: api
          key: %s
      """.formatted(PAGERDUTY_KEY);

  private ChangeCatalog() {}

  /** Empties changes, incidents and the catalog, and applies {@link #YAML}. */
  static void reset(CatalogService catalog, JdbcClient jdbc) {
    TestJobs.quiesce(jdbc, "none");
    jdbc.sql("truncate change, change_commit, change_phase, incident_change cascade").update();
    TestCatalogs.reset(jdbc);
    catalog.apply(TestCatalogs.load(YAML), "/etc/vigil/vigil.yaml", "change-it");
  }

  /** A deployer token scoped to these teams and services. */
  static String deployer(TokenService tokens, List<String> teams, List<String> services) {
    return tokens.issue("ci " + teams + services, Role.DEPLOYER, null, new ApiPrincipal.DeployScope(services, teams),
        "change-it").token();
  }

  /** Rows in the change log's tables, to show that a refused request stored nothing. */
  static long storedRows(JdbcClient jdbc) {
    return jdbc.sql("""
        select (select count(*) from change) + (select count(*) from change_commit)
             + (select count(*) from change_phase) + (select count(*) from incident_change)""")
        .query(Long.class).single();
  }
}
