package dev.vigil.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move ahead by hand, so that time-driven behaviour runs as a scenario in seconds: it follows
 * real time shifted by what tests advanced. It never stands still and never goes back, because the job runner
 * measures its polling waits with it.
 */
public final class TestClock extends Clock {

  private volatile Duration offset = Duration.ZERO;
  private volatile Instant fixed;

  /** A clock that runs with real time, for tests of the running application. */
  public TestClock() {}

  /**
   * A clock that stands still at {@code start} until advanced, for unit tests that need exact instants. Not for
   * the running application, whose job runner would wait forever on it.
   */
  public TestClock(Instant start) {
    this.fixed = start;
  }

  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a test clock does not go backwards");
    }
    if (fixed != null) {
      fixed = fixed.plus(duration);
    } else {
      offset = offset.plus(duration);
    }
  }

  /** Moves the clock ahead to an instant, from which it runs on with real time. */
  public synchronized void set(Instant instant) {
    Instant now = instant();
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException("a test clock does not go backwards: " + instant + " < " + now);
    }
    if (fixed != null) {
      fixed = instant;
    } else {
      offset = offset.plus(Duration.between(now, instant));
    }
  }

  @Override
  public Instant instant() {
    Instant at = fixed;
    return at != null ? at : Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
