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

  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a test clock does not go backwards");
    }
    offset = offset.plus(duration);
  }

  /** Moves the clock ahead to an instant, from which it runs on with real time. */
  public synchronized void set(Instant instant) {
    Instant now = instant();
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException("a test clock does not go backwards: " + instant + " < " + now);
    }
    offset = offset.plus(Duration.between(now, instant));
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
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
