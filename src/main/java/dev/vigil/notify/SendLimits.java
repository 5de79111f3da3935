package dev.vigil.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * When the next message to a contact method may go: the minimum interval between sends, the hourly cap on texts and
 * calls, and the back-off after failed sends.
 */
@Component
class SendLimits {

  private final NotificationRepository notifications;
  private final DeliveryProperties properties;

  SendLimits(NotificationRepository notifications, NotifyProperties properties) {
    this.notifications = notifications;
    this.properties = properties.delivery();
  }

  /** Why and until when a message waits although it could be sent: a rate limit, or an earlier message. */
  record Hold(Instant until, String by) {}

  /** Whether sends to a contact method of this type are limited: by the minimum interval, or the phone caps. */
  boolean rateLimited(String type) {
    return properties.minInterval().isPositive() || type.equals("sms") || type.equals("voice");
  }

  /** When a rate limit of the contact method lets the next message go, if it holds this one back now. */
  Optional<Hold> heldUntil(NotificationRepository.Row row, Instant now) {
    if (!rateLimited(row.type())) {
      return Optional.empty();
    }
    // Pages go first: a notice about no incident (an SLO's budget threshold, an SLA's downtime share) that went to the
    // same address a moment earlier does not hold a page back; notices themselves still wait behind everything.
    boolean incidentsOnly = !row.notice();
    Optional<Instant> last = notifications.lastSent(row.type(), row.address(), incidentsOnly);
    // With no minimum interval nothing is held: a send recorded by another job after this one read the clock would
    // otherwise look like one from the future and hold this message back.
    if (last.isPresent() && properties.minInterval().isPositive()
        && now.isBefore(last.get().plus(properties.minInterval()))) {
      return Optional.of(new Hold(last.get().plus(properties.minInterval()),
          "the one-per-" + per(properties.minInterval()) + " limit"));
    }
    if (row.type().equals("sms") || row.type().equals("voice")) {
      List<Instant> lastHour = notifications.sentSince(row.type(), row.address(), now.minus(Duration.ofHours(1)),
          incidentsOnly);
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
  Duration backoff(int failedSends) {
    return properties.backoff().multipliedBy(1L << Math.min(failedSends - 1, 20));
  }

  /** When a message whose send failed is tried again; null when it is not waiting for a retry. */
  Instant retryAt(NotificationRepository.Row row) {
    return row.state() == NotificationState.QUEUED && row.attempts() > 0
        ? row.updatedAt().plus(backoff(row.attempts())) : null;
  }
}
