package dev.vigil.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    // Fail fast when the database is unreachable so that callers can answer 503 instead of hanging.
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(30_000);
    return new HikariDataSource(config);
  }

  /** The embedded database this node started or attached to; empty with an external database. */
  record DatabaseServer(Optional<EmbeddedDatabase> embedded) implements AutoCloseable {
    @Override
    public void close() {
      embedded.ifPresent(EmbeddedDatabase::close);
    }
  }
}
