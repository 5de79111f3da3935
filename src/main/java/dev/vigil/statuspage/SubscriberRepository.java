package dev.vigil.statuspage;

import static dev.vigil.system.Rows.instant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The subscribers of status pages and the outbox of their messages (V014). */
@Repository
class SubscriberRepository {

  /** A subscription; the token and the webhook secret are encrypted (see V014). */
  record Subscriber(long id, String page, String kind, String address, byte[] tokenCiphertext,
      byte[] secretCiphertext, Instant createdAt, Instant confirmedAt) {}

  /** A queued message with its subscriber. */
  record Delivery(long id, String idempotencyKey, String event, String subject, String body, String state,
      int attempts, Subscriber subscriber) {}

  private static final String SUBSCRIBER = "s.id as subscriber_id, p.name as page, s.kind, s.address, s.token_ciphertext,"
      + " s.secret_ciphertext, s.created_at, s.confirmed_at";

  private final JdbcClient jdbc;

  SubscriberRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Subscriber> find(String page, String kind, String address) {
    return jdbc.sql("select " + SUBSCRIBER + " from status_page_subscriber s join status_page p on p.id = s.page_id"
            + " where p.name = :page and s.kind = :kind and s.address = :address")
        .param("page", page).param("kind", kind).param("address", address)
        .query((rs, i) -> subscriber(rs)).optional();
  }

  Optional<Subscriber> byToken(String page, byte[] tokenHash) {
    return jdbc.sql("select " + SUBSCRIBER + " from status_page_subscriber s join status_page p on p.id = s.page_id"
            + " where p.name = :page and s.token_hash = :hash")
        .param("page", page).param("hash", tokenHash)
        .query((rs, i) -> subscriber(rs)).optional();
  }

  /** A new subscription, confirmed at {@code confirmedAt} (null: waits for its confirmation). */
  long insert(String page, String kind, String address, byte[] tokenHash, byte[] tokenCiphertext,
      byte[] secretCiphertext, Instant now, Instant confirmedAt) {
    return jdbc.sql("insert into status_page_subscriber (page_id, kind, address, token_hash, token_ciphertext,"
            + " secret_ciphertext, created_at, confirmed_at) select id, :kind, :address, :hash, :token, :secret, :now,"
            + " :confirmed from status_page where name = :page returning id")
        .param("page", page).param("kind", kind).param("address", address).param("hash", tokenHash)
        .param("token", tokenCiphertext).param("secret", secretCiphertext).param("now", Timestamp.from(now))
        .param("confirmed", confirmedAt == null ? null : Timestamp.from(confirmedAt))
        .query(Long.class).single();
  }

  /** A new token for an unconfirmed subscription, whose confirmation period starts again. */
  void renewToken(long id, byte[] tokenHash, byte[] tokenCiphertext, Instant now) {
    jdbc.sql("update status_page_subscriber set token_hash = :hash, token_ciphertext = :token, created_at = :now"
            + " where id = :id and confirmed_at is null")
        .param("id", id).param("hash", tokenHash).param("token", tokenCiphertext).param("now", Timestamp.from(now))
        .update();
  }

  boolean confirm(long id, Instant now) {
    return jdbc.sql("update status_page_subscriber set confirmed_at = :now where id = :id and confirmed_at is null")
        .param("id", id).param("now", Timestamp.from(now)).update() == 1;
  }

  void delete(long id) {
    jdbc.sql("delete from status_page_subscriber where id = :id").param("id", id).update();
  }

  /** Unconfirmed subscriptions whose confirmation period ended before {@code before}. */
  int deleteUnconfirmed(Instant before) {
    return jdbc.sql("delete from status_page_subscriber where confirmed_at is null and created_at < :before")
        .param("before", Timestamp.from(before)).update();
  }

  List<Long> confirmed(String page) {
    return jdbc.sql("select s.id from status_page_subscriber s join status_page p on p.id = s.page_id"
            + " where p.name = :page and s.confirmed_at is not null order by s.id")
        .param("page", page).query(Long.class).list();
  }

  /** Queues a message; nothing when one with the key exists. Returns the new row's id. */
  Optional<Long> queue(long subscriberId, String key, String event, String subject, String body, Instant now) {
    return jdbc.sql("insert into status_page_delivery (subscriber_id, idempotency_key, event, subject, body,"
            + " created_at) values (:subscriber, :key, :event, :subject, :body, :now)"
            + " on conflict (idempotency_key) do nothing returning id")
        .param("subscriber", subscriberId).param("key", key).param("event", event).param("subject", subject)
        .param("body", body).param("now", Timestamp.from(now))
        .query(Long.class).optional();
  }

  /** A queued message, locked for this transaction. */
  Optional<Delivery> lock(long id) {
    return jdbc.sql("select d.id, d.idempotency_key, d.event, d.subject, d.body, d.state, d.attempts, " + SUBSCRIBER
            + " from status_page_delivery d join status_page_subscriber s on s.id = d.subscriber_id"
            + " join status_page p on p.id = s.page_id where d.id = :id for update of d")
        .param("id", id)
        .query((rs, i) -> new Delivery(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("event"),
            rs.getString("subject"), rs.getString("body"), rs.getString("state"), rs.getInt("attempts"),
            subscriber(rs)))
        .optional();
  }

  /**
   * The oldest message to the same subscriber queued before this one and not yet sent or given up, which must go
   * first. A plain read: it is sent only after its own send has finished, so a later message that sees it gone
   * follows it on the wire.
   */
  Optional<Long> earlierQueued(long subscriberId, long id) {
    return jdbc.sql("select min(id) from status_page_delivery where subscriber_id = :subscriber and id < :id"
            + " and state = 'queued'")
        .param("subscriber", subscriberId).param("id", id)
        .query((rs, i) -> (Long) rs.getObject(1)).optional().filter(java.util.Objects::nonNull);
  }

  void sent(long id, Instant now) {
    jdbc.sql("update status_page_delivery set state = 'sent', sent_at = :now, attempts = attempts + 1,"
            + " last_error = null where id = :id")
        .param("id", id).param("now", Timestamp.from(now)).update();
  }

  void failedAttempt(long id, String error, boolean last) {
    jdbc.sql("update status_page_delivery set attempts = attempts + 1, last_error = :error,"
            + " state = case when :last then 'failed' else state end where id = :id")
        .param("id", id).param("error", error).param("last", last).update();
  }


  /** How many subscribers a page has waiting for confirmation and confirmed. */
  record Counts(int pending, int confirmed) {}

  /** A subscriber as the console lists it. */
  record Listed(long id, String kind, String address, Instant createdAt, Instant confirmedAt) {}

  /** A message to a subscriber and what became of it. */
  record Sent(long id, String kind, String address, String event, String subject, String state, int attempts,
      String lastError, Instant createdAt, Instant sentAt) {}

  /** Each page's counts by slug; a page nobody subscribed to is absent. A plain read: counts of the moment. */
  java.util.Map<String, Counts> counts() {
    java.util.Map<String, Counts> counts = new java.util.HashMap<>();
    jdbc.sql("""
            select p.name, count(*) filter (where s.confirmed_at is null) as pending,
                   count(*) filter (where s.confirmed_at is not null) as confirmed
            from status_page_subscriber s join status_page p on p.id = s.page_id group by p.name""")
        .query((rs, i) -> counts.put(rs.getString("name"), new Counts(rs.getInt("pending"), rs.getInt("confirmed"))))
        .list();
    return counts;
  }

  List<Listed> of(String page) {
    return jdbc.sql("""
            select s.id, s.kind, s.address, s.created_at, s.confirmed_at
            from status_page_subscriber s join status_page p on p.id = s.page_id
            where p.name = :page order by s.kind, s.address""")
        .param("page", page)
        .query((rs, i) -> new Listed(rs.getLong("id"), rs.getString("kind"), rs.getString("address"),
            instant(rs, "created_at"), instant(rs, "confirmed_at")))
        .list();
  }

  /** The page's latest messages to subscribers, newest first (those of removed subscribers went with them). */
  List<Sent> recent(String page, int limit) {
    return jdbc.sql("""
            select d.id, s.kind, s.address, d.event, d.subject, d.state, d.attempts, d.last_error, d.created_at,
                   d.sent_at
            from status_page_delivery d join status_page_subscriber s on s.id = d.subscriber_id
            join status_page p on p.id = s.page_id
            where p.name = :page order by d.id desc limit :limit""")
        .param("page", page).param("limit", limit)
        .query((rs, i) -> new Sent(rs.getLong("id"), rs.getString("kind"), rs.getString("address"),
            rs.getString("event"), rs.getString("subject"), rs.getString("state"), rs.getInt("attempts"),
            rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at")))
        .list();
  }

  /** Deletes a subscriber of the page; false when the page has none with that id. */
  boolean delete(String page, long id) {
    return jdbc.sql("""
            delete from status_page_subscriber s using status_page p
            where s.id = :id and p.id = s.page_id and p.name = :page""")
        .param("page", page).param("id", id).update() == 1;
  }

  private static Subscriber subscriber(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Subscriber(rs.getLong("subscriber_id"), rs.getString("page"), rs.getString("kind"), rs.getString("address"),
        rs.getBytes("token_ciphertext"), rs.getBytes("secret_ciphertext"),
        instant(rs, "created_at"), instant(rs, "confirmed_at"));
  }
}
