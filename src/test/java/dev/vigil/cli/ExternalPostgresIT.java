package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil server} on an external PostgreSQL named by VIGIL_DATABASE_URL: a real Debian server, no embedded one. */
class ExternalPostgresIT {

  static final String ADMIN_TOKEN = "external-db-test-admin-token-0123456789";
  static final String PASSWORD = "vigil-it-password";

  @TempDir
  Path temp;

  @Test
  void migratesAndServesFromTheExternalDatabaseWithoutStartingAnEmbeddedOne() throws Exception {
    Path data = temp.resolve("data");
    try (DebianPostgres postgres = DebianPostgres.start(temp.resolve("pg"))) {
      postgres.createDatabase("vigil", "vigil", PASSWORD);
      String url = postgres.jdbcUrl("vigil");

      try (VigilProcess node = VigilProcess.start(data, Map.of(
          "VIGIL_DATABASE_URL", url,
          "VIGIL_DATABASE_USER", "vigil",
          "VIGIL_DATABASE_PASSWORD", PASSWORD,
          "VIGIL_ADMIN_TOKEN", ADMIN_TOKEN))) {
        node.awaitReady();
        assertThat(node.get("/api/v1/tokens", ADMIN_TOKEN).statusCode()).isEqualTo(200);

        try (Connection db = DriverManager.getConnection(url, "vigil", PASSWORD)) {
          assertThat(single(db, """
                  select count(*) from information_schema.tables where table_schema = 'public'
                  and table_name in ('api_token', 'scheduled_tasks', 'service')""")).as("Vigil's tables").isEqualTo("3");
          assertThat(Integer.parseInt(single(db, "select count(*) from flyway_schema_history where not success")))
              .as("failed migrations").isZero();
          assertThat(Integer.parseInt(single(db, "select count(*) from flyway_schema_history where success")))
              .as("applied migrations").isPositive();
          assertThat(single(db, "select count(*) from api_token where role = 'admin' and revoked_at is null"))
              .as("the admin token registered in this database").isEqualTo("1");
        }
        assertThat(data.resolve("postgres")).as("no embedded PostgreSQL data directory").doesNotExist();
        assertThat(VigilProcess.postgresProcesses(data)).isEmpty();

        node.stopAndCheckNothingLeft();
      }
    }
  }

  private static String single(Connection db, String sql) throws SQLException {
    try (var statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from %s", sql).isTrue();
      return rs.getString(1);
    }
  }
}
