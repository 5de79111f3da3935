package dev.vigil.heartbeat;

import static dev.vigil.system.Rows.instant;

import dev.vigil.catalog.Catalog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The heartbeat and heartbeat_ping tables; every write happens in the caller's transaction. */
@Repository
class HeartbeatRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String COLUMNS = "h.id, h.service_id, s.name as service, h.name, h.spec::text as spec,"
      + " h.token_ciphertext, h.token_declared, h.state, h.last_ping_at, h.last_ping_kind, h.last_success_at,"
      + " h.last_duration_ms, h.started_at, h.due_at, h.deadline_at, h.down_since, h.held_alert";
  private static final String FROM = " from heartbeat h join service s on s.id = h.service_id";

  /** A heartbeat and where it stands. */
  record Row(long id, long serviceId, String service, String name, Catalog.Heartbeat spec, byte[] tokenCiphertext,
      boolean tokenDeclared, String state, Instant lastPingAt, String lastPingKind, Instant lastSuccessAt,
      Long lastDurationMs, Instant startedAt, Instant dueAt, Instant deadlineAt, Instant downSince,
      String heldAlert) {

    /** The name people see: service and heartbeat, such as billing/invoice-export. */
    String path() {
      return service + "/" + name;
    }

    /** The state as shown: late is up past its due time, worked out when read. */
    String shownState(Instant now) {
      return state.equals("up") && dueAt != null && now.isAfter(dueAt) ? "late" : state;
    }
  }

  /** Where a heartbeat stands after a ping or a check: what {@link #update} writes. */
  record State(String state, Instant lastPingAt, String lastPingKind, Instant lastSuccessAt, Long lastDurationMs,
      Instant startedAt, Instant dueAt, Instant deadlineAt, Instant downSince) {

    static State of(Row r) {
      return new State(r.state(), r.lastPingAt(), r.lastPingKind(), r.lastSuccessAt(), r.lastDurationMs(),
          r.startedAt(), r.dueAt(), r.deadlineAt(), r.downSince());
    }
  }

  /** One ping as received. */
  record Ping(long id, Instant at, String kind, Integer exitStatus, Long durationMs, String method,
      String remoteAddress, String userAgent, String body, boolean bodyTruncated) {}

  private final JdbcClient jdbc;

  HeartbeatRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The heartbeat whose token has this SHA-256, without locking it. */
  Optional<Row> findByTokenHash(byte[] hash) {
    return jdbc.sql("select " + COLUMNS + FROM + " where h.token_hash = :hash").param("hash", hash)
        .query(HeartbeatRepository::row).optional();
  }

  /** The heartbeat, locked until the transaction ends, so pings and checks of one heartbeat take turns. */
  Optional<Row> lock(long id) {
    return jdbc.sql("select " + COLUMNS + FROM + " where h.id = :id for update of h").param("id", id)
        .query(HeartbeatRepository::row).optional();
  }

  Optional<Row> find(String service, String name) {
    return jdbc.sql("select " + COLUMNS + FROM + " where s.name = :service and h.name = :name")
        .param("service", service).param("name", name).query(HeartbeatRepository::row).optional();
  }

  List<Row> all(String service) {
    return jdbc.sql("select " + COLUMNS + FROM + (service == null ? "" : " where s.name = :service")
            + " order by s.name, h.name")
        .params(service == null ? java.util.Map.of() : java.util.Map.of("service", service))
        .query(HeartbeatRepository::row).list();
  }

  /** Heartbeats down, or up but past their due time, the longest overdue first. */
  List<Row> lateOrDown(Instant now) {
    return jdbc.sql("select " + COLUMNS + FROM + " where h.state = 'down' or (h.state = 'up' and h.due_at < :now)"
            + " order by coalesce(h.down_since, h.due_at), s.name, h.name")
        .param("now", Timestamp.from(now)).query(HeartbeatRepository::row).list();
  }

  List<Row> ofService(long serviceId) {
    return jdbc.sql("select " + COLUMNS + FROM + " where h.service_id = :id").param("id", serviceId)
        .query(HeartbeatRepository::row).list();
  }

  /**
   * Up to {@code limit} heartbeats awaiting a ping whose deadline has passed, locked; rows another node is handling
   * are skipped rather than waited for, and are no longer overdue once that node commits.
   */
  List<Row> lockOverdue(Instant now, int limit) {
    return jdbc.sql("select " + COLUMNS + FROM + " where h.deadline_at <= :now and h.state <> 'down'"
            + " order by h.deadline_at limit :limit for update of h skip locked")
        .param("now", Timestamp.from(now)).param("limit", limit).query(HeartbeatRepository::row).list();
  }

  /**
   * Up to {@code limit} heartbeats after id {@code after} with an alert held for a maintenance window, locked as
   * above.
   */
  List<Row> lockHeld(long after, int limit) {
    return jdbc.sql("select " + COLUMNS + FROM + " where h.held_alert is not null and h.id > :after"
            + " order by h.id limit :limit for update of h skip locked")
        .param("after", after).param("limit", limit).query(HeartbeatRepository::row).list();
  }

  /** Holds (a summary) or releases (null) the alert of a heartbeat that is down. */
  void holdAlert(long id, String summary) {
    jdbc.sql("update heartbeat set held_alert = :summary where id = :id").param("summary", summary).param("id", id)
        .update();
  }

  /** For the rest of the transaction, lock waits longer than half a second fail instead of waiting on. */
  void limitLockWaits() {
    jdbc.sql("set local lock_timeout = '500ms'").update();
  }

  long insert(long serviceId, String name, Catalog.Heartbeat spec, byte[] tokenHash, byte[] tokenCiphertext,
      boolean declared, Instant now) {
    return jdbc.sql("insert into heartbeat (service_id, name, token_hash, token_ciphertext, token_declared, spec,"
            + " created_at, updated_at) values (:service, :name, :hash, :ciphertext, :declared, cast(:spec as jsonb),"
            + " :now, :now) returning id")
        .param("service", serviceId).param("name", name).param("hash", tokenHash).param("ciphertext", tokenCiphertext)
        .param("declared", declared).param("spec", JSON.writeValueAsString(withoutToken(spec)))
        .param("now", Timestamp.from(now))
        .query(Long.class).single();
  }

  void updateSpec(long id, Catalog.Heartbeat spec, Instant now) {
    jdbc.sql("update heartbeat set spec = cast(:spec as jsonb), updated_at = :now where id = :id")
        .param("spec", JSON.writeValueAsString(withoutToken(spec))).param("now", Timestamp.from(now))
        .param("id", id).update();
  }

  void updateToken(long id, byte[] tokenHash, byte[] tokenCiphertext, boolean declared) {
    jdbc.sql("update heartbeat set token_hash = :hash, token_ciphertext = :ciphertext, token_declared = :declared"
            + " where id = :id")
        .param("hash", tokenHash).param("ciphertext", tokenCiphertext).param("declared", declared).param("id", id)
        .update();
  }

  void delete(long id) {
    jdbc.sql("delete from heartbeat where id = :id").param("id", id).update();
  }

  void update(long id, State s, Instant now) {
    jdbc.sql("update heartbeat set state = :state, last_ping_at = :lastPingAt, last_ping_kind = :lastPingKind,"
            + " last_success_at = :lastSuccessAt, last_duration_ms = :lastDurationMs, started_at = :startedAt,"
            + " due_at = :dueAt, deadline_at = :deadlineAt, down_since = :downSince,"
            + " held_alert = case when :state = 'down' then held_alert end, updated_at = :now where id = :id")
        .param("state", s.state()).param("lastPingAt", ts(s.lastPingAt())).param("lastPingKind", s.lastPingKind())
        .param("lastSuccessAt", ts(s.lastSuccessAt())).param("lastDurationMs", s.lastDurationMs())
        .param("startedAt", ts(s.startedAt())).param("dueAt", ts(s.dueAt())).param("deadlineAt", ts(s.deadlineAt()))
        .param("downSince", ts(s.downSince())).param("now", Timestamp.from(now)).param("id", id)
        .update();
  }

  /** Stores a ping and drops the heartbeat's pings beyond the {@code kept} most recent. */
  void insertPing(long heartbeatId, Ping ping, int kept) {
    jdbc.sql("insert into heartbeat_ping (heartbeat_id, at, kind, exit_status, duration_ms, method, remote_address,"
            + " user_agent, body, body_truncated) values (:heartbeat, :at, :kind, :exitStatus, :durationMs, :method,"
            + " :remoteAddress, :userAgent, :body, :truncated)")
        .param("heartbeat", heartbeatId).param("at", Timestamp.from(ping.at())).param("kind", ping.kind())
        .param("exitStatus", ping.exitStatus()).param("durationMs", ping.durationMs()).param("method", ping.method())
        .param("remoteAddress", ping.remoteAddress()).param("userAgent", ping.userAgent()).param("body", ping.body())
        .param("truncated", ping.bodyTruncated())
        .update();
    jdbc.sql("delete from heartbeat_ping where heartbeat_id = :heartbeat and id <= (select id from heartbeat_ping"
            + " where heartbeat_id = :heartbeat order by id desc offset :kept limit 1)")
        .param("heartbeat", heartbeatId).param("kept", kept).update();
  }

  /** The most recent pings, newest first. */
  List<Ping> pings(long heartbeatId, int limit) {
    return jdbc.sql("select id, at, kind, exit_status, duration_ms, method, remote_address, user_agent, body,"
            + " body_truncated from heartbeat_ping where heartbeat_id = :heartbeat order by id desc limit :limit")
        .param("heartbeat", heartbeatId).param("limit", limit)
        .query((rs, i) -> new Ping(rs.getLong("id"), instant(rs, "at"), rs.getString("kind"),
            (Integer) rs.getObject("exit_status"), (Long) rs.getObject("duration_ms"), rs.getString("method"),
            rs.getString("remote_address"), rs.getString("user_agent"), rs.getString("body"),
            rs.getBoolean("body_truncated")))
        .list();
  }

  /** The declaration as kept in the spec column: without the token, which is kept hashed and encrypted. */
  static Catalog.Heartbeat withoutToken(Catalog.Heartbeat h) {
    return new Catalog.Heartbeat(h.name(), h.description(), h.period(), h.cron(), h.timeZone(), h.grace(),
        h.severity(), null);
  }

  private static Row row(ResultSet rs, int i) throws SQLException {
    return new Row(rs.getLong("id"), rs.getLong("service_id"), rs.getString("service"), rs.getString("name"),
        JSON.readValue(rs.getString("spec"), Catalog.Heartbeat.class), rs.getBytes("token_ciphertext"),
        rs.getBoolean("token_declared"), rs.getString("state"), instant(rs, "last_ping_at"),
        rs.getString("last_ping_kind"), instant(rs, "last_success_at"), (Long) rs.getObject("last_duration_ms"),
        instant(rs, "started_at"), instant(rs, "due_at"), instant(rs, "deadline_at"), instant(rs, "down_since"),
        rs.getString("held_alert"));
  }


  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
