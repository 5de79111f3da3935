package dev.vigil.heartbeat;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When a heartbeat's next ping is due after a ping: a period after it, or at the next time its cron expression
 * matches (in its time zone, so a daily job stays at its local hour across daylight-saving changes). A cron
 * expression that never matches again gives no due time: nothing more is awaited.
 */
final class HeartbeatSchedule {

  private final Duration period;
  private final CronSchedule cron;
  private final Duration grace;

  private HeartbeatSchedule(Duration period, CronSchedule cron, Duration grace) {
    this.period = period;
    this.cron = cron;
    this.grace = grace;
  }

  static HeartbeatSchedule of(Catalog.Heartbeat heartbeat) {
    return new HeartbeatSchedule(heartbeat.period(), heartbeat.cron() == null ? null
        : CronSchedule.parse(heartbeat.cron(), ZoneId.of(heartbeat.timeZoneOrDefault())), heartbeat.graceOrDefault());
  }

  /** When the next ping is due after one at {@code ping}; null when the schedule has no further time. */
  Instant dueAfter(Instant ping) {
    return period != null ? ping.plus(period) : cron.next(ping).orElse(null);
  }

  /** When a heartbeat that is due at {@code due} is down: the grace time later. */
  Instant deadline(Instant due) {
    return due == null ? null : due.plus(grace);
  }

  Duration grace() {
    return grace;
  }
}
