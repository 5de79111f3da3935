package dev.vigil.incident;

import static dev.vigil.system.Rows.instant;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Incidents and their status updates as the public may see them, found by the services and probe fingerprints a
 * status page shows: the incident feature's query type for status pages, so that they never read its tables.
 */
@Repository
public class PublicIncidents {

  /**
   * An incident touching some of the services asked for: opened on one ({@code service}), joined by one as
   * downstream impact ({@code impacts}), or opened by one of the probes asked for ({@code probes}, as fingerprints).
   */
  public record IncidentRow(long id, String service, List<String> impacts, List<String> probes, String status,
      String severity, Instant createdAt, Instant resolvedAt) {
    public boolean resolved() {
      return IncidentStatus.of(status) == IncidentStatus.RESOLVED;
    }
  }

  /** A status update; {@code author} is null for Vigil's own. */
  public record UpdateRow(long id, long incidentId, Instant at, String author, String status, String message) {}

  private final JdbcClient jdbc;

  PublicIncidents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private static final String INCIDENT_COLUMNS = "i.id, s.name as service, i.status, i.severity, i.created_at,"
      + " i.resolved_at,"
      + " array(select s2.name from incident_impact ii join service s2 on s2.id = ii.service_id"
      + "   where ii.incident_id = i.id and s2.name in (:services)) as impacts,"
      + " array(select a.fingerprint from alert a where a.incident_id = i.id and a.source = 'probe'"
      + "   and a.fingerprint in (:fingerprints)) as probes";

  private static final String TOUCHES = "(s.name in (:services)"
      + " or exists (select 1 from incident_impact ii join service s2 on s2.id = ii.service_id"
      + "   where ii.incident_id = i.id and s2.name in (:services))"
      + " or exists (select 1 from alert a where a.incident_id = i.id and a.source = 'probe'"
      + "   and a.fingerprint in (:fingerprints)))";

  /** Incidents touching the services or probes that were open at some time after {@code since}, oldest first. */
  public List<IncidentRow> incidents(Collection<String> services, Collection<String> fingerprints, Instant since) {
    return jdbc.sql("select " + INCIDENT_COLUMNS + " from incident i join service s on s.id = i.service_id"
            + " where i.merged_into is null and (i.resolved_at is null or i.resolved_at > :since) and " + TOUCHES
            + " order by i.created_at, i.id")
        .param("services", orNone(services)).param("fingerprints", orNone(fingerprints))
        .param("since", Timestamp.from(since))
        .query(this::incident).list();
  }

  /** One incident, if it touches the services or probes. */
  public Optional<IncidentRow> incident(long id, Collection<String> services, Collection<String> fingerprints) {
    return jdbc.sql("select " + INCIDENT_COLUMNS + " from incident i join service s on s.id = i.service_id"
            + " where i.id = :id and i.merged_into is null and " + TOUCHES)
        .param("id", id).param("services", orNone(services)).param("fingerprints", orNone(fingerprints))
        .query(this::incident).optional();
  }

  private IncidentRow incident(ResultSet rs, int i) throws SQLException {
    return new IncidentRow(rs.getLong("id"), rs.getString("service"), strings(rs.getArray("impacts")),
        strings(rs.getArray("probes")), rs.getString("status"), rs.getString("severity"), instant(rs, "created_at"),
        instant(rs, "resolved_at"));
  }

  /** The status updates of the incidents, newest first. */
  public List<UpdateRow> updates(Collection<Long> incidentIds) {
    if (incidentIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select id, incident_id, at, author, status, message from status_update"
            + " where incident_id in (:ids) order by at desc, id desc")
        .param("ids", incidentIds)
        .query((rs, i) -> new UpdateRow(rs.getLong("id"), rs.getLong("incident_id"), instant(rs, "at"),
            rs.getString("author"), rs.getString("status"), rs.getString("message")))
        .list();
  }

  /** One status update. */
  public Optional<UpdateRow> update(long id) {
    return jdbc.sql("select id, incident_id, at, author, status, message from status_update where id = :id")
        .param("id", id)
        .query((rs, i) -> new UpdateRow(rs.getLong("id"), rs.getLong("incident_id"), instant(rs, "at"),
            rs.getString("author"), rs.getString("status"), rs.getString("message")))
        .optional();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  /** An IN list never empty: PostgreSQL has no {@code in ()}, and no name is a lone control character. */
  private static Collection<String> orNone(Collection<String> values) {
    return values.isEmpty() ? List.of("\u0001") : values;
  }

}
