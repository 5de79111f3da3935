package dev.vigil.incident;

import static dev.vigil.system.Rows.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What running an incident adds to its row: severity, mitigation, roles, downstream impact, merges, RTO flags. */
@Repository
class OperationsRepository {

  /** The parts of an incident its operations read. */
  record State(long id, long serviceId, String service, Long integrationId, String groupingKey, String title,
      IncidentStatus status, String urgency, String severity, String severityRule, Instant createdAt,
      Instant acknowledgedAt, Instant firstAcknowledgedAt, Instant mitigatedAt, Instant firstMitigatedAt,
      Instant resolvedAt, String resolvedBy, Long mergedInto, Instant rtoBreachedAt) {

    public boolean resolved() {
      return status == IncidentStatus.RESOLVED;
    }
  }

  /** A role holder. */
  record RoleHolder(String role, String user, Instant assignedAt, String assignedBy) {}

  /** A service whose alerts joined the incident as downstream impact. */
  record Impact(String service, Long firstAlert, Instant at) {}

  private static final String COLUMNS = "i.id, i.service_id, s.name as service, i.integration_id, i.grouping_key,"
      + " i.title, i.status, i.urgency, i.severity, i.severity_rule, i.created_at, i.acknowledged_at,"
      + " i.first_acknowledged_at, i.mitigated_at, i.first_mitigated_at, i.resolved_at, i.resolved_by,"
      + " i.merged_into, i.rto_breached_at";

  private final JdbcClient jdbc;

  OperationsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<State> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from incident i join service s on s.id = i.service_id where i.id = :id")
        .param("id", id).query(OperationsRepository::state).optional();
  }

  Optional<State> lock(long id) {
    return jdbc.sql("select " + COLUMNS + " from incident i join service s on s.id = i.service_id where i.id = :id"
            + " for update of i")
        .param("id", id).query(OperationsRepository::state).optional();
  }

  /** The oldest open incident of a service that is not merged away, locked: the one downstream alerts join. */
  Optional<Long> lockOpenIncidentOfService(String service) {
    return jdbc.sql("select i.id from incident i join service s on s.id = i.service_id where s.name = :service"
            + " and i.status <> 'resolved' order by i.created_at, i.id limit 1 for share of i")
        .param("service", service).query(Long.class).optional();
  }

  void severity(long id, String severity, String rule, String urgency, Instant now) {
    jdbc.sql("update incident set severity = :severity, severity_rule = :rule, urgency = :urgency, updated_at = :now"
            + " where id = :id")
        .param("id", id).param("severity", severity).param("rule", rule).param("urgency", urgency)
        .param("now", Timestamp.from(now)).update();
  }

  boolean mitigate(long id, String actor, Instant now) {
    return jdbc.sql("update incident set status = 'mitigated', mitigated_at = :now, mitigated_by = :actor,"
            + " first_mitigated_at = coalesce(first_mitigated_at, :now), updated_at = :now"
            + " where id = :id and status in ('triggered', 'acknowledged')")
        .param("id", id).param("actor", actor).param("now", Timestamp.from(now)).update() == 1;
  }

  void assignRole(long id, String role, String user, String by, Instant now) {
    jdbc.sql("insert into incident_role (incident_id, role, user_name, assigned_at, assigned_by)"
            + " values (:id, :role, :user, :now, :by) on conflict (incident_id, role) do update"
            + " set user_name = excluded.user_name, assigned_at = excluded.assigned_at, assigned_by = excluded.assigned_by")
        .param("id", id).param("role", role).param("user", user).param("by", by).param("now", Timestamp.from(now))
        .update();
  }

  /** The incident's assignees, read under the lock the caller holds on its row. */
  List<String> assignees(long id) {
    return jdbc.sql("select assignees from incident where id = :id").param("id", id)
        .query((rs, i) -> List.of((String[]) rs.getArray(1).getArray())).single();
  }

  /** Hands the incident to one person; the caller holds the incident's row lock. */
  void handOver(long id, String user, Instant now) {
    jdbc.sql("update incident set assignees = array[cast(:user as text)], updated_at = :now where id = :id")
        .param("id", id).param("user", user).param("now", Timestamp.from(now)).update();
  }

  boolean removeRole(long id, String role) {
    return jdbc.sql("delete from incident_role where incident_id = :id and role = :role")
        .param("id", id).param("role", role).update() == 1;
  }

  List<RoleHolder> roles(long id) {
    return jdbc.sql("select role, user_name, assigned_at, assigned_by from incident_role where incident_id = :id"
            + " order by case role when 'commander' then 0 when 'communications' then 1 else 2 end")
        .param("id", id)
        .query((rs, i) -> new RoleHolder(rs.getString("role"), rs.getString("user_name"),
            rs.getTimestamp("assigned_at").toInstant(), rs.getString("assigned_by")))
        .list();
  }

  Optional<String> roleHolder(long id, String role) {
    return jdbc.sql("select user_name from incident_role where incident_id = :id and role = :role")
        .param("id", id).param("role", role).query(String.class).optional();
  }

  /** Records a service as downstream impact of an incident; false when it already was. */
  boolean addImpact(long incidentId, long serviceId, Long alertId, Instant now) {
    return jdbc.sql("insert into incident_impact (incident_id, service_id, first_alert, at)"
            + " values (:incident, :service, :alert, :now) on conflict do nothing")
        .param("incident", incidentId).param("service", serviceId).param("alert", alertId)
        .param("now", Timestamp.from(now)).update() == 1;
  }

  List<Impact> impacts(long incidentId) {
    return jdbc.sql("select s.name, ii.first_alert, ii.at from incident_impact ii join service s on s.id = ii.service_id"
            + " where ii.incident_id = :id order by ii.at, s.name")
        .param("id", incidentId)
        .query((rs, i) -> new Impact(rs.getString("name"), (Long) rs.getObject("first_alert"),
            rs.getTimestamp("at").toInstant()))
        .list();
  }

  /** Moves a merged incident's downstream impacts to the incident that absorbed it. */
  void moveImpacts(long from, long to) {
    jdbc.sql("insert into incident_impact (incident_id, service_id, first_alert, at) select :to, service_id,"
            + " first_alert, at from incident_impact where incident_id = :from on conflict do nothing")
        .param("from", from).param("to", to).update();
    jdbc.sql("delete from incident_impact where incident_id = :from").param("from", from).update();
  }

  int moveAllAlerts(long from, long to) {
    return jdbc.sql("update alert set incident_id = :to where incident_id = :from")
        .param("from", from).param("to", to).update();
  }

  int moveAlerts(List<Long> alertIds, long from, long to) {
    return jdbc.sql("update alert set incident_id = :to where incident_id = :from and id in (:ids)")
        .param("from", from).param("to", to).param("ids", alertIds).update();
  }

  List<Long> alertIds(long incidentId) {
    return jdbc.sql("select id from alert where incident_id = :id order by id").param("id", incidentId)
        .query(Long.class).list();
  }

  Optional<String> alertSummary(long alertId) {
    return jdbc.sql("select summary from alert where id = :id").param("id", alertId).query(String.class).optional();
  }

  /** Resolves an incident as merged into another. */
  void markMerged(long id, long into, String actor, Instant now) {
    jdbc.sql("update incident set status = 'resolved', resolved_at = :now, resolved_by = :actor, merged_into = :into,"
            + " updated_at = :now where id = :id")
        .param("id", id).param("into", into).param("actor", actor).param("now", Timestamp.from(now)).update();
  }

  /** Opens an incident split off another: same integration, its own grouping key, already classified. */
  long insertSplit(State from, long serviceId, String groupingKey, String title, boolean acknowledged, String actor,
      Instant now) {
    return jdbc.sql("insert into incident (service_id, integration_id, grouping_key, title, status, urgency, severity,"
            + " severity_rule, created_at, updated_at, acknowledged_at, acknowledged_by, first_acknowledged_at)"
            + " values (:service, :integration, :key, :title, :status, :urgency, :severity, :rule, :now, :now,"
            + " :ackAt, :ackBy, :ackAt) returning id")
        .param("service", serviceId).param("integration", from.integrationId()).param("key", groupingKey)
        .param("title", title).param("status", (acknowledged ? IncidentStatus.ACKNOWLEDGED : IncidentStatus.TRIGGERED).value())
        .param("urgency", from.urgency()).param("severity", from.severity())
        .param("rule", "split from #" + from.id()).param("now", Timestamp.from(now))
        .param("ackAt", acknowledged ? Timestamp.from(now) : null).param("ackBy", acknowledged ? actor : null)
        .query(Long.class).single();
  }

  Optional<Long> serviceId(String name) {
    return jdbc.sql("select id from service where name = :name").param("name", name).query(Long.class).optional();
  }

  /** Whether the incident was resolved at some point after {@code since} (a later re-open has its own RTO). */
  boolean resolvedSince(long id, Instant since) {
    return jdbc.sql("select exists (select 1 from incident_event where incident_id = :id and kind = 'resolved'"
            + " and at > :since)")
        .param("id", id).param("since", Timestamp.from(since)).query(Boolean.class).single();
  }

  /** Flags an incident as past its RTO, once. */
  boolean flagRtoBreach(long id, Instant now) {
    return jdbc.sql("update incident set rto_breached_at = :now, updated_at = :now where id = :id"
            + " and rto_breached_at is null and status in ('triggered', 'acknowledged')")
        .param("id", id).param("now", Timestamp.from(now)).update() == 1;
  }

  long insertStatusUpdate(long incidentId, String author, String status, String severity, String message,
      String body, List<String> recipients, Instant now) {
    return jdbc.sql("insert into status_update (incident_id, at, author, status, severity, message, body, recipients)"
            + " values (:incident, :now, :author, :status, :severity, :message, :body, :recipients) returning id")
        .param("incident", incidentId).param("now", Timestamp.from(now)).param("author", author)
        .param("status", status).param("severity", severity).param("message", message).param("body", body)
        .param("recipients", recipients.toArray(String[]::new))
        .query(Long.class).single();
  }

  /** A status update as stored. */
  record StatusUpdateRow(long id, Instant at, String author, String status, String severity, String message,
      String body, List<String> recipients) {}

  List<StatusUpdateRow> statusUpdates(long incidentId) {
    return jdbc.sql("select * from status_update where incident_id = :id order by id").param("id", incidentId)
        .query((rs, i) -> new StatusUpdateRow(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
            rs.getString("author"), rs.getString("status"), rs.getString("severity"), rs.getString("message"),
            rs.getString("body"), List.of((String[]) rs.getArray("recipients").getArray())))
        .list();
  }

  private static State state(ResultSet rs, int row) throws SQLException {
    return new State(rs.getLong("id"), rs.getLong("service_id"), rs.getString("service"),
        (Long) rs.getObject("integration_id"), rs.getString("grouping_key"), rs.getString("title"),
        IncidentStatus.of(rs.getString("status")), rs.getString("urgency"), rs.getString("severity"), rs.getString("severity_rule"),
        instant(rs, "created_at"), instant(rs, "acknowledged_at"), instant(rs, "first_acknowledged_at"),
        instant(rs, "mitigated_at"), instant(rs, "first_mitigated_at"), instant(rs, "resolved_at"),
        rs.getString("resolved_by"), (Long) rs.getObject("merged_into"), instant(rs, "rto_breached_at"));
  }

}
