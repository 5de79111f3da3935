package dev.vigil.statuspage;

import dev.vigil.availability.StateChange;
import dev.vigil.incident.IncidentStatus;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a status page reads of incidents and probes (read only: those tables belong to their features), found by the
 * services and probe fingerprints of the page's components.
 */
@Repository
class StatusPageRepository {

  /**
   * An incident touching some of the services asked for: opened on one ({@code service}), joined by one as
   * downstream impact ({@code impacts}), or opened by one of the probes asked for ({@code probes}, as fingerprints).
   */
  record IncidentRow(long id, String service, List<String> impacts, List<String> probes, String status,
      String severity, Instant createdAt, Instant resolvedAt) {
    boolean resolved() {
      return IncidentStatus.of(status) == IncidentStatus.RESOLVED;
    }
  }

  /** A status update; {@code author} is null for Vigil's own. */
  record UpdateRow(long id, long incidentId, Instant at, String author, String status, String message) {}

  /** A probe with its service, state now, and when its row was made. */
  record ProbeRow(long id, String service, String name, String state, Instant createdAt) {
    String qualifiedName() {
      return service + "/" + name;
    }
  }

  /** A state a probe entered at an instant. */
  record Transition(long probeId, Instant at, String state) implements StateChange<String> {}

  private final JdbcClient jdbc;

  StatusPageRepository(JdbcClient jdbc) {
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
  List<IncidentRow> incidents(Collection<String> services, Collection<String> fingerprints, Instant since) {
    return jdbc.sql("select " + INCIDENT_COLUMNS + " from incident i join service s on s.id = i.service_id"
            + " where i.merged_into is null and (i.resolved_at is null or i.resolved_at > :since) and " + TOUCHES
            + " order by i.created_at, i.id")
        .param("services", orNone(services)).param("fingerprints", orNone(fingerprints))
        .param("since", Timestamp.from(since))
        .query(this::incident).list();
  }

  /** One incident, if it touches the services or probes. */
  Optional<IncidentRow> incident(long id, Collection<String> services, Collection<String> fingerprints) {
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
  List<UpdateRow> updates(Collection<Long> incidentIds) {
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

  Optional<UpdateRow> update(long id) {
    return jdbc.sql("select id, incident_id, at, author, status, message from status_update where id = :id")
        .param("id", id)
        .query((rs, i) -> new UpdateRow(rs.getLong("id"), rs.getLong("incident_id"), instant(rs, "at"),
            rs.getString("author"), rs.getString("status"), rs.getString("message")))
        .optional();
  }

  /** The probes of the services, and the probes named {@code service/probe}. */
  List<ProbeRow> probes(Collection<String> services, Collection<String> qualifiedNames) {
    return jdbc.sql("select p.id, s.name as service, p.name, p.state, p.created_at from probe p"
            + " join service s on s.id = p.service_id"
            + " where s.name in (:services) or s.name || '/' || p.name in (:names) order by s.name, p.name")
        .param("services", orNone(services)).param("names", orNone(qualifiedNames))
        .query((rs, i) -> new ProbeRow(rs.getLong("id"), rs.getString("service"), rs.getString("name"),
            rs.getString("state"), instant(rs, "created_at")))
        .list();
  }

  /** When each service began to exist in Vigil, by name. */
  Map<String, Instant> servicesCreated(Collection<String> services) {
    Map<String, Instant> created = new LinkedHashMap<>();
    jdbc.sql("select name, created_at from service where name in (:services)")
        .param("services", orNone(services))
        .query((rs, i) -> Map.entry(rs.getString("name"), instant(rs, "created_at")))
        .list().forEach(e -> created.put(e.getKey(), e.getValue()));
    return created;
  }

  /**
   * The probes' transitions after {@code since}, in time order, preceded by each probe's last transition at or
   * before it (its state at {@code since}).
   */
  List<Transition> transitions(Collection<Long> probeIds, Instant since) {
    if (probeIds.isEmpty()) {
      return List.of();
    }
    List<Transition> out = new ArrayList<>(jdbc.sql("select distinct on (probe_id) probe_id, at, state"
            + " from probe_transition where probe_id in (:ids) and at <= :since order by probe_id, at desc")
        .param("ids", probeIds).param("since", Timestamp.from(since))
        .query((rs, i) -> new Transition(rs.getLong("probe_id"), instant(rs, "at"), rs.getString("state"))).list());
    out.addAll(jdbc.sql("select probe_id, at, state from probe_transition where probe_id in (:ids) and at > :since"
            + " order by at")
        .param("ids", probeIds).param("since", Timestamp.from(since))
        .query((rs, i) -> new Transition(rs.getLong("probe_id"), instant(rs, "at"), rs.getString("state"))).list());
    return out;
  }

  /** An IN list never empty: PostgreSQL has no {@code in ()}, and no name is a lone control character. */
  private static Collection<String> orNone(Collection<String> values) {
    return values.isEmpty() ? List.of("\u0001") : values;
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
