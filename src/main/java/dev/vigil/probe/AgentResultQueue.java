package dev.vigil.probe;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Results that remote agents posted, on their way to the node that runs the probe: any node takes a batch from an
 * agent and queues it here, the probe's owner takes its probes' results and records them. So the one owner keeps
 * counting each probe's state, whichever node an agent's request reached.
 */
@Repository
class AgentResultQueue {

  /** A queued result, in the order agents posted them. */
  record Queued(long probeId, ProbeResult result) {}

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final Clock clock;

  AgentResultQueue(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.clock = clock;
  }

  void add(List<Queued> results) {
    Timestamp now = Timestamp.from(clock.instant());
    batch.batchUpdate("insert into probe_agent_result (probe_id, location, at, success, duration_us, message,"
            + " cert_expiry, received_at) values (:probe, :location, :at, :success, :duration, :message, :expiry, :now)",
        results.stream().map(q -> new MapSqlParameterSource().addValue("probe", q.probeId())
            .addValue("location", q.result().location()).addValue("at", Timestamp.from(q.result().at()))
            .addValue("success", q.result().success()).addValue("duration", q.result().duration().toNanos() / 1000)
            .addValue("message", q.result().message())
            .addValue("expiry", q.result().certExpiry() == null ? null : Timestamp.from(q.result().certExpiry()))
            .addValue("now", now)).toArray(MapSqlParameterSource[]::new));
  }

  /** Takes (and removes) up to {@code limit} queued results of the probes {@code node} runs, oldest first. */
  List<Queued> take(String node, int limit) {
    return jdbc.sql("with taken as (delete from probe_agent_result where id in (select r.id from probe_agent_result r"
            + " join probe p on p.id = r.probe_id where p.owner = :node order by r.id limit :n for update of r skip locked)"
            + " returning *) select * from taken order by id")
        .param("node", node).param("n", limit)
        .query((rs, i) -> new Queued(rs.getLong("probe_id"), new ProbeResult(rs.getTimestamp("at").toInstant(),
            rs.getBoolean("success"), Duration.ofNanos(rs.getLong("duration_us") * 1000), rs.getString("message"),
            rs.getTimestamp("cert_expiry") == null ? null : rs.getTimestamp("cert_expiry").toInstant(),
            rs.getString("location"))))
        .list();
  }

  /** Drops results nobody took for {@code age}: their probe had no live owner, and they are too old to count. */
  int dropOlderThan(Instant before) {
    return jdbc.sql("delete from probe_agent_result where received_at < :before")
        .param("before", Timestamp.from(before)).update();
  }
}
