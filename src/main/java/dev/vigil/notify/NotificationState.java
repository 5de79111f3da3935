package dev.vigil.notify;

import java.util.Locale;

/**
 * Where a notification stands, as {@code notification.state} stores it: waiting for its first try or a retry
 * (queued), held back by a rate limit or an earlier message (held), on its way (sending), handed to its channel
 * (sent), reported arrived by the provider (delivered), or given up on (failed).
 */
enum NotificationState {
  QUEUED, HELD, SENDING, SENT, DELIVERED, FAILED;

  /** The value as stored. */
  String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  static NotificationState of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** Not yet sent, and not on its way: waiting for its first try, a retry or a rate limit. */
  boolean waiting() {
    return this == QUEUED || this == HELD;
  }

  /** Sent, delivered or failed: a re-run of its job must not send it again. */
  boolean finished() {
    return this == SENT || this == DELIVERED || this == FAILED;
  }
}
