package dev.vigil.generate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One generated alert with the series its unit tests feed Prometheus: {@code firing} must raise it with the
 * {@code resultLabels} of the expression's series, {@code healthy} must not. {@code warmUp} is how long the series
 * run before the condition can hold (the longest range the expression reads).
 */
record AlertRule(String alert, String expr, Duration firingAfter, String severity, String summary,
    String description, Map<String, String> resultLabels, List<Series> firing, List<Series> healthy,
    Duration warmUp) {

  AlertRule {
    resultLabels = Map.copyOf(resultLabels);
    firing = List.copyOf(firing);
    healthy = List.copyOf(healthy);
  }

  /** A series of a unit test: its selector and values from {@code start}, moving by {@code step} each minute. */
  record Series(String selector, double start, double step) {}
}
