package dev.vigil.heartbeat;

import dev.vigil.system.ClockTimeMeter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Each heartbeat's allowance of pings ({@code vigil.heartbeat.rate-limit} a minute): a token bucket refilled
 * continuously, in memory on each node and timed by the application's clock, as the alert intake does (ADR 0005).
 * Ping routes need no login, so this keeps a looping script or a leaked URL from filling the database with pings.
 */
@Component
class HeartbeatRateLimits {

  /** A ping over its heartbeat's allowance: answered 429 with Retry-After. */
  static final class Exceeded extends RuntimeException {
    private final long retryAfterSeconds;

    Exceeded(long retryAfterSeconds, String message) {
      super(message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  // Entries of removed heartbeats stay until restart; a bucket is a few hundred bytes.
  private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
  private final int perMinute;
  private final TimeMeter time;

  HeartbeatRateLimits(HeartbeatProperties properties, Clock clock) {
    this.perMinute = properties.rateLimit();
    this.time = new ClockTimeMeter(clock);
  }

  void take(long heartbeatId, String heartbeat) {
    ConsumptionProbe probe = buckets.computeIfAbsent(heartbeatId, id -> Bucket.builder()
            .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
            .withCustomTimePrecision(time)
            .build())
        .tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long wait = Duration.ofNanos(probe.getNanosToWaitForRefill()).toMillis();
      long seconds = Math.max(1, (wait + 999) / 1000);
      throw new Exceeded(seconds, "heartbeat " + heartbeat + " takes at most " + perMinute
          + " pings a minute (vigil.heartbeat.rate-limit); retry in " + seconds + " s. This ping was not stored.");
    }
  }
}
