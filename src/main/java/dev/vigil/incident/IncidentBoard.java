package dev.vigil.incident;

import dev.vigil.system.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Open incidents as other features' pages show them: all, a person's, a set of services'. */
@Service
public class IncidentBoard {

  /**
   * An incident as a line on a board; {@code severity} null while unclassified, {@code assignees} whoever has it
   * (ADR 0034).
   */
  public record Summary(long id, String title, String service, String status, String urgency, Instant createdAt,
      String acknowledgedBy, String severity, List<String> assignees) {}

  private static final String OPEN = "select i.id, i.title, s.name as service, i.status, i.urgency, i.created_at,"
      + " i.acknowledged_by, i.severity, i.assignees from incident i join service s on s.id = i.service_id"
      + " where i.status <> 'resolved'";

  private final JdbcClient jdbc;

  IncidentBoard(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Open incidents, newest first. */
  public List<Summary> open(int limit) {
    return jdbc.sql(OPEN + " order by i.created_at desc, i.id desc limit :limit").param("limit", limit)
        .query(IncidentBoard::summary).list();
  }

  /**
   * Open incidents a person is on: an escalation step paged them (whether or not a message reached them), a
   * notification was queued for them, they acknowledged it, or it is assigned to them.
   */
  public List<Summary> openFor(String user, int limit) {
    return jdbc.sql(OPEN + " and (i.acknowledged_by = :user or :user = any (i.assignees) or exists (select 1"
            + " from incident_event e where e.incident_id = i.id and ((e.kind = 'escalated'"
            + " and e.detail -> 'paged' @> jsonb_build_array(cast(:user as text)))"
            + " or (e.kind = 'notification_queued' and e.detail ->> 'user' = :user))))"
            + " order by i.created_at desc, i.id desc limit :limit")
        .param("user", user).param("limit", limit).query(IncidentBoard::summary).list();
  }

  /** Open incidents of these services, newest first. */
  public List<Summary> openOf(Collection<String> services, int limit) {
    if (services.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(OPEN + " and s.name in (:services) order by i.created_at desc, i.id desc limit :limit")
        .param("services", services).param("limit", limit).query(IncidentBoard::summary).list();
  }

  /**
   * Who has each of these incidents while nobody does yet (ADR 0034): for a triggered incident without assignee,
   * the people its latest escalation step paged; incidents that someone has, or that no step paged, are absent.
   * A plain read: a page shows it, and a step paging meanwhile shows at the next refresh.
   */
  public Map<Long, List<String>> beingPaged(Collection<Long> incidentIds) {
    Map<Long, List<String>> paged = new HashMap<>();
    if (incidentIds.isEmpty()) {
      return paged;
    }
    // The newest escalated event that paged someone, found backwards along (incident_id, id) for each incident.
    jdbc.sql("""
            select i.id, array(select jsonb_array_elements_text(e.detail -> 'paged')) as paged
            from incident i cross join lateral (
              select detail from incident_event e
              where e.incident_id = i.id and e.kind = 'escalated' and e.detail -> 'paged' is not null
              order by e.id desc limit 1) e
            where i.id = any(cast(:ids as bigint[])) and i.status = 'triggered' and cardinality(i.assignees) = 0""")
        .param("ids", incidentIds.toArray(Long[]::new))
        .query((ResultSet rs) -> {
          paged.put(rs.getLong("id"), List.of((String[]) rs.getArray("paged").getArray()));
        });
    return paged;
  }

  /** The incident an alert of a source is in, with that incident's title and status. */
  public record AlertIncident(String fingerprint, long id, String title, String status) {}

  /**
   * The incident each of these alerts of {@code source} last joined, by fingerprint; alerts never received are
   * absent. A plain read: a page shows it, and an alert arriving meanwhile shows at the next refresh.
   */
  public Map<String, AlertIncident> ofAlerts(String source, Collection<String> fingerprints) {
    Map<String, AlertIncident> found = new HashMap<>();
    if (fingerprints.isEmpty()) {
      return found;
    }
    // An alert of one source and fingerprint may have come through several integrations: the latest one counts.
    jdbc.sql("""
            select distinct on (a.fingerprint) a.fingerprint, i.id, i.title, i.status
            from alert a join incident i on i.id = a.incident_id
            where a.source = :source and a.fingerprint in (:fingerprints)
            order by a.fingerprint, a.last_seen desc, a.id desc""")
        .param("source", source).param("fingerprints", fingerprints)
        .query((ResultSet rs) -> {
          found.put(rs.getString("fingerprint"), new AlertIncident(rs.getString("fingerprint"), rs.getLong("id"),
              rs.getString("title"), rs.getString("status")));
        });
    return found;
  }

  /** How many open incidents each service has (services without any are absent). */
  public Map<String, Integer> openCounts() {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.sql("select s.name, count(*) from incident i join service s on s.id = i.service_id"
            + " where i.status <> 'resolved' group by s.name")
        .query((ResultSet rs) -> {
          counts.put(rs.getString(1), rs.getInt(2));
        });
    return counts;
  }

  /**
   * When each of these integrations (by row id) last received an alert, a new one or a repeat; integrations that
   * never did are absent. A plain read under no lock: a page shows it, and an alert arriving meanwhile shows next time.
   */
  public Map<Long, Instant> lastAlerts(Collection<Long> integrationIds) {
    Map<Long, Instant> last = new HashMap<>();
    if (integrationIds.isEmpty()) {
      return last;
    }
    jdbc.sql("""
            select integration_id, max(last_seen) as last_seen from alert
            where integration_id in (:ids) group by integration_id""")
        .param("ids", integrationIds)
        .query((ResultSet rs) -> {
          last.put(rs.getLong("integration_id"), Rows.instant(rs, "last_seen"));
        });
    return last;
  }

  /**
   * When each service last received an alert from its senders since {@code since}, a new one or a repeat: alerts
   * through the integrations the catalog declares, not those Vigil raises itself (probes, heartbeats, SLOs); services
   * without any are absent. A plain read under no lock, for a scorecard.
   */
  public Map<String, Instant> lastAlertsByService(Instant since) {
    Map<String, Instant> last = new HashMap<>();
    jdbc.sql("""
            select s.name, max(a.last_seen) as last_seen from alert a
            join integration g on g.id = a.integration_id and not g.internal
            join incident i on i.id = a.incident_id join service s on s.id = i.service_id
            where a.last_seen >= :since group by s.name""")
        .param("since", java.sql.Timestamp.from(since))
        .query((ResultSet rs) -> {
          last.put(rs.getString("name"), Rows.instant(rs, "last_seen"));
        });
    return last;
  }

  private static Summary summary(ResultSet rs, int row) throws SQLException {
    return new Summary(rs.getLong("id"), rs.getString("title"), rs.getString("service"), rs.getString("status"),
        rs.getString("urgency"), rs.getTimestamp("created_at").toInstant(), rs.getString("acknowledged_by"),
        rs.getString("severity"), List.of((String[]) rs.getArray("assignees").getArray()));
  }
}
