package dev.vigil.notify;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The action_link_use table: which action tokens have been used, so that each works once. */
@Repository
class ActionLinkUses {

  private final JdbcClient jdbc;

  ActionLinkUses(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Marks the token used; false when it already was (a concurrent use of the same token loses here). */
  boolean markUsed(byte[] tokenHash, Instant now, Instant expiresAt) {
    return jdbc.sql("insert into action_link_use (token_hash, used_at, expires_at) values (:hash, :now, :expires)"
            + " on conflict (token_hash) do nothing")
        .param("hash", tokenHash).param("now", Timestamp.from(now)).param("expires", Timestamp.from(expiresAt))
        .update() == 1;
  }

  boolean used(byte[] tokenHash) {
    return jdbc.sql("select count(*) from action_link_use where token_hash = :hash").param("hash", tokenHash)
        .query(Long.class).single() > 0;
  }

  /** Forgets uses of tokens that have expired: an expired token is refused for its expiry alone. */
  int pruneExpired(Instant now) {
    return jdbc.sql("delete from action_link_use where expires_at < :now").param("now", Timestamp.from(now))
        .update();
  }
}
