package dev.vigil.probe;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** When each remote agent location was last heard from, whichever node its requests reached (V015). */
@Repository
class AgentLocations {

  private final JdbcClient jdbc;

  AgentLocations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The location's agent fetched its probes or posted results at {@code at}. */
  void seen(String location, Instant at) {
    jdbc.sql("insert into probe_location (location, last_seen_at) values (:location, :at)"
            + " on conflict (location) do update set last_seen_at = greatest(probe_location.last_seen_at,"
            + " excluded.last_seen_at)")
        .param("location", location).param("at", Timestamp.from(at)).update();
  }

  /** Every location heard from, with when, by name. */
  Map<String, Instant> lastSeen() {
    Map<String, Instant> out = new LinkedHashMap<>();
    jdbc.sql("select location, last_seen_at from probe_location order by location")
        .query((rs, i) -> Map.entry(rs.getString("location"), rs.getTimestamp("last_seen_at").toInstant()))
        .list().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
