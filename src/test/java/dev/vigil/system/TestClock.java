package dev.vigil.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move by hand, so that time-driven behaviour runs as a scenario in milliseconds. It follows
 * real time shifted by what tests advanced, or stands still at an instant a test set.
 */
public final class TestClock extends Clock {

  private volatile Duration offset = Duration.ZERO;
  private volatile Instant frozen;

  public TestClock() {}

  public TestClock(Instant start) {
    this.frozen = start;
  }

  public void advance(Duration duration) {
    if (frozen != null) {
      frozen = frozen.plus(duration);
    } else {
      offset = offset.plus(duration);
    }
  }

  /** Stops the clock at an instant; {@link #advance} then moves it. */
  public void set(Instant instant) {
    frozen = instant;
  }

  /** Lets the clock follow real time again, with no offset. */
  public void reset() {
    frozen = null;
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    Instant at = frozen;
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
