package dev.vigil.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification outbox table. */
@Repository
class NotificationRepository {

  /** An outbox row. */
  record Row(long id, long incidentId, String user, int contactIndex, String type, String address, String reason,
      NotificationState state, int attempts, String idempotencyKey, String providerId, Instant sentAt, Long bundledInto,
      String subject, String body, Instant createdAt, Instant updatedAt) {

    /** What the row queues: a page, written text about an incident, or a notice about none. */
    Kind kind() {
      return notice() ? Kind.NOTICE : bulletin() ? Kind.BULLETIN : Kind.PAGE;
    }

    /** A notice about no incident (incidentId is then 0): never bundled, never on an incident's timeline. */
    boolean notice() {
      return incidentId == 0 && subject != null;
    }

    /** Whether this is written text about an incident (a status update, a reminder) rather than a page. */
    boolean bulletin() {
      return incidentId != 0 && body != null;
    }

    /** A stakeholder status update, which a newer one about the same incident supersedes. */
    boolean statusUpdate() {
      return bulletin() && reason.equals("status_update");
    }

    /** Not yet sent, and not on its way: waiting for its first try, a retry or a rate limit. */
    boolean waiting() {
      return state.waiting();
    }
  }

  /** The kinds of message the outbox holds, each sent as its {@link Message.Content}. */
  enum Kind { PAGE, BULLETIN, NOTICE }

  private final JdbcClient jdbc;

  NotificationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Queues a notification unless one with the same idempotency key exists; returns the new id. */
  Optional<Long> insert(long incidentId, String user, int contactIndex, String type, String address, String reason,
      String idempotencyKey, Instant now) {
    return jdbc.sql("insert into notification (incident_id, user_name, contact_index, type, address, reason, state,"
            + " idempotency_key, created_at, updated_at) values (:incident, :user, :index, :type, :address, :reason,"
            + " 'queued', :key, :now, :now) on conflict (idempotency_key) do nothing returning id")
        .param("incident", incidentId).param("user", user).param("index", contactIndex).param("type", type)
        .param("address", address).param("reason", reason).param("key", idempotencyKey)
        .param("now", Timestamp.from(now))
        .query(Long.class).optional();
  }

  /**
   * Queues a message that is not a page, with its own subject and text, unless the key was used: a bulletin about
   * an incident, or a notice about none ({@code incidentId} null).
   */
  Optional<Long> insertText(Long incidentId, String user, int contactIndex, String type, String address,
      String reason, String subject, String body, String idempotencyKey, Instant now) {
    return jdbc.sql("insert into notification (incident_id, user_name, contact_index, type, address, reason, state,"
            + " idempotency_key, subject, body, created_at, updated_at) values (:incident, :user, :index, :type,"
            + " :address, :reason, 'queued', :key, :subject, :body, :now, :now)"
            + " on conflict (idempotency_key) do nothing returning id")
        .param("incident", incidentId).param("user", user).param("index", contactIndex).param("type", type)
        .param("address", address).param("reason", reason).param("key", idempotencyKey)
        .param("subject", subject).param("body", body).param("now", Timestamp.from(now))
        .query(Long.class).optional();
  }

  Optional<Row> find(long id) {
    return jdbc.sql("select * from notification where id = :id").param("id", id)
        .query(NotificationRepository::row).optional();
  }

  Optional<Row> lock(long id) {
    return jdbc.sql("select * from notification where id = :id for update").param("id", id)
        .query(NotificationRepository::row).optional();
  }

  /**
   * When the last message went to this contact method, or is going now, not counting those bundled into another: the
   * instant each was handed to its channel, so that a slow send does not push the next one back. With
   * {@code incidentsOnly} notices about no incident are not counted.
   */
  Optional<Instant> lastSent(String type, String address, boolean incidentsOnly) {
    return jdbc.sql("select max(case when state = 'sending' then updated_at else sent_at end) from notification"
            + " where type = :type and address = :address and bundled_into is null"
            + " and (sent_at is not null or state = 'sending')"
            + (incidentsOnly ? " and incident_id is not null" : ""))
        .param("type", type).param("address", address)
        .query((rs, i) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).optional();
  }

  /** Serialises deliveries to one contact method until the transaction ends, so that rate limits hold. */
  void lockContactMethod(String type, String address) {
    jdbc.sql("select pg_advisory_xact_lock(hashtext(:type), hashtext(:address))")
        .param("type", type).param("address", address).query(Object.class).single();
  }

  /**
   * Serialises deliveries to one contact method about one incident until the transaction ends, so that they leave in
   * order; for contact methods without a rate limit, whose deliveries otherwise do not take turns. A single 64-bit
   * key, which cannot collide with the two-key locks of whole contact methods.
   */
  void lockConversation(String type, String address, long incidentId) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:type || ' ' || :address || ' ' || :incident, 0))")
        .param("type", type).param("address", address).param("incident", Long.toString(incidentId))
        .query(Object.class).single();
  }

  /**
   * The messages to one contact method about one incident that have not left yet (waiting or on their way), oldest
   * first: they leave in this order. Plain reads under the caller's advisory lock, which every delivery to the
   * conversation takes before deciding anything; the rows to send are then locked one by one.
   */
  List<Row> conversation(String type, String address, long incidentId) {
    return jdbc.sql("""
            select * from notification
            where incident_id = :incident and type = :type and address = :address
              and bundled_into is null and state in ('queued', 'held', 'sending')
            order by id""")
        .param("incident", incidentId).param("type", type).param("address", address)
        .query(NotificationRepository::row).list();
  }

  /** The messages a rate limit of this contact method holds back now. */
  List<Long> held(String type, String address) {
    return jdbc.sql("select id from notification where type = :type and address = :address and state = 'held'"
            + " and bundled_into is null order by id")
        .param("type", type).param("address", address).query(Long.class).list();
  }

  /**
   * Messages sent to this contact method since the instant, oldest first; with {@code incidentsOnly} not counting
   * notices about no incident.
   */
  List<Instant> sentSince(String type, String address, Instant since, boolean incidentsOnly) {
    return jdbc.sql("select sent_at from notification where type = :type and address = :address"
            + " and sent_at >= :since and bundled_into is null"
            + (incidentsOnly ? " and incident_id is not null" : "") + " order by sent_at")
        .param("type", type).param("address", address).param("since", Timestamp.from(since))
        .query((rs, i) -> rs.getTimestamp(1).toInstant()).list();
  }

  /**
   * Other pages waiting for this contact method, which go out bundled with the one being sent: those a rate limit
   * holds back and, if {@code queuedToo}, those not yet tried; not a page that must wait for written text about its
   * incident written before it (a status update held back), so that the person reads them in order.
   */
  List<Row> waitingFor(String type, String address, long except, boolean queuedToo) {
    return jdbc.sql("""
            select * from notification n
            where n.type = :type and n.address = :address and n.id <> :except
              and n.state in ('held', :orQueued) and n.body is null
              and not exists (select 1 from notification e
                where e.incident_id = n.incident_id and e.type = n.type and e.address = n.address and e.id < n.id
                  and e.body is not null and e.bundled_into is null and e.state in ('queued', 'held', 'sending'))
            order by n.id for update of n skip locked""")
        .param("type", type).param("address", address).param("except", except)
        .param("orQueued", (queuedToo ? NotificationState.QUEUED : NotificationState.HELD).value())
        .query(NotificationRepository::row).list();
  }

  /** Takes waiting notifications into a message about to be sent, so that their own jobs leave them alone. */
  void claim(List<Long> ids, long into, Instant now) {
    if (!ids.isEmpty()) {
      jdbc.sql("update notification set state = 'sending', bundled_into = :into, updated_at = :now where id in (:ids)")
          .param("ids", ids).param("into", into).param("now", Timestamp.from(now)).update();
    }
  }

  /** Gives claimed notifications back when the message they were bundled into could not be sent. */
  void release(List<Long> ids, Instant now) {
    if (!ids.isEmpty()) {
      jdbc.sql("update notification set state = 'queued', bundled_into = null, updated_at = :now where id in (:ids)")
          .param("ids", ids).param("now", Timestamp.from(now)).update();
    }
  }

  void state(long id, NotificationState state, Instant now) {
    jdbc.sql("update notification set state = :state, updated_at = :now where id = :id")
        .param("id", id).param("state", state.value()).param("now", Timestamp.from(now)).update();
  }

  void sending(long id, Instant now) {
    jdbc.sql("update notification set state = 'sending', attempts = attempts + 1, updated_at = :now where id = :id")
        .param("id", id).param("now", Timestamp.from(now)).update();
  }

  /** Marks a message sent; {@code handedOver} is when it went to its channel, which rate limits count from. */
  void sent(long id, String providerId, Instant handedOver, Instant now) {
    jdbc.sql("update notification set state = 'sent', provider_id = :provider, sent_at = :handed, last_error = null,"
            + " updated_at = :now where id = :id")
        .param("id", id).param("provider", providerId).param("handed", Timestamp.from(handedOver))
        .param("now", Timestamp.from(now)).update();
  }

  void bundled(long id, long into, Instant handedOver, Instant now) {
    jdbc.sql("update notification set state = 'sent', bundled_into = :into, sent_at = :handed, updated_at = :now"
            + " where id = :id")
        .param("id", id).param("into", into).param("handed", Timestamp.from(handedOver))
        .param("now", Timestamp.from(now)).update();
  }

  void failedAttempt(long id, String error, boolean givenUp, Instant now) {
    jdbc.sql("update notification set state = :state, last_error = :error, updated_at = :now where id = :id")
        .param("id", id).param("state", (givenUp ? NotificationState.FAILED : NotificationState.QUEUED).value())
        .param("error", error)
        .param("now", Timestamp.from(now)).update();
  }

  Optional<Row> byProviderId(String providerId) {
    return jdbc.sql("select * from notification where provider_id = :p for update").param("p", providerId)
        .query(NotificationRepository::row).optional();
  }

  private static Row row(ResultSet rs, int i) throws SQLException {
    Timestamp sent = rs.getTimestamp("sent_at");
    return new Row(rs.getLong("id"), rs.getLong("incident_id"), rs.getString("user_name"), rs.getInt("contact_index"),
        rs.getString("type"), rs.getString("address"), rs.getString("reason"),
        NotificationState.of(rs.getString("state")), rs.getInt("attempts"), rs.getString("idempotency_key"),
        rs.getString("provider_id"), sent == null ? null : sent.toInstant(), (Long) rs.getObject("bundled_into"),
        rs.getString("subject"), rs.getString("body"), rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
