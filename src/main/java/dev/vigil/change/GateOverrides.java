package dev.vigil.change;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores the overrides of a blocked deploy gate and ties each to the deploy it let through. */
@Repository
class GateOverrides {

  /** An override not yet used by a deploy, or the one a deploy used. */
  record Stored(long id, String service, String reason, List<String> blockedBy, Instant overriddenAt,
      String overriddenBy, Instant expiresAt) {}

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  GateOverrides(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(String service, String reason, List<String> blockedBy, Instant at, String by, Instant expiresAt) {
    jdbc.sql("""
            insert into deploy_gate_override (service, reason, blocked_by, overridden_at, overridden_by, expires_at)
            values (:service, :reason, cast(:blockedBy as jsonb), :at, :by, :expiresAt)""")
        .param("service", service).param("reason", reason).param("blockedBy", json.writeValueAsString(blockedBy))
        .param("at", Timestamp.from(at)).param("by", by).param("expiresAt", Timestamp.from(expiresAt)).update();
  }

  /** The latest override of the service that no deploy has used and that still holds at {@code at}. */
  Optional<Stored> unused(String service, Instant at) {
    return jdbc.sql("""
            select * from deploy_gate_override
            where service = :service and change_id is null and overridden_at <= :at and expires_at > :at
            order by overridden_at desc, id desc limit 1""")
        .param("service", service).param("at", Timestamp.from(at)).query(this::row).optional();
  }

  /**
   * Gives the deploy starting at {@code startedAt} the service's latest unused override. The update's
   * {@code change_id is null} is re-checked after waiting for the row's lock, so two deploys racing for one override
   * cannot both take it.
   */
  void claim(String service, long changeId, Instant startedAt) {
    jdbc.sql("""
            update deploy_gate_override set change_id = :change
            where id = (select id from deploy_gate_override
                        where service = :service and change_id is null and overridden_at <= :at and expires_at > :at
                        order by overridden_at desc, id desc limit 1)
              and change_id is null""")
        .param("change", changeId).param("service", service).param("at", Timestamp.from(startedAt)).update();
  }

  /** The override a change used, shown on it. */
  Optional<ChangeView.GateOverride> of(long changeId) {
    return jdbc.sql("select * from deploy_gate_override where change_id = :change order by id limit 1")
        .param("change", changeId).query(this::row).optional()
        .map(o -> new ChangeView.GateOverride(o.reason(), o.blockedBy(), o.overriddenAt(), o.overriddenBy()));
  }

  private Stored row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Stored(rs.getLong("id"), rs.getString("service"), rs.getString("reason"),
        json.readValue(rs.getString("blocked_by"), STRINGS), rs.getTimestamp("overridden_at").toInstant(),
        rs.getString("overridden_by"), rs.getTimestamp("expires_at").toInstant());
  }
}
