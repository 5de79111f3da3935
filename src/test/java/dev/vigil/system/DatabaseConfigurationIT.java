package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import java.sql.Connection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pool's connections give up on a database that stops answering after {@code vigil.system.database-timeout};
 * migrations, which may rightly keep it silent for long, do not.
 */
@IntegrationTest
class DatabaseConfigurationIT {

  @Autowired DataSource dataSource;
  @Autowired Flyway flyway;

  @Test
  void requestsGiveUpOnASilentDatabaseAndMigrationsWait() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getNetworkTimeout()).as("read timeout, ms").isEqualTo(10_000);
    }
    try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
      assertThat(connection.getNetworkTimeout()).as("a migration's read timeout").isZero();
    }
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getNetworkTimeout()).as("put back when the migration's connection returned")
          .isEqualTo(10_000);
    }
  }
}
