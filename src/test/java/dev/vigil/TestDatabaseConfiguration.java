package dev.vigil;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Commits on the integration tests' throw-away database return before their WAL reaches the disk, as they would with
 * the library's own test defaults; the nodes that the process tests start (and kill) keep the durable settings.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestDatabaseConfiguration {

  /**
   * Right after the pool starts, before the migrations: a default for the role's new sessions (the server's own
   * {@code synchronous_commit = on} is a start-up option that its configuration files cannot override), then the
   * pooled connections are replaced so that every one of them has it.
   */
  @Bean
  static BeanPostProcessor commitsWithoutWaitingForTheDisk() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource pool) {
          try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("alter role current_user set synchronous_commit = off");
          } catch (SQLException e) {
            throw new IllegalStateException("cannot relax commits on the test database", e);
          }
          pool.getHikariPoolMXBean().softEvictConnections();
        }
        return bean;
      }
    };
  }
}
