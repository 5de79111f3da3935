package dev.vigil.notify;

import dev.vigil.system.PublicUrl;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.BulletinRequested;
import dev.vigil.incident.IncidentService;
import dev.vigil.incident.Timeline;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.vigil.system.ImmediateJobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification outbox: queues pages to people and delivers them through their contact methods, with retries,
 * fallback to the next contact method, per-method rate limits that bundle what they hold back, messages about one
 * incident kept in order, and an idempotency key that keeps a repeated request from paging twice.
 */
@Component
public class Notifier implements DeliveryReports {

  /** The durable job that delivers one notification. */
  static final TaskDescriptor<Long> DELIVER = TaskDescriptor.of("deliver-notification", Long.class);

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final NotificationRepository notifications;
  private final CatalogQueries catalog;
  private final IncidentService incidents;
  private final Timeline timeline;
  private final TransactionTemplate transactions;
  private final ObjectProvider<SchedulerClient> scheduler;
  private final DeliveryProperties properties;
  private final ActionLinks links;
  private final Map<Catalog.ContactType, Channel> channels = new EnumMap<>(Catalog.ContactType.class);
  private final Clock clock;
  private final String baseUrl;
  private final ImmediateJobs immediate;

  Notifier(NotificationRepository notifications, CatalogQueries catalog, IncidentService incidents, Timeline timeline,
      TransactionTemplate transactions, ObjectProvider<SchedulerClient> scheduler, NotifyProperties properties, PublicUrl publicUrl,
      ActionLinks links, List<Channel> channels, Clock clock, ImmediateJobs immediate) {
    this.notifications = notifications;
    this.catalog = catalog;
    this.incidents = incidents;
    this.timeline = timeline;
    this.transactions = transactions;
    this.scheduler = scheduler;
    this.properties = properties.delivery();
    this.links = links;
    channels.forEach(c -> this.channels.put(c.type(), c));
    this.clock = clock;
    this.baseUrl = publicUrl.base();
    this.immediate = immediate;
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
      timeline.record(incidentId, Timeline.Kind.NOTIFICATION_FAILED, null, null,
          Map.of("user", userName, "error", "no such user"));
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
      timeline.record(incidentId, Timeline.Kind.NOTIFICATION_QUEUED, null, type,
          Map.of("user", userName, "notification", n, "kind", kind));
      schedule(n, now);
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
    id.ifPresent(n -> schedule(n, now));
    return id;
  }

  private Optional<Long> queue(long incidentId, String userName, int contactIndex, String reason, String key) {
    Optional<Catalog.User> user = catalog.one(CatalogKind.USER, userName, Catalog.User.class)
        .map(CatalogQueries.Managed::object);
    if (user.isEmpty() || user.get().contactMethods().size() <= contactIndex) {
      if (contactIndex == 0) {
        timeline.record(incidentId, Timeline.Kind.NOTIFICATION_FAILED, null, null,
            Map.of("user", userName, "error", user.isEmpty() ? "no such user" : "the user has no contact method"));
      }
      return Optional.empty();
    }
    Catalog.ContactMethod method = user.get().contactMethods().get(contactIndex);
    Instant now = clock.instant();
    Optional<Long> id = notifications.insert(incidentId, userName, contactIndex, method.type().value(),
        method.address(), reason, key, now);
    id.ifPresent(n -> {
      timeline.record(incidentId, Timeline.Kind.NOTIFICATION_QUEUED, null, method.type().value(),
          Map.of("user", userName, "notification", n));
      schedule(n, now);
    });
    return id;
  }

  /**
   * Queues the delivery job of a notification in the caller's transaction, and delivers it from this node as soon as
   * the transaction commits: a page goes out without waiting for a poll, and the job is there should this node die.
   */
  private void schedule(long id, Instant now) {
    TaskInstanceId job = TaskInstanceId.of(DELIVER.getTaskName(), String.valueOf(id));
    boolean atOnce = immediate.afterCommit(job, () -> deliverAtOnce(job, id));
    scheduler.getObject().scheduleIfNotExists(DELIVER.instance(String.valueOf(id)).data(id)
        .scheduledTo(atOnce ? now.plus(ImmediateJobs.GRACE) : now));
  }

  /** Runs one delivery attempt of a notification as its job, and says when to try again, if ever. */
  CompletionHandler<Long> deliver(long id) {
    Instant retry = attempt(id, () -> true, next -> {});
    return retry == null ? new CompletionHandler.OnCompleteRemove<>() : reschedule(retry);
  }

  /**
   * The first delivery attempt of a notification, on the node that queued it, unless a poller has its job already:
   * the job is leased for the attempt, then removed, or moved to the time of the next attempt, in the transaction
   * that records the attempt.
   */
  private void deliverAtOnce(TaskInstanceId job, long id) {
    attempt(id, () -> immediate.lease(job, clock.instant().plus(LEASE)), next -> {
      if (next == null) {
        immediate.remove(job);
      } else {
        immediate.lease(job, next);
      }
    });
  }

  /**
   * Longer than the slowest send can take (SMTP: 10 s to connect, 20 s each to write and to read), so that a poller
   * takes the job only from a node that died sending; as long as db-scheduler takes to declare a picked job dead
   * (six missed heartbeats of ten seconds), so a page lost in a crash waits no longer than one the runner picked.
   */
  private static final Duration LEASE = Duration.ofSeconds(60);

  /**
   * Runs one delivery attempt if {@code claim} (run in the attempt's first transaction) says it may; returns when to
   * try again, or null when the notification is finished (or was not claimed). {@code settle} learns the same in the
   * transaction that records it.
   */
  private Instant attempt(long id, java.util.function.BooleanSupplier claim,
      java.util.function.Consumer<Instant> settle) {
    Attempt attempt = transactions.execute(tx -> {
      if (!claim.getAsBoolean()) {
        return NOT_CLAIMED;
      }
      Attempt prepared = prepare(id);
      if (prepared == null || prepared.retryAt() != null) {
        settle.accept(prepared == null ? null : prepared.retryAt());
      }
      return prepared;
    });
    if (attempt == NOT_CLAIMED || attempt == null) {
      return null;
    }
    if (attempt.retryAt() != null) {
      return attempt.retryAt();
    }
    Channel channel = channels.get(Catalog.parse(Catalog.ContactType.class, attempt.row().type()));
    String providerId = null;
    ChannelException failure = null;
    try {
      if (channel == null) {
        throw new ChannelException("no " + attempt.row().type() + " channel is configured", true);
      }
      providerId = channel.send(attempt.message());
    } catch (ChannelException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new ChannelException(e.getClass().getSimpleName() + ": " + e.getMessage(), false, e);
    }
    String sentId = providerId;
    ChannelException error = failure;
    return transactions.execute(tx -> {
      Instant next = record(attempt, sentId, error);
      if (next == null && !attempt.carriesOwn()) {
        // This job sent an older message of the conversation first; its own is decided again now, behind that one.
        next = clock.instant();
      }
      settle.accept(next);
      return next;
    });
  }

  /**
   * What to send now, or when to look again because a rate limit holds the message back. The message sent may be
   * an older one about the same incident to the same contact method, which goes first ({@code carriesOwn} says
   * whether the job's own message goes with it); {@code handedOver} is when it went to its channel.
   */
  private record Attempt(NotificationRepository.Row row, Message message, List<NotificationRepository.Row> bundled,
      Instant retryAt, boolean carriesOwn, Instant handedOver) {

    static Attempt later(NotificationRepository.Row row, Instant retryAt) {
      return new Attempt(row, null, List.of(), retryAt, false, null);
    }
  }

  private static final Attempt NOT_CLAIMED = Attempt.later(null, null);

  private Attempt prepare(long id) {
    Optional<NotificationRepository.Row> found = notifications.find(id);
    if (found.isEmpty()) {
      return null;
    }
    NotificationRepository.Row queued = found.get();
    // One delivery per contact method at a time, taken before any row lock: the holder may then claim the rows
    // of every other waiting delivery to the same method and bundle them, and the rate limit sees every send. With
    // no limit on the method (no minimum interval, not a phone) there is nothing to hold back or bundle, and taking
    // turns would only make a burst of pages to one person wait for each other: only deliveries about the same
    // incident take turns then, so that they still leave in order.
    if (rateLimited(queued.type())) {
      notifications.lockContactMethod(queued.type(), queued.address());
    } else if (!queued.notice()) {
      notifications.lockConversation(queued.type(), queued.address(), queued.incidentId());
    }
    NotificationRepository.Row row = notifications.lock(id).orElseThrow();
    if (row.state().finished()) {
      return null; // already done: a re-run of this job must not send again
    }
    if (row.bundledInto() != null) {
      return null; // travelling in another notification's message, which records its outcome
    }
    Instant now = clock.instant();
    if (row.state() == NotificationState.SENDING && now.isBefore(row.updatedAt().plus(LEASE))) {
      // Another job's attempt is sending it (a newer message of its conversation sends the older one first): look
      // again when that attempt must have ended. Past the lease the attempt died with its node, and it goes again.
      return Attempt.later(row, row.updatedAt().plus(LEASE));
    }
    Optional<Hold> hold = heldUntil(row, now);
    if (hold.isPresent()) {
      return hold(row, hold.get(), now);
    }
    if (row.notice()) {
      notifications.sending(id, now);
      Message notice = new Message(id, row.idempotencyKey(), Catalog.parse(Catalog.ContactType.class, row.type()),
          row.address(), row.user(), new Message.Notice(row.subject(), row.body()));
      return new Attempt(row, notice, List.of(), null, true, now);
    }
    // Messages to one person through one contact method about one incident leave in the order they were queued,
    // whatever a rate limit or a failed send did to each: the oldest that has not left goes first, whichever of
    // their jobs runs. Status updates waiting in a row at the front go as the newest of them, which supersedes the
    // others and lists them, rather than one a minute with the stale ones first.
    List<NotificationRepository.Row> conversation = notifications.conversation(row.type(), row.address(),
        row.incidentId());
    NotificationRepository.Row head = conversation.get(0);
    if (head.id() != row.id() && head.state() == NotificationState.SENDING) {
      return hold(row, new Hold(now.plus(properties.minInterval().isPositive() ? properties.minInterval()
          : properties.backoff()), "an earlier message about this incident still on its way"), now);
    }
    int last = 0;
    while (head.statusUpdate() && last + 1 < conversation.size() && conversation.get(last + 1).statusUpdate()
        && conversation.get(last + 1).waiting()) {
      last++;
    }
    NotificationRepository.Row carrier = conversation.get(last).id() == row.id() ? row
        : notifications.lock(conversation.get(last).id()).orElseThrow();
    List<NotificationRepository.Row> superseded = conversation.subList(0, last);
    Instant retry = retryAt(carrier);
    if (retry != null && retry.isAfter(now)) {
      return Attempt.later(row, retry); // the message that goes first waits for its retry after a failed send
    }
    // A queued page would be held right after this send by a minimum interval, so it may as well come along; with
    // no minimum interval it goes out on its own at once, and bundling it would only merge separate pages. With no
    // limit on the method nothing is ever held for it, so there is nothing to look for.
    List<NotificationRepository.Row> bundled = carrier.bulletin() ? List.copyOf(superseded)
        : !rateLimited(carrier.type()) ? List.of()
        : notifications.waitingFor(carrier.type(), carrier.address(), carrier.id(),
            properties.minInterval().isPositive());
    boolean carriesOwn = carrier.id() == row.id() || bundled.stream().anyMatch(b -> b.id() == row.id());
    notifications.claim(bundled.stream().map(NotificationRepository.Row::id).toList(), carrier.id(), now);
    notifications.sending(carrier.id(), now);
    Optional<IncidentService.Facts> facts = incidents.facts(carrier.incidentId());
    if (facts.isEmpty()) {
      notifications.failedAttempt(carrier.id(), "the incident no longer exists", true, now);
      return null;
    }
    Catalog.ContactType type = Catalog.parse(Catalog.ContactType.class, carrier.type());
    Message.Content content;
    if (carrier.bulletin()) {
      content = new Message.Bulletin(summary(facts.get()), carrier.reason(), carrier.subject(),
          carrier.body() + replaces(superseded));
    } else {
      Map<Long, Message.IncidentSummary> others = new LinkedHashMap<>();
      for (NotificationRepository.Row b : bundled) {
        if (b.incidentId() != carrier.incidentId() && !others.containsKey(b.incidentId())) {
          incidents.facts(b.incidentId()).map(this::summary).ifPresent(s -> others.put(b.incidentId(), s));
        }
      }
      content = new Message.Page(summary(facts.get()), List.copyOf(others.values()),
          links.acknowledgeUrl(carrier.incidentId(), carrier.user(), type),
          links.resolveUrl(carrier.incidentId(), carrier.user(), type));
    }
    Message message = new Message(carrier.id(), carrier.idempotencyKey(), type, carrier.address(), carrier.user(),
        content);
    return new Attempt(carrier, message, bundled, null, carriesOwn, now);
  }

  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  /**
   * What a status update carries of the older ones it supersedes, oldest first and each in full (indented), so that
   * nothing the stakeholder would have read is lost, a re-opening in between included.
   */
  private static String replaces(List<NotificationRepository.Row> superseded) {
    if (superseded.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("\n\nReplaces ").append(superseded.size())
        .append(superseded.size() == 1 ? " earlier update" : " earlier updates")
        .append(" on this incident that had not been sent yet, oldest first:");
    for (NotificationRepository.Row s : superseded) {
      text.append("\n\n").append(CLOCK_TIME.format(s.createdAt())).append(": ")
          .append(NotificationText.oneLine(s.subject()));
      s.body().strip().lines().forEach(line -> text.append("\n  ").append(line));
    }
    return text.toString();
  }

  /** Why and until when a message waits although it could be sent: a rate limit, or an earlier message. */
  private record Hold(Instant until, String by) {}

  /**
   * Holds a message back until {@code hold} ends, and says so on its incident's timeline (held by the one-per-minute
   * limit until 10:16:20 UTC), so that a late message is never a mystery.
   */
  private Attempt hold(NotificationRepository.Row row, Hold hold, Instant now) {
    if (row.state() != NotificationState.HELD) {
      notifications.state(row.id(), NotificationState.HELD, now);
    }
    String reason = "held by " + hold.by() + " until " + CLOCK_TIME.format(hold.until());
    if (row.notice()) {
      log.info("Notice {} to {} by {} {}", row.id(), row.user(), row.type(), reason);
    } else {
      timeline.record(row.incidentId(), Timeline.Kind.NOTIFICATION_HELD, null, row.type(), Map.of("user", row.user(),
          "notification", row.id(), "until", hold.until().toString(), "reason", reason));
    }
    return Attempt.later(row, hold.until());
  }

  /** Whether sends to a contact method of this type are limited: by the minimum interval, or the phone caps. */
  private boolean rateLimited(String type) {
    return properties.minInterval().isPositive() || type.equals("sms") || type.equals("voice");
  }

  /** When a rate limit of the contact method lets the next message go, if it holds this one back now. */
  private Optional<Hold> heldUntil(NotificationRepository.Row row, Instant now) {
    if (!rateLimited(row.type())) {
      return Optional.empty();
    }
    Optional<Instant> last = notifications.lastSent(row.type(), row.address());
    // With no minimum interval nothing is held: a send recorded by another job after this one read the clock would
    // otherwise look like one from the future and hold this message back.
    if (last.isPresent() && properties.minInterval().isPositive()
        && now.isBefore(last.get().plus(properties.minInterval()))) {
      return Optional.of(new Hold(last.get().plus(properties.minInterval()),
          "the one-per-" + per(properties.minInterval()) + " limit"));
    }
    if (row.type().equals("sms") || row.type().equals("voice")) {
      List<Instant> lastHour = notifications.sentSince(row.type(), row.address(), now.minus(Duration.ofHours(1)));
      if (lastHour.size() >= properties.phonePerHour()) {
        return Optional.of(new Hold(lastHour.get(lastHour.size() - properties.phonePerHour())
            .plus(Duration.ofHours(1)), "the limit of " + properties.phonePerHour()
            + (row.type().equals("sms") ? " SMS" : " calls") + " per hour"));
      }
    }
    return Optional.empty();
  }

  /** A minimum interval as the timeline names its limit: minute, 30-seconds, 5-minutes. */
  private static String per(Duration interval) {
    long seconds = interval.toSeconds();
    if (interval.toMillis() % 1000 != 0) {
      return interval.toMillis() + "-ms";
    }
    if (seconds % 3600 == 0) {
      return seconds == 3600 ? "hour" : seconds / 3600 + "-hours";
    }
    if (seconds % 60 == 0) {
      return seconds == 60 ? "minute" : seconds / 60 + "-minutes";
    }
    return seconds == 1 ? "second" : seconds + "-seconds";
  }

  /** How long to wait after the given number of failed sends: the backoff, doubled after each further failure. */
  private Duration backoff(int failedSends) {
    return properties.backoff().multipliedBy(1L << Math.min(failedSends - 1, 20));
  }

  /** When a message whose send failed is tried again; null when it is not waiting for a retry. */
  private Instant retryAt(NotificationRepository.Row row) {
    return row.state() == NotificationState.QUEUED && row.attempts() > 0 ? row.updatedAt().plus(backoff(row.attempts())) : null;
  }

  /** Stores the outcome of a send; returns when to retry, or null when this notification is finished. */
  private Instant record(Attempt attempt, String providerId, ChannelException failure) {
    NotificationRepository.Row row = attempt.row();
    Instant now = clock.instant();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("user", row.user());
    detail.put("notification", row.id());
    if (failure == null) {
      notifications.sent(row.id(), providerId, attempt.handedOver(), now);
      attempt.bundled().forEach(b -> notifications.bundled(b.id(), row.id(), attempt.handedOver(), now));
      if (!attempt.bundled().isEmpty()) {
        detail.put("bundled", attempt.bundled().size());
      }
      if (row.notice()) {
        return null;
      }
      timeline.record(row.incidentId(), Timeline.Kind.NOTIFICATION_SENT, null, row.type(), detail);
      for (NotificationRepository.Row b : attempt.bundled()) {
        timeline.record(b.incidentId(), Timeline.Kind.NOTIFICATION_SENT, null, b.type(),
            Map.of("user", b.user(), "notification", b.id(), "bundledInto", row.id()));
      }
      return null;
    }
    if (!attempt.bundled().isEmpty()) {
      // The bundled notifications go back to waiting on their own, with jobs to deliver them.
      notifications.release(attempt.bundled().stream().map(NotificationRepository.Row::id).toList(), now);
      for (NotificationRepository.Row b : attempt.bundled()) {
        scheduler.getObject().scheduleIfNotExists(DELIVER.instance(String.valueOf(b.id())).data(b.id())
            .scheduledTo(now));
      }
    }
    int attempts = row.attempts() + 1;
    boolean givenUp = failure.permanent() || attempts >= properties.attempts();
    notifications.failedAttempt(row.id(), failure.getMessage(), givenUp, now);
    detail.put("error", failure.getMessage());
    detail.put("attempt", attempts);
    wakeHeld(row.type(), row.address());
    if (!givenUp) {
      log.info("Notification {} to {} failed (attempt {}), retrying: {}", row.id(), row.type(), attempts,
          failure.getMessage());
      return now.plus(backoff(attempts));
    }
    fallBack(row, detail);
    return null;
  }

  /**
   * After a send that reached nobody: the messages held back while it was on its way were held for a send that did
   * not happen, so each is decided again right after this transaction commits (and sent, when nothing else limits
   * it).
   */
  private void wakeHeld(String type, String address) {
    for (long held : notifications.held(type, address)) {
      TaskInstanceId job = TaskInstanceId.of(DELIVER.getTaskName(), String.valueOf(held));
      immediate.afterCommit(job, () -> deliverAtOnce(job, held));
    }
  }

  /** After a contact method failed for good: records it and tries the person's next contact method. */
  private void fallBack(NotificationRepository.Row row, Map<String, Object> detail) {
    String key = row.idempotencyKey() + "#" + (row.contactIndex() + 1);
    if (row.notice()) {
      log.info("Notice {} to {} by {} failed: {}", row.id(), row.user(), row.type(), detail.get("error"));
      queueNotice(row.user(), row.contactIndex() + 1, row.reason(), row.subject(), row.body(), key);
      return;
    }
    timeline.record(row.incidentId(), Timeline.Kind.NOTIFICATION_FAILED, null, row.type(), detail);
    if (row.bulletin()) {
      // A bulletin goes on to the person's next written contact method; index -1 was the last resort.
      if (row.contactIndex() >= 0) {
        queueBulletin(row.incidentId(), row.user(), row.contactIndex() + 1, row.reason(), row.subject(), row.body(),
            key);
      }
      return;
    }
    queue(row.incidentId(), row.user(), row.contactIndex() + 1, row.reason(), key);
  }

  /** A provider's report that a message reached the person's device. */
  @Override
  public void delivered(String providerId) {
    transactions.executeWithoutResult(tx -> notifications.byProviderId(providerId)
        .filter(n -> n.state() == NotificationState.SENT)
        .ifPresent(n -> {
          notifications.state(n.id(), NotificationState.DELIVERED, clock.instant());
          if (!n.notice()) {
            timeline.record(n.incidentId(), Timeline.Kind.NOTIFICATION_DELIVERED, null, n.type(),
                Map.of("user", n.user(), "notification", n.id()));
          }
        }));
  }

  /**
   * A provider's report that a message it had accepted did not arrive; the person's next contact method is tried,
   * as for a send that failed.
   */
  @Override
  public void failed(String providerId, String error) {
    transactions.executeWithoutResult(tx -> notifications.byProviderId(providerId)
        .filter(n -> n.state() == NotificationState.SENT || n.state() == NotificationState.DELIVERED)
        .ifPresent(n -> {
          notifications.failedAttempt(n.id(), error, true, clock.instant());
          fallBack(n, new LinkedHashMap<>(Map.of("user", n.user(), "notification", n.id(), "error",
              error == null ? "not delivered" : error)));
        }));
  }

  private Message.IncidentSummary summary(IncidentService.Facts f) {
    return new Message.IncidentSummary(f.id(), f.title(), f.service(), f.status(), f.urgency(), f.createdAt(),
        baseUrl + "/api/v1/incidents/" + f.id());
  }

  private static CompletionHandler<Long> reschedule(Instant at) {
    return (complete, operations) -> operations.reschedule(complete, at);
  }
}
