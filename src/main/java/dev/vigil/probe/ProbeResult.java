package dev.vigil.probe;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one check of one probe, wherever it ran: this node's scheduler or a remote agent.
 *
 * @param at when the check started
 * @param success whether every expectation held
 * @param duration how long the check took
 * @param message what failed, or a short note of what was seen on success (such as "200 OK")
 * @param certExpiry when the server's certificate expires, for checks that saw one; else null
 * @param location the remote location whose agent ran the check; null when a Vigil node ran it
 */
public record ProbeResult(Instant at, boolean success, Duration duration, String message, Instant certExpiry,
    String location) {

  /** A result of a check this node ran. */
  public ProbeResult(Instant at, boolean success, Duration duration, String message, Instant certExpiry) {
    this(at, success, duration, message, certExpiry, null);
  }

  /** The same result, as run at {@code location}. */
  ProbeResult at(String location) {
    return new ProbeResult(at, success, duration, message, certExpiry, location);
  }

  /** The result of a check that ran into its timeout. */
  static ProbeResult timedOut(Instant at, Duration timeout) {
    return new ProbeResult(at, false, timeout, "timed out after " + ProbeDefinition.human(timeout), null);
  }
}
