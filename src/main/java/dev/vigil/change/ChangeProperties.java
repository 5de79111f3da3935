package dev.vigil.change;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the change log ({@code vigil.change.*}).
 *
 * @param incidentLookback how long before an incident opened a change is listed on it as a suspect (6 hours)
 * @param incidentEnvironments the environments whose changes can cause an incident (production)
 */
@ConfigurationProperties("vigil.change")
record ChangeProperties(Duration incidentLookback, List<String> incidentEnvironments) {

  ChangeProperties {
    incidentLookback = incidentLookback == null ? Duration.ofHours(6) : incidentLookback;
    incidentEnvironments = incidentEnvironments == null || incidentEnvironments.isEmpty() ? List.of("production")
        : List.copyOf(incidentEnvironments);
    if (incidentLookback.isZero() || incidentLookback.isNegative()) {
      throw new IllegalArgumentException("vigil.change.incident-lookback must be positive");
    }
  }
}
