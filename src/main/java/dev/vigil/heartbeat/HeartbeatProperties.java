package dev.vigil.heartbeat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Heartbeats ({@code vigil.heartbeat.*}). Ping URLs are built on {@code vigil.notify.base-url}, the address people
 * reach this Vigil at.
 *
 * @param checkInterval how often overdue heartbeats are looked for; bounds how late after its grace time a missed
 *     heartbeat opens its incident
 * @param rateLimit most pings one heartbeat may send per minute; more get 429 with Retry-After
 * @param messageSize how much of a ping's body is kept as its message; the rest is read and dropped
 * @param pingsKept how many of each heartbeat's most recent pings are kept
 */
@ConfigurationProperties("vigil.heartbeat")
record HeartbeatProperties(Duration checkInterval, int rateLimit, DataSize messageSize, int pingsKept) {
  HeartbeatProperties {
    checkInterval = checkInterval == null ? Duration.ofSeconds(10) : checkInterval;
    rateLimit = rateLimit <= 0 ? 60 : rateLimit;
    messageSize = messageSize == null ? DataSize.ofKilobytes(10) : messageSize;
    pingsKept = pingsKept <= 0 ? 100 : pingsKept;
  }
}
