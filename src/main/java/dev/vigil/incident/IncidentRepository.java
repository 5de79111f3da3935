package dev.vigil.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The incident, alert and incident_event tables. */
@Repository
class IncidentRepository {

  /** An incident row. */
  record IncidentRow(long id, long serviceId, String service, String groupingKey, String title, IncidentStatus status,
      String urgency, Instant createdAt, Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt,
      String resolvedBy, List<String> assignees, String severity, Long mergedInto, Instant firstMitigatedAt) {}

  /** An alert row. */
  record AlertRow(long id, long integrationId, String fingerprint, long incidentId, String source, String status,
      String summary, String severity, Map<String, String> labels, Map<String, String> annotations,
      List<AlertEvent.Link> links, Instant startsAt, Instant endsAt, Instant firstSeen, Instant lastSeen,
      int repeats) {}

  /** A timeline event row. */
  record EventRow(long id, Instant at, String kind, String actor, String channel, Map<String, Object> detail) {}

  static final String INCIDENT_COLUMNS = "i.id, i.service_id, s.name as service, i.grouping_key, i.title, i.status,"
      + " i.urgency, i.created_at, i.acknowledged_at, i.acknowledged_by, i.resolved_at, i.resolved_by, i.assignees, i.severity,"
      + " i.merged_into, i.first_mitigated_at";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  IncidentRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Optional<AlertRow> lockAlert(long integrationId, String fingerprint) {
    return jdbc.sql("select * from alert where integration_id = :integration and fingerprint = :fp for update")
        .param("integration", integrationId).param("fp", fingerprint)
        .query(this::alert).optional();
  }

  Optional<IncidentRow> lockIncident(long id) {
    return jdbc.sql("select " + INCIDENT_COLUMNS + " from incident i join service s on s.id = i.service_id"
            + " where i.id = :id for update of i")
        .param("id", id).query(IncidentRepository::incident).optional();
  }

  Optional<IncidentRow> find(long id) {
    return jdbc.sql("select " + INCIDENT_COLUMNS + " from incident i join service s on s.id = i.service_id"
            + " where i.id = :id")
        .param("id", id).query(IncidentRepository::incident).optional();
  }

  /**
   * The incidents with these ids as this transaction sees them, in one statement: what a batch of changes publishes.
   * No lock: the transaction that changed them holds their rows already.
   */
  Map<Long, IncidentRow> all(Collection<Long> ids) {
    Map<Long, IncidentRow> found = new HashMap<>();
    jdbc.sql("select " + INCIDENT_COLUMNS + " from incident i join service s on s.id = i.service_id"
            + " where i.id = any(cast(:ids as bigint[]))")
        .param("ids", ids.toArray(Long[]::new)).query(IncidentRepository::incident).list()
        .forEach(r -> found.put(r.id(), r));
    return found;
  }

  void reopen(long id, Instant now) {
    jdbc.sql("update incident set status = 'triggered', resolved_at = null, resolved_by = null,"
            + " acknowledged_at = null, acknowledged_by = null, mitigated_at = null, mitigated_by = null,"
            + " assignees = '{}', updated_at = :now where id = :id")
        .param("id", id).param("now", Timestamp.from(now)).update();
  }

  /** Whoever acknowledges has the incident from then on: they become its one assignee (ADR 0034). */
  boolean acknowledge(long id, String actor, Instant now) {
    return jdbc.sql("update incident set status = 'acknowledged', acknowledged_at = :now, acknowledged_by = :actor,"
            + " assignees = array[cast(:actor as text)],"
            + " first_acknowledged_at = coalesce(first_acknowledged_at, :now), updated_at = :now"
            + " where id = :id and status = 'triggered'")
        .param("id", id).param("actor", actor).param("now", Timestamp.from(now)).update() == 1;
  }

  boolean resolve(long id, String actor, Instant now) {
    return jdbc.sql("update incident set status = 'resolved', resolved_at = :now, resolved_by = :actor,"
            + " updated_at = :now where id = :id and status <> 'resolved'")
        .param("id", id).param("actor", actor).param("now", Timestamp.from(now)).update() == 1;
  }

  List<AlertRow> alerts(long incidentId) {
    return jdbc.sql("select * from alert where incident_id = :id order by id").param("id", incidentId)
        .query(this::alert).list();
  }

  List<EventRow> events(long incidentId) {
    return jdbc.sql("select * from incident_event where incident_id = :id order by id").param("id", incidentId)
        .query((rs, i) -> new EventRow(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("kind"),
            rs.getString("actor"), rs.getString("channel"),
            json.readValue(rs.getString("detail"), new TypeReference<Map<String, Object>>() {})))
        .list();
  }

  /** One page of incidents, newest first, after the cursor (created_at, id) when given. */
  List<IncidentRow> page(IncidentQuery q) {
    PageSql page = pageSql(q);
    return jdbc.sql(page.sql()).params(page.params()).query(IncidentRepository::incident).list();
  }

  /** A statement and its named parameters. */
  record PageSql(String sql, Map<String, Object> params) {}

  /** The page query for {@link #page}; apart so that a test can ask PostgreSQL how it runs it. */
  PageSql pageSql(IncidentQuery q) {
    StringBuilder sql = new StringBuilder("select " + INCIDENT_COLUMNS
        + " from incident i join service s on s.id = i.service_id where true");
    var params = new java.util.HashMap<String, Object>();
    if (!q.statuses().isEmpty()) {
      sql.append(" and i.status in (:statuses)");
      params.put("statuses", q.statuses());
    }
    if (!q.services().isEmpty()) {
      sql.append(" and s.name in (:services)");
      params.put("services", q.services());
    }
    if (!q.severities().isEmpty()) {
      sql.append(" and i.severity in (:severities)");
      params.put("severities", q.severities());
    }
    if (q.urgency() != null) {
      sql.append(" and i.urgency = :urgency");
      params.put("urgency", q.urgency());
    }
    if (q.since() != null) {
      sql.append(" and i.created_at >= :since");
      params.put("since", Timestamp.from(q.since()));
    }
    if (q.until() != null) {
      sql.append(" and i.created_at < :until");
      params.put("until", Timestamp.from(q.until()));
    }
    if (q.afterCreatedAt() != null) {
      sql.append(" and (i.created_at, i.id) < (:cursorAt, :cursorId)");
      params.put("cursorAt", Timestamp.from(q.afterCreatedAt()));
      params.put("cursorId", q.afterId());
    }
    sql.append(" order by i.created_at desc, i.id desc limit :limit");
    params.put("limit", q.limit() + 1);
    return new PageSql(sql.toString(), params);
  }

  private static IncidentRow incident(ResultSet rs, int row) throws SQLException {
    return new IncidentRow(rs.getLong("id"), rs.getLong("service_id"), rs.getString("service"),
        rs.getString("grouping_key"), rs.getString("title"), IncidentStatus.of(rs.getString("status")), rs.getString("urgency"),
        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("acknowledged_at")),
        rs.getString("acknowledged_by"), instant(rs.getTimestamp("resolved_at")), rs.getString("resolved_by"),
        List.of((String[]) rs.getArray("assignees").getArray()), rs.getString("severity"),
        rs.getObject("merged_into", Long.class), instant(rs.getTimestamp("first_mitigated_at")));
  }

  private AlertRow alert(ResultSet rs, int row) throws SQLException {
    return new AlertRow(rs.getLong("id"), rs.getLong("integration_id"), rs.getString("fingerprint"),
        rs.getLong("incident_id"), rs.getString("source"), rs.getString("status"), rs.getString("summary"),
        rs.getString("severity"),
        json.readValue(rs.getString("labels"), new TypeReference<Map<String, String>>() {}),
        json.readValue(rs.getString("annotations"), new TypeReference<Map<String, String>>() {}),
        json.readValue(rs.getString("links"), new TypeReference<List<AlertEvent.Link>>() {}),
        instant(rs.getTimestamp("starts_at")), instant(rs.getTimestamp("ends_at")),
        instant(rs.getTimestamp("first_seen")), instant(rs.getTimestamp("last_seen")), rs.getInt("repeats"));
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
