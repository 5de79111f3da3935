package dev.vigil.notify;

import java.time.Duration;

/**
 * How notifications are delivered ({@code vigil.notify.delivery.*}, part of {@link NotifyProperties}).
 *
 * @param attempts sends tried on one contact method before the user's next contact method is tried
 * @param backoff wait after the first failed send; doubled after each further failure
 * @param minInterval at most one message per contact method per this interval, counted from when each was handed to
 *     its channel; pages it holds back are bundled, status updates about one incident fold into the newest; zero for
 *     no limit, and then nothing is bundled
 * @param phonePerHour at most this many SMS and this many voice calls per phone number per hour
 */
public record DeliveryProperties(Integer attempts, Duration backoff, Duration minInterval, Integer phonePerHour) {
  public DeliveryProperties {
    attempts = attempts == null ? 3 : attempts;
    backoff = backoff == null ? Duration.ofSeconds(5) : backoff;
    minInterval = minInterval == null ? Duration.ofMinutes(1) : minInterval;
    phonePerHour = phonePerHour == null ? 10 : phonePerHour;
  }
}
