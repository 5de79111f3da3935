package dev.vigil.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of Vigil's database (none of its connections could be had, or one stopped answering) from other
 * errors. Every place that answers such a failure answers 503 with {@code Retry-After}, so that senders and people
 * try again and nothing is lost: the API's and the UI's exception handlers, the status pages', and
 * {@link DatabaseOutageFilter} for what fails before any of them.
 */
public final class DatabaseOutage {

  /** How long a client should wait before it tries again, in seconds, for the {@code Retry-After} header. */
  public static final String RETRY_AFTER_SECONDS = "5";

  /** What the API says. */
  static final String DETAIL = "Vigil's database is unavailable; nothing was stored. Retry later.";


  private DatabaseOutage() {}

  /** Whether the failure, or anything that caused it, says that the database could not be reached or answered. */
  public static boolean causedBy(Throwable failure) {
    return causedBy(failure, 0);
  }

  private static boolean causedBy(Throwable failure, int depth) {
    // Depth-limited: a cause chain is short, and a cyclic one must not hang the error handling.
    for (Throwable t = failure; t != null && depth < 20; depth++, t = t.getCause()) {
      if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
          || t instanceof CannotCreateTransactionException || t instanceof QueryTimeoutException
          || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          // Class 08 is "connection exception": the driver's word for a connection that broke or timed out.
          || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true;
      }
      // A statement that failed on a broken connection leaves a rollback that fails too ("Connection is closed",
      // after the pool dropped it), and the rollback's failure replaces the statement's: the statement's is kept
      // as its application exception.
      if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
          && causedBy(rollback.getApplicationException(), depth + 1)) {
        return true;
      }
    }
    return false;
  }
}
