package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are the database being down, and so a 503, and which are not. */
class DatabaseOutageTest {

  @Test
  void noConnectionOrABrokenOneIsAnOutage() {
    assertThat(DatabaseOutage.causedBy(new CannotGetJdbcConnectionException("pool",
        new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms")))).isTrue();
    assertThat(DatabaseOutage.causedBy(new IllegalStateException("session lookup",
        new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
    assertThat(DatabaseOutage.causedBy(new DataAccessResourceFailureException("read timed out"))).isTrue();
  }

  @Test
  void aFailedRollbackAfterABrokenStatementIsAnOutage() {
    // What a transaction throws when its statement timed out: the pool has dropped the connection by then, so the
    // rollback fails too, and its failure replaces the statement's.
    TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed"));
    assertThat(DatabaseOutage.causedBy(rollback)).as("without the statement's failure").isFalse();
    rollback.initApplicationException(new DataAccessResourceFailureException("PreparedStatementCallback",
        new SQLException("An I/O error occurred while sending to the backend.", "08006")));
    assertThat(DatabaseOutage.causedBy(rollback)).isTrue();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(DatabaseOutage.causedBy(new DataIntegrityViolationException("duplicate key"))).isFalse();
    assertThat(DatabaseOutage.causedBy(new SQLException("deadlock detected", "40P01"))).isFalse();
    assertThat(DatabaseOutage.causedBy(new IllegalArgumentException("bad input"))).isFalse();
    assertThat(DatabaseOutage.causedBy(null)).isFalse();
  }
}
