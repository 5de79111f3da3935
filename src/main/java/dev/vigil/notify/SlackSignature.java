package dev.vigil.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * Slack's request signature: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">} keyed
 * with the app's signing secret, with {@code X-Slack-Request-Timestamp} no more than five minutes from now, so a
 * captured request cannot be replayed later.
 */
final class SlackSignature {

  static final Duration MAX_AGE = Duration.ofMinutes(5);

  private SlackSignature() {}

  static String compute(String signingSecret, String timestamp, String body) {
    return "v0=" + Hmac.sha256Hex(signingSecret, "v0:" + timestamp + ":" + body);
  }

  static boolean valid(String signingSecret, String timestamp, String body, String signature, Instant now) {
    if (NotifyProperties.blank(signingSecret) || timestamp == null || signature == null) {
      return false;
    }
    long sent;
    try {
      sent = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - sent) > MAX_AGE.toSeconds()) {
      return false;
    }
    return Hmac.equal(compute(signingSecret, timestamp.strip(), body), signature.strip());
  }
}
