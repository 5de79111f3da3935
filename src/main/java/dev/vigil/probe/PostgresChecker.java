package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.postgresql.Driver;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL probes: a fresh connection (so a full connection slot table or a broken authentication shows), the
 * probe's query, then each threshold the probe sets, measured with the server's own statistics views. The first
 * threshold that does not hold fails the check, naming the threshold and the measured value.
 */
@Component
class PostgresChecker implements ProbeChecker<Catalog.PostgresProbe> {

  /** Transaction IDs before wraparound: age(datfrozenxid) may not reach 2^31. */
  static final double XID_LIMIT = 2147483648.0;

  /**
   * On a standby the lag is the age of the last replayed transaction, except when everything received is replayed:
   * an idle primary sends nothing, and an old replay time then means nothing is waiting, not that replay is behind.
   */
  static final String STANDBY_LAG = """
      select coalesce(pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(), false),
             extract(epoch from now() - pg_last_xact_replay_timestamp())""";

  static final String PRIMARY_LAG = """
      select coalesce(application_name, '') || '@' || coalesce(host(client_addr), 'local'),
             extract(epoch from replay_lag)
        from pg_stat_replication order by replay_lag desc nulls last limit 1""";

  static final String CONNECTIONS = """
      select count(*), current_setting('max_connections')::int from pg_stat_activity
       where backend_type = 'client backend'""";

  static final String OLDEST_TRANSACTION = """
      select pid, extract(epoch from now() - xact_start) from pg_stat_activity
       where xact_start is not null and pid <> pg_backend_pid() and backend_type = 'client backend'
       order by xact_start limit 1""";

  static final String LOCK_WAITS = "select count(*) from pg_stat_activity where wait_event_type = 'Lock'";

  static final String WRAPAROUND = """
      select datname, age(datfrozenxid) from pg_database order by age(datfrozenxid) desc limit 1""";

  @Override
  public Outcome check(String probe, Catalog.PostgresProbe pg, Duration timeout) {
    long started = System.nanoTime();
    // The driver counts whole seconds; at least one, so that a short timeout does not mean "no timeout" (0).
    int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    Properties props = new Properties();
    if (pg.user() != null) {
      props.setProperty("user", pg.user());
    }
    if (pg.password() != null) {
      props.setProperty("password", pg.password());
    }
    if (pg.sslmode() != null) {
      props.setProperty("sslmode", pg.sslmode());
    }
    props.setProperty("connectTimeout", Integer.toString(seconds));
    props.setProperty("loginTimeout", Integer.toString(seconds));
    props.setProperty("socketTimeout", Integer.toString(seconds));
    props.setProperty("ApplicationName", "vigil-probe");
    props.setProperty("assumeMinServerVersion", "12");
    Connection c;
    try {
      c = new Driver().connect(pg.jdbcUrl(), props);
      if (c == null) {
        return Outcome.failed(TcpChecker.since(started), "not a PostgreSQL JDBC URL: " + shown(pg), null);
      }
    } catch (SQLException e) {
      return Outcome.failed(TcpChecker.since(started), "cannot connect to " + shown(pg) + ": " + message(e), null);
    }
    try (c; Statement s = c.createStatement()) {
      s.setQueryTimeout(seconds);
      try {
        s.execute(pg.queryOrDefault());
      } catch (SQLException e) {
        return Outcome.failed(TcpChecker.since(started), "query failed: " + message(e), null);
      }
      List<String> seen = new ArrayList<>();
      String failure = thresholds(pg, s, seen);
      if (failure != null) {
        return Outcome.failed(TcpChecker.since(started), failure, null);
      }
      return Outcome.ok(TcpChecker.since(started), String.join("; ", seen), null);
    } catch (SQLException e) {
      return Outcome.failed(TcpChecker.since(started), shown(pg) + ": " + message(e), null);
    }
  }

  /** Checks each threshold that is set; returns what failed, or null, and notes what it saw in {@code seen}. */
  private static String thresholds(Catalog.PostgresProbe pg, Statement s, List<String> seen) throws SQLException {
    boolean standby;
    try (ResultSet r = s.executeQuery("select pg_is_in_recovery()")) {
      r.next();
      standby = r.getBoolean(1);
    }
    seen.add(standby ? "standby" : "primary");
    if (pg.maxReplicationLag() != null) {
      double max = pg.maxReplicationLag().toMillis() / 1000.0;
      if (standby) {
        try (ResultSet r = s.executeQuery(STANDBY_LAG)) {
          r.next();
          boolean caughtUp = r.getBoolean(1);
          double lag = r.getDouble(2);
          boolean unknown = r.wasNull();
          if (!caughtUp && !unknown && lag > max) {
            return "replication lag " + seconds(lag) + " on this standby is above max_replication_lag "
                + seconds(max);
          }
          seen.add("replication lag " + (caughtUp || unknown ? "0s (all received WAL replayed)" : seconds(lag)));
        }
      } else {
        try (ResultSet r = s.executeQuery(PRIMARY_LAG)) {
          if (r.next()) {
            double lag = r.getDouble(2);
            if (!r.wasNull() && lag > max) {
              return "standby " + r.getString(1) + " replays " + seconds(lag) + " behind, above max_replication_lag "
                  + seconds(max);
            }
            seen.add("standby replay lag " + (r.wasNull() ? "0s" : seconds(lag)));
          } else {
            seen.add("no standbys");
          }
        }
      }
    }
    if (pg.maxConnectionsPercent() != null) {
      try (ResultSet r = s.executeQuery(CONNECTIONS)) {
        r.next();
        int used = r.getInt(1);
        int max = r.getInt(2);
        double percent = 100.0 * used / max;
        if (percent > pg.maxConnectionsPercent()) {
          return "connections " + used + " of max_connections " + max + " (" + percent(percent)
              + ") are above max_connections_percent " + percent(pg.maxConnectionsPercent());
        }
        seen.add("connections " + used + "/" + max);
      }
    }
    if (pg.maxTransactionAge() != null) {
      try (ResultSet r = s.executeQuery(OLDEST_TRANSACTION)) {
        if (r.next()) {
          double age = r.getDouble(2);
          double max = pg.maxTransactionAge().toMillis() / 1000.0;
          if (age > max) {
            return "transaction of process " + r.getInt(1) + " open for " + seconds(age)
                + ", above max_transaction_age " + seconds(max);
          }
          seen.add("oldest transaction " + seconds(age));
        }
      }
    }
    if (pg.maxLockWaits() != null) {
      try (ResultSet r = s.executeQuery(LOCK_WAITS)) {
        r.next();
        int waiting = r.getInt(1);
        if (waiting > pg.maxLockWaits()) {
          return waiting + " sessions waiting for locks, above max_lock_waits " + pg.maxLockWaits();
        }
        seen.add(waiting + " lock waits");
      }
    }
    if (pg.maxWraparoundPercent() != null) {
      try (ResultSet r = s.executeQuery(WRAPAROUND)) {
        r.next();
        long age = r.getLong(2);
        double percent = 100.0 * age / XID_LIMIT;
        if (percent > pg.maxWraparoundPercent()) {
          return "database " + r.getString(1) + " is at " + percent(percent) + " of transaction-ID wraparound (age "
              + age + " of 2^31), above max_wraparound_percent " + percent(pg.maxWraparoundPercent());
        }
        seen.add("wraparound " + percent(percent));
      }
    }
    return null;
  }

  /** Where the probe connects, for messages and listings; never the password. */
  static String shown(Catalog.PostgresProbe pg) {
    String url = pg.jdbcUrl();
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private static String message(SQLException e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e.getSQLState() == null ? text : text + " (SQLSTATE " + e.getSQLState() + ")";
  }

  static String seconds(double seconds) {
    return seconds < 10 ? String.format(Locale.ROOT, "%.1fs", seconds)
        : ProbeDefinition.human(Duration.ofMillis(Math.round(seconds * 1000)));
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f %%", value);
  }
}
