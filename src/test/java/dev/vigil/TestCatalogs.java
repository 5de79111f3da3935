package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogLoader;
import dev.vigil.catalog.LoadResult;
import java.nio.file.Path;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Catalogs for tests: load one from YAML text, and empty the database between tests that share it. */
public final class TestCatalogs {

  private TestCatalogs() {}

  /** A valid catalog from YAML; fails the test with the problems when it is not valid. */
  public static Catalog load(String yaml) {
    LoadResult result = CatalogLoader.withEnvironment(k -> null).load("vigil.yaml", yaml);
    assertThat(result.ok()).as("%s", result.problems()).isTrue();
    return result.catalog();
  }

  /** A valid catalog from a file, with the runbooks beside it; fails the test with the problems when it is not valid. */
  public static Catalog load(Path file) {
    LoadResult result = CatalogLoader.withEnvironment(k -> null).load(file);
    assertThat(result.ok()).as("%s", result.problems()).isTrue();
    return result.catalog();
  }

  /** Removes every incident, alert and catalog object, so that a test starts from an empty installation. */
  public static void reset(JdbcClient jdbc) {
    // Background jobs of the shared test application (escalation, heartbeat and probe checks) may hold row locks on
    // these tables and then want another: PostgreSQL breaks such a deadlock by failing one side, sometimes this one.
    for (int attempt = 1; ; attempt++) {
      try {
        jdbc.sql("""
                truncate incident, alert, incident_event, team, app_user, team_member, schedule, escalation_policy,
                service, service_dependency, integration, customer, incident_policy, status_page, prometheus_source,
                change_freeze,
                catalog_version
                restart identity cascade""").update();
        return;
      } catch (org.springframework.dao.PessimisticLockingFailureException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }
}
