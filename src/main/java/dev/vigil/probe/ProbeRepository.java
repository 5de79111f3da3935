package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The probe tables: probes kept in step with the catalog, their states, transitions, rollups, and the nodes. */
@Repository
class ProbeRepository {

  /** The catalog's own spelling (snake_case, like vigil.yaml), so a stored probe spec reads like the file. */
  static final JsonMapper SPEC = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  /** A probe row as listings show it. */
  record ProbeRow(ProbeDefinition definition, ProbeState state, Instant since, boolean alerted, String owner) {}

  /** A probe's stored state. */
  record StoredState(ProbeState state, Instant since, boolean alerted) {}

  /** One hour's row of rollup records to append. */
  record RollupAppend(long probeId, Instant hour, byte[] data) {}

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final TransactionTemplate transactions;

  ProbeRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
  }

  /**
   * Makes the probe table match what the services declare: new probes are inserted (state unknown since
   * {@code now}), changed ones updated, removed ones deleted with their history (transitions, rollups, queued agent
   * results). Every node calls this; one at a time does the work, the others skip. Returns the removed probes that
   * were alerting, whose alerts the caller resolves.
   */
  List<ProbeDefinition> sync(List<Catalog.Service> services, Instant now) {
    return transactions.execute(tx -> {
      if (!jdbc.sql("select pg_try_advisory_xact_lock(hashtext('vigil.probe.sync'))").query(Boolean.class).single()) {
        return List.of();
      }
      Map<String, String> stored = new HashMap<>();
      jdbc.sql("select s.name as service, p.name, p.spec::text as spec from probe p join service s on s.id = p.service_id")
          .query((rs, i) -> Map.entry(rs.getString("service") + "/" + rs.getString("name"), rs.getString("spec")))
          .list().forEach(e -> stored.put(e.getKey(), e.getValue()));
      List<MapSqlParameterSource> upserts = new ArrayList<>();
      for (Catalog.Service service : services) {
        for (Catalog.Probe probe : service.probes()) {
          String spec = SPEC.writeValueAsString(probe);
          String old = stored.remove(service.name() + "/" + probe.name());
          if (old == null || !SPEC.readTree(old).equals(SPEC.readTree(spec))) {
            upserts.add(new MapSqlParameterSource().addValue("service", service.name()).addValue("name", probe.name())
                .addValue("kind", probe.kind().value()).addValue("spec", spec).addValue("now", Timestamp.from(now)));
          }
        }
      }
      if (!upserts.isEmpty()) {
        batch.batchUpdate("insert into probe (service_id, name, kind, spec, state_since, created_at, updated_at)"
            + " select id, :name, :kind, cast(:spec as jsonb), :now, :now, :now from service where name = :service"
            + " on conflict (service_id, name) do update set kind = excluded.kind, spec = excluded.spec,"
            + " updated_at = excluded.updated_at", upserts.toArray(MapSqlParameterSource[]::new));
      }
      List<ProbeDefinition> alerting = new ArrayList<>();
      for (String gone : stored.keySet()) {
        int slash = gone.indexOf('/');
        jdbc.sql("delete from probe where name = :name and service_id = (select id from service where name = :service)"
                + " returning id, alerted, spec::text as spec")
            .param("service", gone.substring(0, slash)).param("name", gone.substring(slash + 1))
            .query((rs, i) -> rs.getBoolean("alerted") ? new ProbeDefinition(rs.getLong("id"), gone.substring(0, slash),
                SPEC.readValue(rs.getString("spec"), Catalog.Probe.class), List.of()) : null)
            .list().stream().filter(java.util.Objects::nonNull).forEach(alerting::add);
      }
      return alerting;
    });
  }

  /** Records that {@code node} is alive, in the database's time, which every node shares. */
  void heartbeat(String node) {
    jdbc.sql("insert into probe_node (id, heartbeat_at, started_at) values (:node, now(), now())"
            + " on conflict (id) do update set heartbeat_at = now()")
        .param("node", node).update();
  }

  int liveNodes(Duration leaseTime) {
    return jdbc.sql("select count(*) from probe_node where heartbeat_at > now() - cast(:ttl as interval)")
        .param("ttl", leaseTime.toMillis() + " milliseconds").query(Integer.class).single();
  }

  int probeCount() {
    return jdbc.sql("select count(*) from probe").query(Integer.class).single();
  }

  Set<Long> owned(String node) {
    return Set.copyOf(jdbc.sql("select id from probe where owner = :node").param("node", node).query(Long.class).list());
  }

  /** Gives up {@code count} of the node's probes, so that a node with fewer can take them. */
  int release(String node, int count) {
    return jdbc.sql("update probe set owner = null where id in"
            + " (select id from probe where owner = :node order by id desc limit :n for update skip locked)")
        .param("node", node).param("n", count).update();
  }

  /** Takes up to {@code count} probes nobody runs: unowned, or owned by a node whose lease ran out. */
  int claim(String node, int count, Duration leaseTime) {
    return jdbc.sql("update probe set owner = :node where id in (select p.id from probe p where p.owner is null"
            + " or (p.owner <> :node and not exists (select 1 from probe_node n where n.id = p.owner"
            + " and n.heartbeat_at > now() - cast(:ttl as interval)))"
            + " order by p.id limit :n for update skip locked)")
        .param("node", node).param("n", count).param("ttl", leaseTime.toMillis() + " milliseconds").update();
  }

  /** A node that stops hands its probes back at once instead of making the others wait out its lease. */
  void leave(String node) {
    jdbc.sql("update probe set owner = null where owner = :node").param("node", node).update();
    jdbc.sql("delete from probe_node where id = :node").param("node", node).update();
  }

  void forgetStaleNodes(Duration olderThan) {
    jdbc.sql("delete from probe_node where heartbeat_at < now() - cast(:age as interval)")
        .param("age", olderThan.toMillis() + " milliseconds").update();
  }

  List<ProbeRow> all() {
    return jdbc.sql(ROW_SELECT + " order by s.name, p.name").query(this::row).list();
  }

  Optional<ProbeRow> find(long id) {
    return jdbc.sql(ROW_SELECT + " where p.id = :id").param("id", id).query(this::row).optional();
  }

  /** The probes that list {@code location} among their locations, for that location's agent. */
  List<ProbeRow> assignedTo(String location) {
    return jdbc.sql(ROW_SELECT + " where jsonb_exists(p.spec->'locations', :location) order by p.id")
        .param("location", location).query(this::row).list();
  }

  /** The probes of one service, by name. */
  List<ProbeRow> ofService(String service) {
    return jdbc.sql(ROW_SELECT + " where s.name = :service order by p.name").param("service", service)
        .query(this::row).list();
  }

  /** The probes in a state, longest in it first. */
  List<ProbeRow> inState(ProbeState state) {
    return jdbc.sql(ROW_SELECT + " where p.state = :state order by p.state_since, s.name, p.name")
        .param("state", state.value()).query(this::row).list();
  }

  List<ProbeRow> ownedBy(String node) {
    return jdbc.sql(ROW_SELECT + " where p.owner = :node").param("node", node).query(this::row).list();
  }

  private static final String ROW_SELECT = "select p.id, s.name as service, p.spec::text as spec,"
      + " (s.spec->'maintenance_windows')::text as windows, p.state, p.state_since, p.alerted, p.owner"
      + " from probe p join service s on s.id = p.service_id";

  private ProbeRow row(ResultSet rs, int i) throws SQLException {
    String windows = rs.getString("windows");
    ProbeDefinition definition = new ProbeDefinition(rs.getLong("id"), rs.getString("service"),
        SPEC.readValue(rs.getString("spec"), Catalog.Probe.class),
        windows == null ? List.of() : SPEC.readValue(windows, new TypeReference<List<Catalog.MaintenanceWindow>>() {}));
    return new ProbeRow(definition, ProbeState.of(rs.getString("state")), rs.getTimestamp("state_since").toInstant(),
        rs.getBoolean("alerted"), rs.getString("owner"));
  }

  Optional<StoredState> state(long id) {
    return jdbc.sql("select state, state_since, alerted from probe where id = :id").param("id", id)
        .query((rs, i) -> new StoredState(ProbeState.of(rs.getString("state")), rs.getTimestamp("state_since").toInstant(),
            rs.getBoolean("alerted")))
        .optional();
  }

  /**
   * Stores a change of state and its transition, but only while {@code node} runs the probe: a node that lost its
   * probe to another must not overwrite what the new owner decides. Returns whether it was stored.
   */
  boolean transition(long id, String node, ProbeStatus.Transition t, Instant now) {
    return Boolean.TRUE.equals(transactions.execute(tx -> {
      int updated = jdbc.sql("update probe set state = :state, state_since = :at, updated_at = :now"
              + " where id = :id and owner = :node")
          .param("state", t.state().value()).param("at", Timestamp.from(t.at())).param("now", Timestamp.from(now))
          .param("id", id).param("node", node).update();
      if (updated == 0) {
        return false;
      }
      jdbc.sql("insert into probe_transition (probe_id, at, state, message) values (:id, :at, :state, :message)"
              + " on conflict (probe_id, at) do update set state = excluded.state, message = excluded.message")
          .param("id", id).param("at", Timestamp.from(t.at())).param("state", t.state().value())
          .param("message", t.message()).update();
      return true;
    }));
  }

  void alerted(long id, boolean alerted) {
    jdbc.sql("update probe set alerted = :alerted where id = :id").param("alerted", alerted).param("id", id).update();
  }

  /** Appends five-minute records to their hours' rows; records of the same five minutes from two nodes add up. */
  void appendRollups(Collection<RollupAppend> rows) {
    if (rows.isEmpty()) {
      return;
    }
    batch.batchUpdate("insert into probe_rollup (probe_id, hour, data) select :id, :hour, :data"
            + " where exists (select 1 from probe where id = :id)"
            + " on conflict (probe_id, hour) do update set data = probe_rollup.data || excluded.data",
        rows.stream().map(r -> new MapSqlParameterSource().addValue("id", r.probeId())
            .addValue("hour", Timestamp.from(r.hour())).addValue("data", r.data()))
            .toArray(MapSqlParameterSource[]::new));
  }

  int deleteRollupsBefore(Instant before) {
    return jdbc.sql("delete from probe_rollup where hour < :before").param("before", Timestamp.from(before)).update();
  }

  /** The probe's exact uptime over [from, to), from the state in force at {@code from} and the changes after it. */
  Uptime uptime(long id, Instant from, Instant to) {
    return Uptime.over(from, to, stateAt(id, from), transitions(id, from, to));
  }

  /** The state in force at {@code at}: the last transition before it, or unknown. */
  ProbeState stateAt(long id, Instant at) {
    return jdbc.sql("select state from probe_transition where probe_id = :id and at <= :at order by at desc limit 1")
        .param("id", id).param("at", Timestamp.from(at)).query(String.class).optional()
        .map(ProbeState::of).orElse(ProbeState.UNKNOWN);
  }

  List<Uptime.Change> transitions(long id, Instant from, Instant to) {
    return jdbc.sql("select at, state from probe_transition where probe_id = :id and at > :from and at < :to order by at")
        .param("id", id).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query((rs, i) -> new Uptime.Change(rs.getTimestamp("at").toInstant(), ProbeState.of(rs.getString("state"))))
        .list();
  }

  /** The probe's latest transitions, newest first; a read of committed rows, no lock needed. */
  List<ProbeBoard.Transition> latestTransitions(long id, int limit) {
    return jdbc.sql("""
            select at, state, message from probe_transition where probe_id = :id
            order by at desc limit :limit""")
        .param("id", id).param("limit", limit)
        .query((rs, i) -> new ProbeBoard.Transition(rs.getTimestamp("at").toInstant(), rs.getString("state"),
            rs.getString("message")))
        .list();
  }

  /**
   * Hands each five-minute rollup starting in [from, to) to {@code each}, in time order, one hour's row at a time:
   * for long ranges, which would not fit in memory as one list.
   */
  void eachRollup(long id, Instant from, Instant to, java.util.function.Consumer<Rollup> each) {
    jdbc.sql("select hour, data from probe_rollup where probe_id = :id and hour >= :from and hour < :to order by hour")
        .param("id", id).param("from", Timestamp.from(Rollup.hourOf(from))).param("to", Timestamp.from(to))
        .query((ResultSet rs) -> {
          for (Rollup r : Rollup.decode(rs.getTimestamp("hour").toInstant(), rs.getBytes("data"))) {
            if (!r.start().isBefore(from) && r.start().isBefore(to)) {
              each.accept(r);
            }
          }
        });
  }

  List<Rollup> rollups(long id, Instant from, Instant to) {
    List<Rollup> out = new ArrayList<>();
    eachRollup(id, from, to, out::add);
    return out;
  }
}
