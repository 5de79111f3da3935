package dev.vigil.slo;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * SLO metrics for existing Grafana dashboards, on the node that evaluates: {@code vigil_slo_sli} (0..1),
 * {@code vigil_slo_budget_remaining_ratio} (below 0 once overspent) and {@code vigil_slo_burn_rate} per
 * {@code lookback} (5m ... 3d), tagged slo and service; NaN while there is nothing measured to show.
 */
@Component
class SloMetrics {

  /** The latest values of one SLO, read by its gauges. */
  private static final class Last {
    volatile double sli = Double.NaN;
    volatile double remaining = Double.NaN;
    final Map<Duration, Double> rates = new ConcurrentHashMap<>();
    final List<Meter> meters = new ArrayList<>();
  }

  private final MeterRegistry registry;
  private final Map<String, Last> slos = new ConcurrentHashMap<>();

  SloMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(SloDefinition slo, SloEvaluation evaluation) {
    Last last = slos.computeIfAbsent(slo.name(), name -> register(slo));
    last.sli = value(evaluation.budget().indicator());
    last.remaining = value(evaluation.budget().remainingShare());
    for (Duration lookback : SloEvaluation.LOOKBACKS) {
      BurnRate rate = evaluation.burnRates().get(lookback);
      last.rates.put(lookback, rate == null ? Double.NaN : rate.rate().doubleValue());
    }
  }

  /** Stops reporting SLOs the catalog no longer declares. */
  void retainOnly(java.util.Collection<String> names) {
    for (String name : List.copyOf(slos.keySet())) {
      if (!names.contains(name)) {
        slos.remove(name).meters.forEach(registry::remove);
      }
    }
  }

  private Last register(SloDefinition slo) {
    Last last = new Last();
    Tags tags = Tags.of("slo", slo.name(), "service", slo.service());
    last.meters.add(Gauge.builder("vigil.slo.sli", last, l -> l.sli).tags(tags)
        .description("The SLO's SLI over its window, 0 to 1").register(registry));
    last.meters.add(Gauge.builder("vigil.slo.budget.remaining.ratio", last, l -> l.remaining).tags(tags)
        .description("The share of the error budget left, below 0 once overspent").register(registry));
    for (Duration lookback : SloEvaluation.LOOKBACKS) {
      last.rates.put(lookback, Double.NaN);
      last.meters.add(Gauge.builder("vigil.slo.burn.rate", last, l -> l.rates.get(lookback))
          .tags(tags.and("lookback", label(lookback)))
          .description("How fast the error budget burns over the lookback; 1 spends it in exactly the window")
          .register(registry));
    }
    return last;
  }

  /** A lookback as Prometheus writes a range: 5m, 1h, 1d. */
  static String label(Duration lookback) {
    long minutes = lookback.toMinutes();
    return minutes % 1440 == 0 ? minutes / 1440 + "d" : minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
  }

  private static double value(Optional<BigDecimal> figure) {
    return figure.map(BigDecimal::doubleValue).orElse(Double.NaN);
  }
}
