package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one kind of probe, given the settings of that kind ({@link ProbeCheckers} picks the checker by their type). A
 * checker holds no state about results; it performs one check within the timeout and says how it went. Thrown
 * exceptions count as failures, with their message, so a checker only catches what it can explain better.
 *
 * @param <S> the settings of the kind of probe the checker runs
 */
public interface ProbeChecker<S extends Catalog.ProbeSpec> {

  /**
   * Performs one check of the probe named {@code probe} with {@code settings}; must give up by itself within about
   * {@code timeout}. The name keys what a checker counts from one check to the next (evictions, rejections).
   */
  Outcome check(String probe, S settings, Duration timeout) throws Exception;

  /**
   * What a check found.
   *
   * @param success whether every expectation held
   * @param duration how long the check took (the checker measures it: a response-time threshold needs it)
   * @param message what failed, or a short note of what was seen on success
   * @param certExpiry the server certificate's end of validity, when the check saw one
   */
  record Outcome(boolean success, Duration duration, String message, Instant certExpiry) {

    static Outcome ok(Duration duration, String message, Instant certExpiry) {
      return new Outcome(true, duration, message, certExpiry);
    }

    static Outcome failed(Duration duration, String message, Instant certExpiry) {
      return new Outcome(false, duration, message, certExpiry);
    }
  }
}
