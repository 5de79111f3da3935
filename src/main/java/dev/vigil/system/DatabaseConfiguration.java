package dev.vigil.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** Connects Vigil to its PostgreSQL: the external one named by {@code VIGIL_DATABASE_URL}, else the embedded one. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  /** Owns the embedded server, if any; Spring closes it after the pool that depends on it. */
  @Bean(destroyMethod = "close")
  DatabaseServer databaseServer(SystemProperties properties) {
    if (properties.database().external()) {
      return new DatabaseServer(Optional.empty());
    }
    return new DatabaseServer(Optional.of(EmbeddedDatabase.open(properties.dataDir(), properties.embeddedPort())));
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(SystemProperties properties, DatabaseServer server) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("vigil");
    if (server.embedded().isPresent()) {
      config.setJdbcUrl(server.embedded().get().jdbcUrl());
      config.setUsername(EmbeddedDatabase.USER);
    } else {
      config.setJdbcUrl(properties.database().url());
      config.setUsername(properties.database().user());
      config.setPassword(properties.database().password());
    }
    config.setMaximumPoolSize(20);
    // Fail fast when the database is unreachable so that callers can answer 503 instead of hanging: a request waits
    // at most this long for a connection, and a pooled connection's liveness check takes at most 2 s of it.
    config.setConnectionTimeout(5_000);
    config.setValidationTimeout(2_000);
    config.setInitializationFailTimeout(30_000);
    // A server that stops answering (a frozen host, a network partition) leaves TCP connections open, and a
    // statement sent to it would wait for as long as the freeze lasts; the server's own statement_timeout cannot
    // fire then. So the driver gives up on a read after this long, on pooled connections and on new ones (their
    // sign-in included); the pool then drops the broken connection and opens a new one when the server is back.
    // A string: the driver reads its properties with Properties.getProperty, which does not see other values.
    config.addDataSourceProperty("socketTimeout", Long.toString(properties.databaseTimeout().toSeconds()));
    return new HikariDataSource(config);
  }

  /**
   * Migrations may rightly keep PostgreSQL silent for longer than {@code vigil.system.database-timeout} (building an
   * index on a large table): their connections have no read timeout.
   */
  @Bean
  FlywayConfigurationCustomizer migrationsWithoutReadTimeout() {
    return flyway -> flyway.dataSource(new DelegatingDataSource(flyway.getDataSource()) {
      @Override
      public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        // The pool puts the connection's own timeout back when Flyway returns it.
        connection.setNetworkTimeout(Runnable::run, 0);
        return connection;
      }
    });
  }

  /** The embedded database this node started or attached to; empty with an external database. */
  record DatabaseServer(Optional<EmbeddedDatabase> embedded) implements AutoCloseable {
    @Override
    public void close() {
      embedded.ifPresent(EmbeddedDatabase::close);
    }
  }
}
