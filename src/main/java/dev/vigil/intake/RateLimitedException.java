package dev.vigil.intake;

import java.time.Duration;

/** A request over its integration's rate limit: answered 429 with Retry-After, and nothing of it stored. */
class RateLimitedException extends RuntimeException {

  private final long retryAfterSeconds;

  RateLimitedException(long retryAfterSeconds, String message) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Whole seconds until the request can pass, at least one, for the Retry-After header. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** A wait in whole seconds, rounded up, at least one: Retry-After has no fractions, and 0 means "now". */
  static long seconds(Duration wait) {
    return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
  }
}
