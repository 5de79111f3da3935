package dev.vigil.notify;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.BulletinRequested;
import dev.vigil.incident.Timeline;
import dev.vigil.incident.TimelineEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The notification outbox: queues pages, bulletins and notices to people in the caller's transaction, one row per
 * message to one contact method, with an idempotency key that keeps a repeated request from paging twice; its
 * {@link Delivery} sends them.
 */
@Component
public class Outbox {

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final NotificationRepository notifications;
  private final CatalogQueries catalog;
  private final Timeline timeline;
  private final Clock clock;
  /** Looked up when a message is queued: the delivery queues through this outbox when it falls back. */
  private final ObjectProvider<Delivery> deliveries;

  Outbox(NotificationRepository notifications, CatalogQueries catalog, Timeline timeline, Clock clock,
      ObjectProvider<Delivery> deliveries) {
    this.notifications = notifications;
    this.catalog = catalog;
    this.timeline = timeline;
    this.clock = clock;
    this.deliveries = deliveries;
  }

  /**
   * Queues a page to a user's first contact method, in the caller's transaction. A second call with the same
   * idempotency key queues nothing. Returns the notification's id when one was queued.
   */
  public Optional<Long> page(long incidentId, String user, String reason, String idempotencyKey) {
    return queue(incidentId, user, 0, reason, idempotencyKey);
  }

  /**
   * Queues written text that is not a page (a status update, a reminder) in the caller's transaction, to the user's
   * first email, Slack, Teams or webhook contact method, else to the user's email address. It is never bundled with
   * pages and carries no action links.
   */
  @EventListener
  void on(BulletinRequested bulletin) {
    queueBulletin(bulletin.incidentId(), bulletin.user(), 0, bulletin.kind(), bulletin.subject(), bulletin.text(),
        bulletin.idempotencyKey());
  }

  private static final List<Catalog.ContactType> WRITTEN = List.of(Catalog.ContactType.EMAIL,
      Catalog.ContactType.SLACK, Catalog.ContactType.TEAMS, Catalog.ContactType.WEBHOOK);

  private Optional<Long> queueBulletin(long incidentId, String userName, int fromIndex, String kind, String subject,
      String text, String key) {
    Optional<Catalog.User> user = catalog.one(CatalogKind.USER, userName, Catalog.User.class)
        .map(CatalogQueries.Managed::object);
    if (user.isEmpty()) {
      timeline.record(incidentId, null, null,
          new TimelineEvent.NotificationFailed(userName, null, "no such user", null));
      return Optional.empty();
    }
    List<Catalog.ContactMethod> methods = user.get().contactMethods();
    int index = fromIndex;
    while (index >= 0 && index < methods.size() && !WRITTEN.contains(methods.get(index).type())) {
      index++;
    }
    String type;
    String address;
    if (index >= 0 && index < methods.size()) {
      type = methods.get(index).type().value();
      address = methods.get(index).address();
    } else if (fromIndex >= 0 && methods.stream().noneMatch(m -> m.type() == Catalog.ContactType.EMAIL
        && m.address().equalsIgnoreCase(user.get().email()))) {
      // The account's own address, once, after the contact methods (index -1 ends the fallback).
      index = -1;
      type = Catalog.ContactType.EMAIL.value();
      address = user.get().email();
    } else {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<Long> id = notifications.insertText(incidentId, userName, index, type, address, kind, subject, text,
        key, now);
    id.ifPresent(n -> {
      timeline.record(incidentId, null, type, new TimelineEvent.NotificationQueued(userName, n, kind));
      deliveries.getObject().schedule(n, now);
    });
    return id;
  }

  /**
   * Queues a notice that concerns no incident (a heads-up before an on-call shift) to the user's first contact
   * method, in the caller's transaction; it is delivered, retried and rate-limited like a page, but never bundled
   * with one. A second call with the same idempotency key queues nothing. Returns the notification's id when queued.
   */
  public Optional<Long> notice(String user, String reason, String subject, String text, String idempotencyKey) {
    return queueNotice(user, 0, reason, subject, text, idempotencyKey);
  }

  private Optional<Long> queueNotice(String userName, int contactIndex, String reason, String subject, String text,
      String key) {
    Optional<Catalog.User> user = catalog.one(CatalogKind.USER, userName, Catalog.User.class)
        .map(CatalogQueries.Managed::object);
    if (user.isEmpty() || user.get().contactMethods().size() <= contactIndex) {
      if (contactIndex == 0) {
        log.info("Notice to {} not sent: {}", userName, user.isEmpty() ? "no such user" : "no contact method");
      }
      return Optional.empty();
    }
    Catalog.ContactMethod method = user.get().contactMethods().get(contactIndex);
    Instant now = clock.instant();
    Optional<Long> id = notifications.insertText(null, userName, contactIndex, method.type().value(),
        method.address(), reason, subject, text, key, now);
    id.ifPresent(n -> deliveries.getObject().schedule(n, now));
    return id;
  }

  private Optional<Long> queue(long incidentId, String userName, int contactIndex, String reason, String key) {
    Optional<Catalog.User> user = catalog.one(CatalogKind.USER, userName, Catalog.User.class)
        .map(CatalogQueries.Managed::object);
    if (user.isEmpty() || user.get().contactMethods().size() <= contactIndex) {
      if (contactIndex == 0) {
        timeline.record(incidentId, null, null, new TimelineEvent.NotificationFailed(userName, null,
            user.isEmpty() ? "no such user" : "the user has no contact method", null));
      }
      return Optional.empty();
    }
    Catalog.ContactMethod method = user.get().contactMethods().get(contactIndex);
    Instant now = clock.instant();
    Optional<Long> id = notifications.insert(incidentId, userName, contactIndex, method.type().value(),
        method.address(), reason, key, now);
    id.ifPresent(n -> {
      timeline.record(incidentId, null, method.type().value(),
          new TimelineEvent.NotificationQueued(userName, n, null));
      deliveries.getObject().schedule(n, now);
    });
    return id;
  }

  /**
   * Queues a notification whose contact method failed for good again, to the person's next contact method, under a
   * key of its own; a bulletin only to the next written one, and not after its last resort (index -1).
   */
  void toNextContactMethod(NotificationRepository.Row row) {
    String key = row.idempotencyKey() + "#" + (row.contactIndex() + 1);
    switch (row.kind()) {
      case PAGE -> queue(row.incidentId(), row.user(), row.contactIndex() + 1, row.reason(), key);
      case BULLETIN -> {
        if (row.contactIndex() >= 0) {
          queueBulletin(row.incidentId(), row.user(), row.contactIndex() + 1, row.reason(), row.subject(),
              row.body(), key);
        }
      }
      case NOTICE -> queueNotice(row.user(), row.contactIndex() + 1, row.reason(), row.subject(), row.body(), key);
    }
  }
}
