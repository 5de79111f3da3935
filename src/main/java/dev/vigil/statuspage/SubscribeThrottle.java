package dev.vigil.statuspage;

import dev.vigil.system.ClockTimeMeter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Limits how often one client address may ask for a subscription (a confirmation email each time), so the public
 * form cannot be used to flood someone's inbox or to make Vigil call many webhooks. In memory per node, like the
 * sign-in throttle.
 */
@Component
class SubscribeThrottle {

  /** Past this many remembered addresses, those whose buckets are full again are forgotten. */
  private static final int PRUNE_ABOVE = 10_000;

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final TimeMeter time;
  private final StatusPageProperties properties;

  SubscribeThrottle(Clock clock, StatusPageProperties properties) {
    this.time = new ClockTimeMeter(clock);
    this.properties = properties;
  }

  /** Takes one request for the address: 0 when allowed, else the seconds to wait. */
  long take(String address) {
    if (buckets.size() > PRUNE_ABOVE) {
      buckets.values().removeIf(b -> b.getAvailableTokens() >= properties.subscribeLimit());
    }
    Bucket bucket = buckets.computeIfAbsent(address, a -> Bucket.builder()
        .addLimit(l -> l.capacity(properties.subscribeLimit())
            .refillGreedy(properties.subscribeLimit(), properties.subscribeWindow()))
        .withCustomTimePrecision(time)
        .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
  }
}
