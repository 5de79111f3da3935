package dev.vigil.postmortem;

import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.BusinessDays;
import java.sql.Date;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How many action items each service's postmortems have overdue: still open or in progress after their due day has
 * ended in the business time zone, the moment their reminders start.
 */
@Service
public class OverdueActionItems {

  private final JdbcClient jdbc;
  private final CatalogQueries catalog;
  private final Clock clock;

  OverdueActionItems(JdbcClient jdbc, CatalogQueries catalog, Clock clock) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Overdue action items per service; services without any are absent. A plain read under no lock. */
  public Map<String, Integer> byService() {
    LocalDate today = LocalDate.now(clock.withZone(BusinessDays.of(catalog.incidentPolicy()).zone()));
    Map<String, Integer> counts = new HashMap<>();
    jdbc.sql("""
            select s.name, count(*) from action_item a join incident i on i.id = a.incident_id
            join service s on s.id = i.service_id
            where a.status in ('open', 'in_progress') and a.due_date < :today group by s.name""")
        .param("today", Date.valueOf(today))
        .query((ResultSet rs) -> {
          counts.put(rs.getString(1), rs.getInt(2));
        });
    return counts;
  }
}
