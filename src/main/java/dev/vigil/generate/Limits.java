package dev.vigil.generate;

import dev.vigil.catalog.Catalog;
import java.time.Duration;

/**
 * The thresholds a service's alerts use: its tier's defaults, stricter for tier 1 than tier 3 (docs/monitoring.md
 * has the table), each replaced by the catalog's {@code monitoring.thresholds} when declared.
 */
record Limits(Duration firingAfter, double errorRatio, double latencySeconds, double saturation,
    Duration replicationLag, Duration longTransaction, Duration diskFullWithin, long queueDepth, Duration oldestJobAge,
    double wraparound) {

  /** A standby is never held to less than this: a lag of a few seconds is normal streaming. */
  static final Duration LEAST_REPLICATION_LAG = Duration.ofSeconds(30);

  static Limits of(Catalog.Service service) {
    Limits tier = tier(service.tier());
    Catalog.Thresholds t = service.monitoringOrDefault().thresholdsOrNone();
    Duration lag = t.replicationLag() != null ? t.replicationLag()
        : service.rpo() != null ? max(service.rpo(), LEAST_REPLICATION_LAG) : tier.replicationLag;
    return new Limits(
        t.firingAfter() != null ? t.firingAfter() : tier.firingAfter,
        t.errorPercent() != null ? t.errorPercent() / 100 : tier.errorRatio,
        t.latencyP99() != null ? t.latencyP99().toMillis() / 1000.0 : tier.latencySeconds,
        t.saturationPercent() != null ? t.saturationPercent() / 100 : tier.saturation,
        lag,
        t.longTransaction() != null ? t.longTransaction() : tier.longTransaction,
        t.diskFullWithin() != null ? t.diskFullWithin() : tier.diskFullWithin,
        t.queueDepth() != null ? t.queueDepth() : tier.queueDepth,
        t.oldestJobAge() != null ? t.oldestJobAge() : tier.oldestJobAge,
        tier.wraparound);
  }

  /** The defaults of a tier: 1 waits least and tolerates least, 4 waits longest and tolerates most. */
  static Limits tier(int tier) {
    return switch (tier) {
      case 1 -> new Limits(Duration.ofMinutes(2), 0.01, 0.5, 0.80, Duration.ofMinutes(5), Duration.ofMinutes(5),
          Duration.ofHours(24), 1_000, Duration.ofMinutes(5), 0.40);
      case 2 -> new Limits(Duration.ofMinutes(5), 0.02, 1, 0.85, Duration.ofHours(1), Duration.ofMinutes(15),
          Duration.ofHours(12), 5_000, Duration.ofMinutes(15), 0.50);
      case 3 -> new Limits(Duration.ofMinutes(10), 0.05, 2, 0.90, Duration.ofHours(24), Duration.ofHours(1),
          Duration.ofHours(4), 10_000, Duration.ofHours(1), 0.50);
      default -> new Limits(Duration.ofMinutes(15), 0.10, 5, 0.95, Duration.ofHours(24), Duration.ofHours(1),
          Duration.ofHours(4), 10_000, Duration.ofHours(1), 0.50);
    };
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
