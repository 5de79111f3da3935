package dev.vigil.availability;

import java.time.Duration;

/**
 * An availability promised over a period, such as an SLA's 99.9 % a month, and what downtime means against it.
 * Agreements count whole seconds: allowed downtime is rounded to the second and downtime cut to the second.
 *
 * @param percent the promised availability, 0 to 100
 */
public record AvailabilityTarget(double percent) {

  /** The downtime the target allows over a period this long (its error budget), to the nearest second. */
  public Duration allowedDowntime(Duration period) {
    return Duration.ofSeconds(Math.round(period.toSeconds() * (100 - percent) / 100));
  }

  /**
   * {@code downtime} as a percentage of the downtime allowed over the period: above 100 the target is missed; 100
   * when it allows none.
   */
  public double budgetUsedPercent(Duration downtime, Duration period) {
    Duration allowed = allowedDowntime(period);
    return allowed.isZero() ? 100 : 100.0 * downtime.toSeconds() / allowed.toSeconds();
  }

  /** The availability over a period with {@code downtime} in it, as a percentage (below 0 past the period's length). */
  public static double achievedPercent(Duration downtime, Duration period) {
    return 100 * (1 - downtime.toSeconds() / (double) period.toSeconds());
  }
}
