package dev.vigil.escalation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The escalation table: where each incident's escalation stands. */
@Repository
class EscalationRepository {

  /** An escalation row. */
  record Row(long incidentId, String policy, int run, int cycle, int step, EscalationState state, Instant nextAt) {}

  private final JdbcClient jdbc;

  EscalationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Row> lock(long incidentId) {
    return jdbc.sql("select * from escalation where incident_id = :id for update").param("id", incidentId)
        .query((rs, i) -> new Row(rs.getLong("incident_id"), rs.getString("policy"), rs.getInt("run"),
            rs.getInt("cycle"), rs.getInt("step"), EscalationState.of(rs.getString("state")),
            rs.getTimestamp("next_at") == null ? null : rs.getTimestamp("next_at").toInstant()))
        .optional();
  }

  void upsert(long incidentId, String policy, int run, int cycle, int step, EscalationState state,
      Instant nextAt, Instant now) {
    jdbc.sql("insert into escalation (incident_id, policy, run, cycle, step, state, next_at, updated_at)"
            + " values (:id, :policy, :run, :cycle, :step, :state, :next, :now) on conflict (incident_id) do update"
            + " set policy = excluded.policy, run = excluded.run, cycle = excluded.cycle, step = excluded.step,"
            + " state = excluded.state, next_at = excluded.next_at, updated_at = excluded.updated_at")
        .param("id", incidentId).param("policy", policy).param("run", run).param("cycle", cycle).param("step", step)
        .param("state", state.value()).param("next", nextAt == null ? null : Timestamp.from(nextAt))
        .param("now", Timestamp.from(now))
        .update();
  }

  void state(long incidentId, EscalationState state, Instant nextAt, Instant now) {
    jdbc.sql("update escalation set state = :state, next_at = :next, updated_at = :now where incident_id = :id")
        .param("id", incidentId).param("state", state.value())
        .param("next", nextAt == null ? null : Timestamp.from(nextAt)).param("now", Timestamp.from(now)).update();
  }
}
