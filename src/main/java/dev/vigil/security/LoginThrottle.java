package dev.vigil.security;

import dev.vigil.system.ClockTimeMeter;
import dev.vigil.web.WebProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: sign-in attempts are taken from token buckets per user name and per client address
 * (five times larger), refilled over {@code vigil.web.login-window}. A successful sign-in gives its attempt back.
 *
 * <p>In memory on each node, like the intake's rate limits (ADR 0005): a guesser spreading attempts over n nodes
 * gets n times the allowance, still far too few guesses for a password of twelve characters or more.
 */
@Component
class LoginThrottle {

  /** Past this many remembered keys, keys whose buckets are full again are forgotten. */
  private static final int PRUNE_ABOVE = 10_000;

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final TimeMeter time;
  private final int perName;
  private final int perAddress;
  private final Duration window;

  LoginThrottle(Clock clock, WebProperties properties) {
    this.time = new ClockTimeMeter(clock);
    this.perName = properties.loginAttempts();
    this.perAddress = properties.loginAttempts() * 5;
    this.window = properties.loginWindow();
  }

  /** Takes one attempt for the name and the address; 0 when allowed, else the seconds to wait. */
  long take(String username, String address) {
    if (buckets.size() > PRUNE_ABOVE) {
      prune();
    }
    Bucket name = buckets.computeIfAbsent(nameKey(username), k -> bucket(perName));
    Bucket from = buckets.computeIfAbsent(addressKey(address), k -> bucket(perAddress));
    ConsumptionProbe byName = name.tryConsumeAndReturnRemaining(1);
    if (!byName.isConsumed()) {
      return seconds(byName);
    }
    ConsumptionProbe byAddress = from.tryConsumeAndReturnRemaining(1);
    if (!byAddress.isConsumed()) {
      name.addTokens(1);
      return seconds(byAddress);
    }
    return 0;
  }

  /** A successful sign-in: its attempt does not count against the person. */
  void succeeded(String username, String address) {
    Bucket name = buckets.get(nameKey(username));
    if (name != null) {
      name.addTokens(1);
    }
    Bucket from = buckets.get(addressKey(address));
    if (from != null) {
      from.addTokens(1);
    }
  }

  private void prune() {
    buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens()
        >= (e.getKey().startsWith("name:") ? perName : perAddress));
  }

  private Bucket bucket(int capacity) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window))
        .withCustomTimePrecision(time)
        .build();
  }

  private static long seconds(ConsumptionProbe probe) {
    return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
  }

  private static String nameKey(String username) {
    return "name:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "address:" + (address == null ? "" : address);
  }
}
