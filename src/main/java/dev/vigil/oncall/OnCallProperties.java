package dev.vigil.oncall;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * On-call settings ({@code vigil.oncall.*}).
 *
 * @param calendarPast how far back calendar feeds list shifts (30 days when unset)
 * @param calendarFuture how far ahead calendar feeds list shifts (180 days when unset)
 * @param noticeInterval how often each node's job runner looks for shifts whose heads-up notice is due (1 minute
 *     when unset); a notice goes out at most this late
 */
@ConfigurationProperties("vigil.oncall")
public record OnCallProperties(Duration calendarPast, Duration calendarFuture, Duration noticeInterval) {

  public OnCallProperties {
    calendarPast = calendarPast == null ? Duration.ofDays(30) : calendarPast;
    calendarFuture = calendarFuture == null ? Duration.ofDays(180) : calendarFuture;
    noticeInterval = noticeInterval == null ? Duration.ofMinutes(1) : noticeInterval;
    if (calendarPast.isNegative() || !calendarFuture.isPositive() || !noticeInterval.isPositive()
        || calendarPast.plus(calendarFuture).plusDays(70).compareTo(OnCallService.MAX_RANGE) > 0) {
      throw new IllegalArgumentException("vigil.oncall: calendar-past and calendar-future must be positive and span"
          + " at most 296 days together; notice-interval must be positive");
    }
  }
}
