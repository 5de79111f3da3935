package dev.vigil.report;

import static dev.vigil.system.Rows.instant;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentIntervals;
import dev.vigil.incident.OpenIntervals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads incidents for reports; incidents merged into another are left out, their alerts counted in the other. */
@Repository
class ReportRepository {

  private final JdbcClient jdbc;
  private final IncidentIntervals intervals;
  private final CatalogQueries catalog;

  ReportRepository(JdbcClient jdbc, IncidentIntervals intervals, CatalogQueries catalog) {
    this.jdbc = jdbc;
    this.intervals = intervals;
    this.catalog = catalog;
  }

  /** Incidents created in [from, to), oldest first, with the RTO their service declares now and their open times. */
  List<IncidentTimes> incidents(Instant from, Instant to) {
    Map<String, Duration> rtoByService = new HashMap<>();
    for (var s : catalog.all(CatalogKind.SERVICE, Catalog.Service.class)) {
      if (s.object().rto() != null) {
        rtoByService.put(s.object().name(), s.object().rto());
      }
    }
    List<IncidentTimes> rows = jdbc.sql("select i.id, i.title, s.name as service, t.name as team, i.severity,"
            + " i.status, i.created_at, i.first_acknowledged_at, i.first_mitigated_at, i.resolved_at, i.rto_breached_at"
            + " from incident i join service s on s.id = i.service_id join team t on t.id = s.team_id"
            + " where i.created_at >= :from and i.created_at < :to and i.merged_into is null"
            + " order by i.created_at, i.id")
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query((rs, i) -> times(rs, rtoByService)).list();
    Map<Long, OpenIntervals> open = intervals.of(rows.stream().map(IncidentTimes::id).toList());
    return rows.stream().map(r -> r.withOpen(open.get(r.id()))).toList();
  }

  /** The row's times, without the open intervals (read for all rows at once afterwards). */
  private static IncidentTimes times(ResultSet rs, Map<String, Duration> rto) throws SQLException {
    String service = rs.getString("service");
    return new IncidentTimes(rs.getLong("id"), rs.getString("title"), service, rs.getString("team"),
        rs.getString("severity"), rs.getString("status"), instant(rs, "created_at"),
        instant(rs, "first_acknowledged_at"), instant(rs, "first_mitigated_at"), instant(rs, "resolved_at"),
        rto.get(service), instant(rs, "rto_breached_at"), null);
  }

}
