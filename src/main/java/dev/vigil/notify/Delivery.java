package dev.vigil.notify;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.vigil.catalog.Catalog;
import dev.vigil.incident.Timeline;
import dev.vigil.incident.TimelineEvent;
import dev.vigil.system.ImmediateJobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery of the outbox's messages, one job per notification: sends each through its contact method's channel,
 * retries with back-off, holds what a rate limit holds back and bundles it into the next page, keeps messages about
 * one incident in order, falls back to the person's next contact method, and hears what providers report later.
 */
@Component
class Delivery implements DeliveryReports {

  /** The durable job that delivers one notification. */
  static final TaskDescriptor<Long> DELIVER = TaskDescriptor.of("deliver-notification", Long.class);

  private static final Logger log = LoggerFactory.getLogger(Delivery.class);

  private final NotificationRepository notifications;
  private final Outbox outbox;
  private final SendLimits limits;
  private final Messages messages;
  private final Timeline timeline;
  private final TransactionTemplate transactions;
  private final ObjectProvider<SchedulerClient> scheduler;
  private final DeliveryProperties properties;
  private final Map<Catalog.ContactType, Channel> channels = new EnumMap<>(Catalog.ContactType.class);
  private final Clock clock;
  private final ImmediateJobs immediate;

  Delivery(NotificationRepository notifications, Outbox outbox, SendLimits limits, Messages messages,
      Timeline timeline, TransactionTemplate transactions, ObjectProvider<SchedulerClient> scheduler,
      NotifyProperties properties, List<Channel> channels, Clock clock, ImmediateJobs immediate) {
    this.notifications = notifications;
    this.outbox = outbox;
    this.limits = limits;
    this.messages = messages;
    this.timeline = timeline;
    this.transactions = transactions;
    this.scheduler = scheduler;
    this.properties = properties.delivery();
    channels.forEach(c -> this.channels.put(c.type(), c));
    this.clock = clock;
    this.immediate = immediate;
  }

  /**
   * Queues the delivery job of a notification in the caller's transaction, and delivers it from this node as soon as
   * the transaction commits: a page goes out without waiting for a poll, and the job is there should this node die.
   */
  void schedule(long id, Instant now) {
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
  private Instant attempt(long id, BooleanSupplier claim, Consumer<Instant> settle) {
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
    if (limits.rateLimited(queued.type())) {
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
    Optional<SendLimits.Hold> hold = limits.heldUntil(row, now);
    if (hold.isPresent()) {
      return hold(row, hold.get(), now);
    }
    if (row.notice()) {
      notifications.sending(id, now);
      return new Attempt(row, messages.of(row, List.of(), List.of()).orElseThrow(), List.of(), null, true, now);
    }
    // Messages to one person through one contact method about one incident leave in the order they were queued,
    // whatever a rate limit or a failed send did to each: the oldest that has not left goes first, whichever of
    // their jobs runs. Status updates waiting in a row at the front go as the newest of them, which supersedes the
    // others and lists them, rather than one a minute with the stale ones first.
    List<NotificationRepository.Row> conversation = notifications.conversation(row.type(), row.address(),
        row.incidentId());
    NotificationRepository.Row head = conversation.get(0);
    if (head.id() != row.id() && head.state() == NotificationState.SENDING) {
      return hold(row, new SendLimits.Hold(now.plus(properties.minInterval().isPositive() ? properties.minInterval()
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
    Instant retry = limits.retryAt(carrier);
    if (retry != null && retry.isAfter(now)) {
      return Attempt.later(row, retry); // the message that goes first waits for its retry after a failed send
    }
    // A queued page would be held right after this send by a minimum interval, so it may as well come along; with
    // no minimum interval it goes out on its own at once, and bundling it would only merge separate pages. With no
    // limit on the method nothing is ever held for it, so there is nothing to look for.
    List<NotificationRepository.Row> bundled = carrier.bulletin() ? List.copyOf(superseded)
        : !limits.rateLimited(carrier.type()) ? List.of()
        : notifications.waitingFor(carrier.type(), carrier.address(), carrier.id(),
            properties.minInterval().isPositive());
    boolean carriesOwn = carrier.id() == row.id() || bundled.stream().anyMatch(b -> b.id() == row.id());
    notifications.claim(bundled.stream().map(NotificationRepository.Row::id).toList(), carrier.id(), now);
    notifications.sending(carrier.id(), now);
    Optional<Message> message = messages.of(carrier, bundled, superseded);
    if (message.isEmpty()) {
      notifications.failedAttempt(carrier.id(), "the incident no longer exists", true, now);
      return null;
    }
    return new Attempt(carrier, message.get(), bundled, null, carriesOwn, now);
  }

  /**
   * Holds a message back until {@code hold} ends, and says so on its incident's timeline (held by the one-per-minute
   * limit until 10:16:20 UTC), so that a late message is never a mystery.
   */
  private Attempt hold(NotificationRepository.Row row, SendLimits.Hold hold, Instant now) {
    if (row.state() != NotificationState.HELD) {
      notifications.state(row.id(), NotificationState.HELD, now);
    }
    String reason = "held by " + hold.by() + " until " + NotificationText.clockTime(hold.until());
    if (row.notice()) {
      log.info("Notice {} to {} by {} {}", row.id(), row.user(), row.type(), reason);
    } else {
      timeline.record(row.incidentId(), null, row.type(),
          new TimelineEvent.NotificationHeld(row.user(), row.id(), hold.until().toString(), reason));
    }
    return Attempt.later(row, hold.until());
  }

  /** Stores the outcome of a send; returns when to retry, or null when this notification is finished. */
  private Instant record(Attempt attempt, String providerId, ChannelException failure) {
    NotificationRepository.Row row = attempt.row();
    Instant now = clock.instant();
    if (failure == null) {
      notifications.sent(row.id(), providerId, attempt.handedOver(), now);
      attempt.bundled().forEach(b -> notifications.bundled(b.id(), row.id(), attempt.handedOver(), now));
      if (row.notice()) {
        return null;
      }
      timeline.record(row.incidentId(), null, row.type(), new TimelineEvent.NotificationSent(row.user(), row.id(),
          attempt.bundled().isEmpty() ? null : attempt.bundled().size(), null));
      for (NotificationRepository.Row b : attempt.bundled()) {
        timeline.record(b.incidentId(), null, b.type(),
            new TimelineEvent.NotificationSent(b.user(), b.id(), null, row.id()));
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
    wakeHeld(row.type(), row.address());
    if (!givenUp) {
      log.info("Notification {} to {} failed (attempt {}), retrying: {}", row.id(), row.type(), attempts,
          failure.getMessage());
      return now.plus(limits.backoff(attempts));
    }
    fallBack(row, new TimelineEvent.NotificationFailed(row.user(), row.id(), failure.getMessage(), attempts));
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
  private void fallBack(NotificationRepository.Row row, TimelineEvent.NotificationFailed failure) {
    if (row.notice()) {
      log.info("Notice {} to {} by {} failed: {}", row.id(), row.user(), row.type(), failure.error());
    } else {
      timeline.record(row.incidentId(), null, row.type(), failure);
    }
    outbox.toNextContactMethod(row);
  }

  /** A provider's report that a message reached the person's device. */
  @Override
  public void delivered(String providerId) {
    transactions.executeWithoutResult(tx -> notifications.byProviderId(providerId)
        .filter(n -> n.state() == NotificationState.SENT)
        .ifPresent(n -> {
          notifications.state(n.id(), NotificationState.DELIVERED, clock.instant());
          if (!n.notice()) {
            timeline.record(n.incidentId(), null, n.type(),
                new TimelineEvent.NotificationDelivered(n.user(), n.id()));
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
          fallBack(n, new TimelineEvent.NotificationFailed(n.user(), n.id(), error == null ? "not delivered" : error,
              null));
        }));
  }

  private static CompletionHandler<Long> reschedule(Instant at) {
    return (complete, operations) -> operations.reschedule(complete, at);
  }
}
