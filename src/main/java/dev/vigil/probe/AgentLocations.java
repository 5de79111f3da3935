package dev.vigil.probe;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When each remote agent location was last heard from, whichever node its requests reached (V015). A node writes a
 * location's time at most every {@link #RESOLUTION}: agents call about once a second, and the time is for people.
 */
@Repository
class AgentLocations {

  static final Duration RESOLUTION = Duration.ofSeconds(5);

  private final JdbcClient jdbc;
  /** The time this node last wrote for each location. */
  private final Map<String, Instant> written = new ConcurrentHashMap<>();

  AgentLocations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The location's agent fetched its probes or posted results at {@code at}. */
  void seen(String location, Instant at) {
    Instant last = written.get(location);
    if (last != null && !at.isBefore(last) && at.isBefore(last.plus(RESOLUTION))) {
      return;
    }
    written.put(location, at);
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
