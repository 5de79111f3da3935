package dev.vigil.incident;

import dev.vigil.catalog.InternalIntegrations;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads when incidents were open, for every feature that reports how long they lasted (postmortems, reports, status
 * pages). The {@code incident_interval} rows are kept by the database's triggers as incidents open, re-open, are
 * mitigated and resolve (V018), so nothing here writes.
 */
@Component
public class IncidentIntervals {

  private final JdbcClient jdbc;

  IncidentIntervals(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * An incident of a service with the times it was open: what contracts count downtime from.
   *
   * @param severity null while unclassified
   */
  public record ServiceOutage(long id, String title, String service, String severity, OpenIntervals open) {}

  /**
   * The incidents of these services that were open at some time in [from, to), oldest first, with all their open
   * intervals (the caller clips them).
   */
  public List<ServiceOutage> ofServices(Collection<String> services, Instant from, Instant to) {
    if (services.isEmpty()) {
      return List.of();
    }
    // Committed rows only and no lock: a ledger is a report, read again on the next request.
    List<ServiceOutage> found = jdbc.sql("""
            select i.id, i.title, s.name as service, i.severity from incident i join service s on s.id = i.service_id
            where s.name = any(cast(:services as text[])) and exists (
              select 1 from incident_interval n where n.incident_id = i.id and n.opened_at < :to
                and (n.resolved_at is null or n.resolved_at > :from))
            order by i.created_at, i.id""")
        .param("services", services.toArray(String[]::new))
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query((rs, n) -> new ServiceOutage(rs.getLong("id"), rs.getString("title"), rs.getString("service"),
            rs.getString("severity"), null))
        .list();
    Map<Long, OpenIntervals> open = of(found.stream().map(ServiceOutage::id).toList());
    return found.stream().map(o -> new ServiceOutage(o.id(), o.title(), o.service(), o.severity(), open.get(o.id())))
        .toList();
  }

  /** The open intervals of one incident (none for an incident that does not exist). */
  public OpenIntervals of(long incidentId) {
    return of(List.of(incidentId)).get(incidentId);
  }

  /** The open intervals of each of these incidents, by id; every id asked for is in the answer. */
  public Map<Long, OpenIntervals> of(Collection<Long> incidentIds) {
    Map<Long, List<OpenIntervals.Interval>> rows = new HashMap<>();
    incidentIds.forEach(id -> rows.put(id, new ArrayList<>()));
    if (!incidentIds.isEmpty()) {
      // A plain read of what is committed, like the rest of a report or page: no lock is worth holding for it.
      jdbc.sql("""
              select incident_id, opened_at, mitigated_at, resolved_at from incident_interval
              where incident_id = any(cast(:ids as bigint[])) order by incident_id, number""")
          .param("ids", incidentIds.toArray(Long[]::new))
          .query(rs -> {
            rows.get(rs.getLong("incident_id")).add(new OpenIntervals.Interval(instant(rs.getTimestamp("opened_at")),
                instant(rs.getTimestamp("mitigated_at")), instant(rs.getTimestamp("resolved_at"))));
          });
    }
    Map<Long, OpenIntervals> result = new HashMap<>();
    rows.forEach((id, intervals) -> result.put(id, new OpenIntervals(intervals)));
    return result;
  }

  /**
   * The open intervals of the service's incidents of these severities (any, when none are named) that began before
   * {@code to} and whose impact had not stopped by {@code from}, oldest first: what an SLO counted from incidents
   * reads. Incidents raised through {@code exceptSource}'s internal integration are left out, so that an SLO's own
   * burn-rate alerts never count as the downtime they report.
   */
  public List<OpenIntervals.Interval> impactOf(String service, Collection<String> severities, String exceptSource,
      Instant from, Instant to) {
    // A plain read of what is committed: the evaluation that asks reads again a minute later.
    return jdbc.sql("""
            select v.opened_at, v.mitigated_at, v.resolved_at from incident_interval v
            join incident i on i.id = v.incident_id
            join service s on s.id = i.service_id
            left join integration g on g.id = i.integration_id
            where s.name = :service
              and (cardinality(cast(:severities as text[])) = 0 or i.severity = any(cast(:severities as text[])))
              and not (g.internal is true and g.name = :except)
              and v.opened_at < :to
              and (coalesce(v.mitigated_at, v.resolved_at) is null or coalesce(v.mitigated_at, v.resolved_at) > :from)
            order by v.opened_at""")
        .param("service", service).param("severities", severities.toArray(String[]::new))
        .param("except", InternalIntegrations.name(exceptSource))
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query((rs, i) -> new OpenIntervals.Interval(instant(rs.getTimestamp("opened_at")),
            instant(rs.getTimestamp("mitigated_at")), instant(rs.getTimestamp("resolved_at"))))
        .list();
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
