package dev.vigil.maintenance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of maintenance windows made through the API; under {@code vigil.probe.*}, where they were first documented.
 *
 * @param maxMaintenanceWindow the longest maintenance window the API accepts, so that a typo cannot silence a service
 *     for a year
 */
@ConfigurationProperties("vigil.probe")
record MaintenanceProperties(Duration maxMaintenanceWindow) {

  MaintenanceProperties {
    maxMaintenanceWindow = maxMaintenanceWindow == null ? Duration.ofDays(7) : maxMaintenanceWindow;
    if (maxMaintenanceWindow.isZero() || maxMaintenanceWindow.isNegative()) {
      throw new IllegalArgumentException("vigil.probe.max-maintenance-window must be positive");
    }
  }
}
