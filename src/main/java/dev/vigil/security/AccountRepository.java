package dev.vigil.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The web_account table. */
@Repository
class AccountRepository {

  private static final String COLUMNS = "id, username, role, user_name, disabled_at, credentials_version,"
      + " created_at, created_by, last_sign_in_at";

  private final JdbcClient jdbc;

  AccountRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String username, String passwordHash, Role role, String userName, String createdBy, Instant now) {
    return jdbc.sql("insert into web_account (username, password_hash, role, user_name, created_at, created_by,"
            + " updated_at) values (:username, :hash, :role, :user, :now, :by, :now) returning id")
        .param("username", username).param("hash", passwordHash).param("role", role.json())
        .param("user", userName).param("now", Timestamp.from(now)).param("by", createdBy)
        .query(Long.class).single();
  }

  boolean any() {
    return jdbc.sql("select exists (select 1 from web_account)").query(Boolean.class).single();
  }

  Optional<Account> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from web_account where id = :id").param("id", id)
        .query(AccountRepository::account).optional();
  }

  Optional<Account> findByUsername(String username) {
    return jdbc.sql("select " + COLUMNS + " from web_account where lower(username) = lower(:username)")
        .param("username", username).query(AccountRepository::account).optional();
  }

  Optional<String> passwordHash(long id) {
    return jdbc.sql("select password_hash from web_account where id = :id").param("id", id)
        .query(String.class).optional();
  }

  List<Account> list() {
    return jdbc.sql("select " + COLUMNS + " from web_account order by lower(username)")
        .query(AccountRepository::account).list();
  }

  /** A new password; sessions signed in with the old one end. */
  boolean setPassword(long id, String passwordHash, Instant now) {
    return jdbc.sql("update web_account set password_hash = :hash, credentials_version = credentials_version + 1,"
            + " updated_at = :now where id = :id")
        .param("id", id).param("hash", passwordHash).param("now", Timestamp.from(now)).update() == 1;
  }

  /** Stores a stronger hash of the same password, without ending sessions. */
  void upgradeHash(long id, String passwordHash) {
    jdbc.sql("update web_account set password_hash = :hash where id = :id")
        .param("id", id).param("hash", passwordHash).update();
  }

  /** Disabling ends the account's sessions at their next request; enabling does not bring them back. */
  boolean setDisabled(long id, boolean disabled, Instant now) {
    return jdbc.sql("update web_account set disabled_at = case when :disabled then coalesce(disabled_at, :now)"
            + " end, credentials_version = credentials_version + case when :disabled then 1 else 0 end,"
            + " updated_at = :now where id = :id")
        .param("id", id).param("disabled", disabled).param("now", Timestamp.from(now)).update() == 1;
  }

  boolean update(long id, Role role, String userName, Instant now) {
    return jdbc.sql("update web_account set role = :role, user_name = :user, updated_at = :now where id = :id")
        .param("id", id).param("role", role.json()).param("user", userName).param("now", Timestamp.from(now))
        .update() == 1;
  }

  void signedIn(long id, Instant now) {
    jdbc.sql("update web_account set last_sign_in_at = :now where id = :id")
        .param("id", id).param("now", Timestamp.from(now)).update();
  }

  /** Active admins other than this account: the last one may not be disabled or demoted. */
  int otherActiveAdmins(long id) {
    return jdbc.sql("select count(*) from web_account where role = 'admin' and disabled_at is null and id <> :id")
        .param("id", id).query(Integer.class).single();
  }

  private static Account account(ResultSet rs, int row) throws SQLException {
    return new Account(rs.getLong("id"), rs.getString("username"), Role.parse(rs.getString("role")),
        rs.getString("user_name"), instant(rs.getTimestamp("disabled_at")), rs.getInt("credentials_version"),
        instant(rs.getTimestamp("created_at")), rs.getString("created_by"),
        instant(rs.getTimestamp("last_sign_in_at")));
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
