package dev.vigil.slo;

/**
 * Events counted over some time, such as requests or probe checks, and how many of them were good; none at all is
 * zero traffic, which was measured, unlike time without data.
 *
 * @param good the events that met the SLI's condition
 * @param total every event counted, good or not
 */
public record Events(long good, long total) {

  public Events {
    if (good < 0 || good > total) {
      throw new IllegalArgumentException("good events (" + good + ") must lie between 0 and the total (" + total
          + ")");
    }
  }

  /** The events that were not good. */
  public long bad() {
    return total - good;
  }

  /** Whether nothing happened: measured, but no events to judge. */
  public boolean none() {
    return total == 0;
  }
}
