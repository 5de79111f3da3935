package dev.vigil.intake;

import dev.vigil.system.ClockTimeMeter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Each integration's {@code rate_limit} (alerts per minute, every alert of a batch counting) as a token bucket that
 * refills continuously, so that a burst up to the limit passes at once and then alerts trickle in at the limit.
 *
 * <p>The buckets are in memory on each node: with several nodes behind a load balancer an integration gets up to
 * that many times its limit. The limit is there to keep one noisy sender from drowning the others and the
 * database, which per-node buckets do without a database round trip on every alert; see ADR 0005.
 */
@Component
class RateLimits {

  /** A bucket and the limit it was made for, so that a changed {@code rate_limit} takes effect at once. */
  private record Allowance(int perMinute, Bucket bucket) {}

  // Entries of deleted integrations stay until restart: a few hundred bytes each, and integrations are few.
  private final ConcurrentHashMap<Long, Allowance> allowances = new ConcurrentHashMap<>();
  private final TimeMeter time;

  RateLimits(Clock clock) {
    this.time = new ClockTimeMeter(clock);
  }

  /** Takes {@code alerts} from the integration's allowance, or throws saying when to retry. */
  void take(long integrationId, String integration, int perMinute, int alerts) {
    if (alerts == 0) {
      return;
    }
    if (alerts > perMinute) {
      throw new RateLimitedException(60, String.format(Locale.ROOT,
          "integration '%s' takes at most %,d alerts per minute (rate_limit) and this request has %,d; send smaller"
              + " batches or raise its rate_limit. Nothing was stored.", integration, perMinute, alerts));
    }
    Bucket bucket = allowances.compute(integrationId, (id, allowance) ->
        allowance != null && allowance.perMinute() == perMinute ? allowance
            : new Allowance(perMinute, bucket(perMinute))).bucket();
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(alerts);
    if (!probe.isConsumed()) {
      long seconds = RateLimitedException.seconds(Duration.ofNanos(probe.getNanosToWaitForRefill()));
      throw new RateLimitedException(seconds, String.format(Locale.ROOT,
          "integration '%s' takes at most %,d alerts per minute (rate_limit); retry in %d s. Nothing was stored.",
          integration, perMinute, seconds));
    }
  }

  /** Gives back alerts taken for a request that then stored nothing, so that its retry is not held back. */
  void giveBack(long integrationId, int alerts) {
    Allowance allowance = allowances.get(integrationId);
    if (allowance != null && alerts > 0) {
      allowance.bucket().addTokens(alerts);
    }
  }

  private Bucket bucket(int perMinute) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .withCustomTimePrecision(time)
        .build();
  }
}
