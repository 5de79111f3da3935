package dev.vigil.maintenance;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Maintenance windows made through the API, in their own table (V015): on any service, optionally limited to some of
 * its probes. They pause alerting like the windows a service declares, and an apply leaves them alone.
 */
@Repository
public class AdHocMaintenance {

  /** A stored window; {@code probes} empty means every probe of the service. */
  public record Window(long id, String service, List<String> probes, Instant start, Instant end, String reason,
      String createdBy, Instant createdAt) {

    public boolean covers(String probe, Instant at) {
      return (probes.isEmpty() || probes.contains(probe)) && !at.isBefore(start) && at.isBefore(end);
    }
  }

  private final JdbcClient jdbc;

  AdHocMaintenance(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(long serviceId, List<String> probes, Instant start, Instant end, String reason, String createdBy,
      Instant now) {
    return jdbc.sql("insert into maintenance_window (service_id, probes, starts_at, ends_at, reason, created_by,"
            + " created_at) values (:service, cast(:probes as text[]), :start, :end, :reason, :by, :now) returning id")
        .param("service", serviceId).param("probes", probes.toArray(String[]::new))
        .param("start", Timestamp.from(start)).param("end", Timestamp.from(end)).param("reason", reason)
        .param("by", createdBy).param("now", Timestamp.from(now))
        .query(Long.class).single();
  }

  /** The windows that end after {@code after} (every window when null), of one service or all, by start. */
  List<Window> list(String service, Instant after) {
    return jdbc.sql(SELECT + " where (cast(:service as text) is null or s.name = :service)"
            + " and (cast(:after as timestamptz) is null or w.ends_at > :after) order by w.starts_at, w.id")
        .param("service", service).param("after", after == null ? null : Timestamp.from(after))
        .query(AdHocMaintenance::window).list();
  }

  Optional<Window> find(long id) {
    return jdbc.sql(SELECT + " where w.id = :id").param("id", id).query(AdHocMaintenance::window).optional();
  }

  boolean delete(long id) {
    return jdbc.sql("delete from maintenance_window where id = :id").param("id", id).update() > 0;
  }

  /**
   * Ends a window under way at {@code now}, keeping it among the past ones; false when it is not under way. One
   * statement that checks and writes, so two people ending it at once cannot move its end twice.
   */
  boolean endAt(long id, Instant now) {
    return jdbc.sql("""
            update maintenance_window set ends_at = :now
            where id = :id and starts_at <= :now and ends_at > :now""")
        .param("id", id).param("now", Timestamp.from(now)).update() > 0;
  }

  /** Deletes a window that has not started at {@code now}; false when it has. One statement, as {@link #endAt}. */
  boolean cancel(long id, Instant now) {
    return jdbc.sql("delete from maintenance_window where id = :id and starts_at > :now")
        .param("id", id).param("now", Timestamp.from(now)).update() > 0;
  }

  /** Whether an API window covers a service's probe at {@code at}: asked only when a down probe is about to page. */
  public boolean active(String service, String probe, Instant at) {
    return jdbc.sql("select exists (select 1 from maintenance_window w join service s on s.id = w.service_id"
            + " where s.name = :service and w.starts_at <= :at and w.ends_at > :at"
            + " and (cardinality(w.probes) = 0 or :probe = any(w.probes)))")
        .param("service", service).param("probe", probe).param("at", Timestamp.from(at))
        .query(Boolean.class).single();
  }

  /** The windows in force at {@code at}, for listings of many probes in one query. */
  public List<Window> activeAt(Instant at) {
    return jdbc.sql(SELECT + " where w.starts_at <= :at and w.ends_at > :at").param("at", Timestamp.from(at))
        .query(AdHocMaintenance::window).list();
  }

  private static final String SELECT = "select w.id, s.name as service, w.probes, w.starts_at, w.ends_at, w.reason,"
      + " w.created_by, w.created_at from maintenance_window w join service s on s.id = w.service_id";

  private static Window window(ResultSet rs, int i) throws SQLException {
    Array probes = rs.getArray("probes");
    return new Window(rs.getLong("id"), rs.getString("service"),
        new ArrayList<>(Arrays.asList((String[]) probes.getArray())), rs.getTimestamp("starts_at").toInstant(),
        rs.getTimestamp("ends_at").toInstant(), rs.getString("reason"), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant());
  }
}
