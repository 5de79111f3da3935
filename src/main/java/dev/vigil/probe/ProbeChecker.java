package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one kind of probe: a Spring bean per {@link Catalog.ProbeKind}. A checker holds no state about results; it
 * performs one check within the timeout and says how it went. Thrown exceptions count as failures, with their
 * message, so a checker only catches what it can explain better.
 */
public interface ProbeChecker {

  Catalog.ProbeKind kind();

  /** Performs one check of {@code probe}; must give up by itself within about {@code timeout}. */
  Outcome check(Catalog.Probe probe, Duration timeout) throws Exception;

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
