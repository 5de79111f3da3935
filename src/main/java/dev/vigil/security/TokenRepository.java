package dev.vigil.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores API tokens by hash. */
@Repository
class TokenRepository {

  /** A token as listed: never the token itself. */
  record TokenRow(long id, String name, String prefix, Role role, String location, ApiPrincipal.DeployScope scope,
      Instant createdAt, String createdBy, Instant lastUsedAt, Instant revokedAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  TokenRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  long insert(String name, byte[] hash, String prefix, Role role, String createdBy) {
    return insert(name, hash, prefix, role, null, createdBy);
  }

  long insert(String name, byte[] hash, String prefix, Role role, String location, String createdBy) {
    return insert(name, hash, prefix, role, location, null, createdBy);
  }

  long insert(String name, byte[] hash, String prefix, Role role, String location, ApiPrincipal.DeployScope scope,
      String createdBy) {
    return jdbc.sql("insert into api_token (name, token_hash, token_prefix, role, location, scope_services,"
            + " scope_teams, created_at, created_by)"
            + " values (:name, :hash, :prefix, :role, :location, :services, :teams, :now, :by) returning id")
        .param("location", location)
        .param("services", scope == null ? null : scope.services().toArray(String[]::new))
        .param("teams", scope == null ? null : scope.teams().toArray(String[]::new))
        .param("name", name).param("hash", hash).param("prefix", prefix)
        .param("role", role.name().toLowerCase(java.util.Locale.ROOT)).param("now", Timestamp.from(clock.instant()))
        .param("by", createdBy)
        .query(Long.class).single();
  }

  Optional<ApiPrincipal> findActive(byte[] hash) {
    return jdbc.sql("""
            select id, name, role, location, scope_services, scope_teams from api_token
            where token_hash = :hash and revoked_at is null""")
        .param("hash", hash)
        .query((rs, i) -> new ApiPrincipal(rs.getLong("id"), rs.getString("name"), Role.parse(rs.getString("role")),
            rs.getString("location"), scope(rs)))
        .optional();
  }

  /** Records use at most once a minute per token, so that reads do not each cost a write. */
  void touch(long id) {
    Instant now = clock.instant();
    jdbc.sql("update api_token set last_used_at = :now where id = :id"
            + " and (last_used_at is null or last_used_at < :stale)")
        .param("now", Timestamp.from(now)).param("stale", Timestamp.from(now.minus(Duration.ofMinutes(1))))
        .param("id", id).update();
  }

  List<TokenRow> list() {
    return jdbc.sql("select * from api_token order by id")
        .query((rs, i) -> new TokenRow(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
            Role.parse(rs.getString("role")), rs.getString("location"), scope(rs),
            instant(rs.getTimestamp("created_at")), rs.getString("created_by"),
            instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at"))))
        .list();
  }

  boolean revoke(long id) {
    return jdbc.sql("update api_token set revoked_at = :now where id = :id and revoked_at is null")
        .param("now", Timestamp.from(clock.instant())).param("id", id).update() == 1;
  }

  boolean exists(long id) {
    return jdbc.sql("select count(*) from api_token where id = :id").param("id", id).query(Long.class).single() > 0;
  }

  boolean anyActiveAdmin() {
    return jdbc.sql("select count(*) from api_token where role = 'admin' and revoked_at is null")
        .query(Long.class).single() > 0;
  }

  boolean existsByHash(byte[] hash) {
    return jdbc.sql("select count(*) from api_token where token_hash = :hash").param("hash", hash)
        .query(Long.class).single() > 0;
  }

  private static ApiPrincipal.DeployScope scope(java.sql.ResultSet rs) throws java.sql.SQLException {
    java.sql.Array services = rs.getArray("scope_services");
    java.sql.Array teams = rs.getArray("scope_teams");
    if (services == null || teams == null) {
      return null;
    }
    return new ApiPrincipal.DeployScope(List.of((String[]) services.getArray()), List.of((String[]) teams.getArray()));
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
