package dev.vigil.catalog;

import dev.vigil.system.SecretBox;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The integrations Vigil sends its own alerts through (heartbeats, probes): one row per source, named
 * {@code vigil:SOURCE}, which no file can declare (a declared name has no colon). They exist because every alert
 * belongs to an integration, which is how alerts are identified and grouped; they are marked {@code internal}, so
 * that the catalog's listings, plans and the intake routes never see them, and their key is random and never shown.
 * The service an alert goes to is given with each alert, not stored here.
 */
@Service
public class InternalIntegrations {

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final Clock clock;
  private final TransactionTemplate newTransaction;

  InternalIntegrations(JdbcClient jdbc, SecretBox secrets, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.secrets = secrets;
    this.clock = clock;
  }

  /** The name of the internal integration of a source, such as {@code vigil:heartbeat}. */
  public static String name(String source) {
    return "vigil:" + source.toLowerCase(Locale.ROOT);
  }

  /**
   * The row id of the source's internal integration, created on first use in a transaction of its own; two
   * callers creating it at once meet on the unique name, and the second one reads the first one's row.
   */
  public long id(String source) {
    String name = name(source);
    java.util.Optional<Long> existing = find(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    // Created and committed on its own, so that a long transaction creating it does not hold every other one
    // waiting on the unique name until it ends.
    Long created = newTransaction.execute(tx -> insert(name));
    return created != null ? created : find(name).orElseThrow();
  }

  private Long insert(String name) {
    String key = SecretBox.newSecret("internal_");
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.sql("insert into integration (name, type, service_id, key_hash, key_ciphertext, spec, managed_by,"
            + " created_at, updated_at, internal) values (:name, 'events', null, :hash, :ciphertext,"
            + " cast(:spec as jsonb), null, :now, :now, true) on conflict (name) do nothing returning id")
        .param("name", name).param("hash", SecretBox.hash(key)).param("ciphertext", secrets.encrypt(key))
        .param("spec", "{\"name\": \"" + name + "\", \"type\": \"events\"}").param("now", now)
        .query(Long.class).optional()
        .orElse(null);
  }

  private java.util.Optional<Long> find(String name) {
    return jdbc.sql("select id from integration where name = :name and internal").param("name", name)
        .query(Long.class).optional();
  }
}
