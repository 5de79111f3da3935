package dev.vigil.incident;

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

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
