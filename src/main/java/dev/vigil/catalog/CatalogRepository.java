package dev.vigil.catalog;

import dev.vigil.system.SecretBox;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes the catalog's tables; every write happens inside the caller's transaction. */
@Repository
class CatalogRepository {

  /** An object as stored: its canonical spec and who manages it. */
  record Stored(long id, String name, JsonNode spec, String managedBy) {}

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final SecretBox secrets;
  private final Clock clock;

  CatalogRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch, SecretBox secrets, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.secrets = secrets;
    this.clock = clock;
  }

  Map<String, Stored> load(CatalogKind kind) {
    Map<String, Stored> byName = new LinkedHashMap<>();
    // Internal integrations (one per source of synthetic alerts, see InternalIntegrations) are not the catalog's.
    String where = kind == CatalogKind.INTEGRATION ? " where not internal" : "";
    jdbc.sql("select id, name, spec::text as spec, managed_by from " + kind.table() + where + " order by name")
        .query((rs, i) -> new Stored(rs.getLong("id"), rs.getString("name"), SpecMapper.parse(rs.getString("spec")),
            rs.getString("managed_by")))
        .list()
        .forEach(s -> byName.put(s.name(), s));
    return byName;
  }

  /** The catalog's change stamp (V013): different after any write to the catalog's tables, never reused. */
  long stamp() {
    return jdbc.sql("select version from catalog_stamp where id = 1").query(Long.class).single();
  }

  java.util.Optional<Stored> find(CatalogKind kind, String name) {
    return jdbc.sql("select id, name, spec::text as spec, managed_by from " + kind.table() + " where name = :name"
            + (kind == CatalogKind.INTEGRATION ? " and not internal" : ""))
        .param("name", name)
        .query((rs, i) -> new Stored(rs.getLong("id"), rs.getString("name"), SpecMapper.parse(rs.getString("spec")),
            rs.getString("managed_by")))
        .optional();
  }

  /** The names of the catalog's integrations by the hex of their key's hash. */
  Map<String, String> integrationKeyHashes() {
    Map<String, String> byHash = new java.util.HashMap<>();
    jdbc.sql("select name, key_hash from integration where not internal")
        .query((rs, i) -> Map.entry(java.util.HexFormat.of().formatHex(rs.getBytes("key_hash")), rs.getString("name")))
        .list()
        .forEach(e -> byHash.put(e.getKey(), e.getValue()));
    return byHash;
  }

  /** What stored specs hold in place of a declared secret, so that a spec shows when it changed but not what it is. */
  static String hashed(String secret) {
    return HASHED + java.util.HexFormat.of().formatHex(SecretBox.hash(secret));
  }

  /** How a hashed secret in a stored spec begins; a declared key or token cannot contain its colon. */
  static final String HASHED = "sha256:";

  /**
   * Serialises catalog edits and applies: each checks the whole catalog as it will be after its writes, which holds
   * only while no other edit or apply writes in between. A transaction-scoped advisory lock, released at commit.
   */
  void lockCatalog() {
    jdbc.sql("""
        select pg_advisory_xact_lock(hashtext('vigil.catalog.apply'))
        """).query(Object.class).single();
  }

  /**
   * The spec stored for an object: the record as JSON, except that a declared integration key is replaced by its
   * hash, so that the key stays out of plain columns yet changing it still shows in a plan.
   */
  static JsonNode spec(CatalogKind kind, Object object) {
    JsonNode spec = SpecMapper.toSpec(object);
    if (kind == CatalogKind.INTEGRATION && spec instanceof ObjectNode o && o.hasNonNull("key")) {
      o.put("key", hashed(o.get("key").asString()));
    }
    // Declared heartbeat tokens likewise: the heartbeat feature keeps them hashed and encrypted in its own table.
    if (kind == CatalogKind.SERVICE && spec.get("heartbeats") != null) {
      for (JsonNode heartbeat : spec.get("heartbeats")) {
        if (heartbeat instanceof ObjectNode o && o.hasNonNull("token")) {
          o.put("token", hashed(o.get("token").asString()));
        }
      }
    }
    return spec;
  }

  /** Creates or updates objects of one kind by name, with the columns other features query. */
  void upsert(CatalogKind kind, Collection<?> objects, String managedBy) {
    CatalogStamp.forget();
    if (objects.isEmpty()) {
      return;
    }
    Timestamp now = Timestamp.from(clock.instant());
    List<MapSqlParameterSource> rows = new ArrayList<>();
    for (Object object : objects) {
      MapSqlParameterSource p = new MapSqlParameterSource()
          .addValue("spec", SpecMapper.write(spec(kind, object)))
          .addValue("managedBy", managedBy)
          .addValue("now", now);
      columns(kind, object, p);
      rows.add(p);
    }
    batch.batchUpdate(upsertSql(kind), rows.toArray(MapSqlParameterSource[]::new));
  }

  private void columns(CatalogKind kind, Object object, MapSqlParameterSource p) {
    switch (object) {
      case Catalog.Team t -> p.addValue("name", t.name());
      case Catalog.User u -> p.addValue("name", u.name()).addValue("email", u.email())
          .addValue("timeZone", u.timeZone())
          .addValue("role", u.role() == null ? CatalogBinder.DEFAULT_ROLE : u.role());
      case Catalog.Schedule s -> p.addValue("name", s.name()).addValue("timeZone", s.timeZone());
      case Catalog.EscalationPolicy e -> p.addValue("name", e.name());
      case Catalog.Service s -> p.addValue("name", s.name()).addValue("team", s.team()).addValue("tier", s.tier())
          .addValue("kind", s.kind() == null ? null : s.kind().value())
          .addValue("policy", s.escalationPolicy());
      case Catalog.Integration i -> {
        // A declared key replaces the stored one; an undeclared key is generated once and then kept.
        String key = i.key() != null ? i.key() : SecretBox.newSecret("");
        p.addValue("name", i.name()).addValue("type", i.type().value()).addValue("service", i.service())
            .addValue("declared", i.key() != null).addValue("keyHash", SecretBox.hash(key))
            .addValue("keyCiphertext", secrets.encrypt(key));
      }
      case Catalog.Customer c -> p.addValue("name", c.name());
      case Catalog.IncidentPolicy ip -> p.addValue("name", Catalog.IncidentPolicy.NAME);
      case Catalog.StatusPage page -> p.addValue("name", page.slug());
      case Catalog.PrometheusSource source -> p.addValue("name", source.name());
      case Catalog.ChangeFreeze freeze -> p.addValue("name", freeze.name());
      default -> throw new IllegalArgumentException("not a catalog object of kind " + kind + ": " + object);
    }
  }

  private static String upsertSql(CatalogKind kind) {
    String common = "spec = excluded.spec, managed_by = excluded.managed_by, updated_at = excluded.updated_at";
    return switch (kind) {
      case TEAM, ESCALATION_POLICY, CUSTOMER, INCIDENT_POLICY, STATUS_PAGE, PROMETHEUS_SOURCE, CHANGE_FREEZE -> "insert into "
          + kind.table()
          + " (name, spec, managed_by, created_at, updated_at) values (:name, cast(:spec as jsonb), :managedBy, :now, :now)"
          + " on conflict (name) do update set " + common;
      case USER -> "insert into app_user (name, email, time_zone, role, spec, managed_by, created_at, updated_at)"
          + " values (:name, :email, :timeZone, :role, cast(:spec as jsonb), :managedBy, :now, :now)"
          + " on conflict (name) do update set email = excluded.email, time_zone = excluded.time_zone,"
          + " role = excluded.role, " + common;
      case SCHEDULE -> "insert into schedule (name, time_zone, spec, managed_by, created_at, updated_at)"
          + " values (:name, :timeZone, cast(:spec as jsonb), :managedBy, :now, :now)"
          + " on conflict (name) do update set time_zone = excluded.time_zone, " + common;
      case SERVICE -> "insert into service (name, team_id, tier, kind, escalation_policy_id, spec, managed_by,"
          + " created_at, updated_at) values (:name, (select id from team where name = :team), :tier, :kind,"
          + " (select id from escalation_policy where name = :policy), cast(:spec as jsonb), :managedBy, :now, :now)"
          + " on conflict (name) do update set team_id = excluded.team_id, tier = excluded.tier,"
          + " kind = excluded.kind, escalation_policy_id = excluded.escalation_policy_id, " + common;
      case INTEGRATION -> "insert into integration (name, type, service_id, key_hash, key_ciphertext, spec,"
          + " managed_by, created_at, updated_at) values (:name, :type, (select id from service where name = :service),"
          + " :keyHash, :keyCiphertext, cast(:spec as jsonb), :managedBy, :now, :now)"
          + " on conflict (name) do update set type = excluded.type, service_id = excluded.service_id,"
          + " key_hash = case when :declared then excluded.key_hash else integration.key_hash end,"
          + " key_ciphertext = case when :declared then excluded.key_ciphertext else integration.key_ciphertext end, "
          + common;
    };
  }

  /** Makes a team's members exactly the named users. */
  void replaceMembers(Catalog.Team team) {
    CatalogStamp.forget();
    long teamId = id(CatalogKind.TEAM, team.name());
    jdbc.sql("delete from team_member where team_id = :id").param("id", teamId).update();
    if (!team.members().isEmpty()) {
      jdbc.sql("insert into team_member (team_id, user_id) select :id, id from app_user where name in (:names)")
          .param("id", teamId).param("names", team.members()).update();
    }
  }

  /** Makes a service's dependencies exactly the named services. */
  void replaceDependencies(Catalog.Service service) {
    CatalogStamp.forget();
    long serviceId = id(CatalogKind.SERVICE, service.name());
    jdbc.sql("delete from service_dependency where service_id = :id").param("id", serviceId).update();
    if (!service.dependsOn().isEmpty()) {
      jdbc.sql("insert into service_dependency (service_id, depends_on_id)"
              + " select :id, id from service where name in (:names)")
          .param("id", serviceId).param("names", service.dependsOn()).update();
    }
  }

  /** Each service's direct dependencies by name, services without any included, from the indexed join table. */
  Map<String, List<String>> dependencyGraph() {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    jdbc.sql("select s.name, d.name as dep from service s left join service_dependency sd on sd.service_id = s.id"
            + " left join service d on d.id = sd.depends_on_id order by s.name, d.name")
        .query((rs, i) -> Map.entry(rs.getString("name"), java.util.Optional.ofNullable(rs.getString("dep"))))
        .list()
        .forEach(e -> {
          List<String> deps = graph.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
          e.getValue().ifPresent(deps::add);
        });
    return graph;
  }

  void delete(CatalogKind kind, Collection<String> names) {
    CatalogStamp.forget();
    if (!names.isEmpty()) {
      jdbc.sql("delete from " + kind.table() + " where name in (:names)").param("names", names).update();
    }
  }

  long id(CatalogKind kind, String name) {
    return jdbc.sql("select id from " + kind.table() + " where name = :name").param("name", name)
        .query(Long.class).single();
  }

  /** The decrypted keys of all integrations, by integration name. */
  Map<String, String> integrationKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    jdbc.sql("select name, key_ciphertext from integration where not internal order by name")
        .query((rs, i) -> Map.entry(rs.getString("name"), secrets.decrypt(rs.getBytes("key_ciphertext"))))
        .list()
        .forEach(e -> keys.put(e.getKey(), e.getValue()));
    return keys;
  }

  /** One integration's key in clear: a plain read, as keys change only when the catalog is applied. */
  java.util.Optional<String> integrationKey(String name) {
    return jdbc.sql("select key_ciphertext from integration where name = :name and not internal")
        .param("name", name)
        .query((rs, i) -> secrets.decrypt(rs.getBytes("key_ciphertext")))
        .optional();
  }

  /** The last applied config: when, from which file, its hash and what it changed. */
  java.util.Optional<Map<String, Object>> latestVersion() {
    return jdbc.sql("select id, applied_at, source, sha256, created, updated, deleted from catalog_version"
            + " order by id desc limit 1")
        .query((rs, i) -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("version", rs.getLong("id"));
          v.put("appliedAt", rs.getTimestamp("applied_at").toInstant());
          v.put("source", rs.getString("source"));
          v.put("sha256", rs.getString("sha256"));
          v.put("created", rs.getInt("created"));
          v.put("updated", rs.getInt("updated"));
          v.put("deleted", rs.getInt("deleted"));
          return v;
        })
        .optional();
  }

  void recordVersion(String source, String sha256, Plan plan) {
    jdbc.sql("insert into catalog_version (applied_at, source, sha256, created, updated, deleted)"
            + " values (:at, :source, :sha, :c, :u, :d)")
        .param("at", Timestamp.from(clock.instant())).param("source", source).param("sha", sha256)
        .param("c", plan.count(Plan.Action.CREATE)).param("u", plan.count(Plan.Action.UPDATE))
        .param("d", plan.count(Plan.Action.DELETE))
        .update();
  }
}
