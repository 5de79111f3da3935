package dev.vigil.slo;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * SLO metrics for existing Grafana dashboards: {@code vigil_slo_sli} (0..1), {@code vigil_slo_budget_remaining_ratio}
 * (below 0 once overspent) and {@code vigil_slo_burn_rate} per {@code lookback} (5m ... 3d), labelled slo and
 * service; NaN while there is nothing measured to show.
 *
 * <p>Read at each scrape from the figures the last evaluation stored, whichever node made it: one node evaluates each
 * minute and another may the next, so that figures kept in a node's memory would go stale on every node but the last
 * to evaluate, and each node would tell a different story.
 */
@Component
class SloMetrics implements MultiCollector {

  private static final Logger log = LoggerFactory.getLogger(SloMetrics.class);

  private final SloRepository repository;

  SloMetrics(SloRepository repository, ObjectProvider<PrometheusRegistry> prometheus) {
    this.repository = repository;
    prometheus.ifAvailable(registry -> registry.register(this));
  }

  @Override
  public MetricSnapshots collect() {
    List<SloBoard.Status> all;
    try {
      all = repository.all();
    } catch (RuntimeException e) {
      // The rest of the node's metrics still answer; the SLOs' absence is what a scrape of a node without its
      // database can honestly show.
      log.debug("SLO metrics left out of this scrape: {}", e.toString());
      return MetricSnapshots.of();
    }
    GaugeSnapshot.Builder sli = GaugeSnapshot.builder().name("vigil_slo_sli")
        .help("The SLO's SLI over its window, 0 to 1");
    GaugeSnapshot.Builder remaining = GaugeSnapshot.builder().name("vigil_slo_budget_remaining_ratio")
        .help("The share of the error budget left, below 0 once overspent");
    GaugeSnapshot.Builder rates = GaugeSnapshot.builder().name("vigil_slo_burn_rate")
        .help("How fast the error budget burns over the lookback; 1 spends it in exactly the window");
    for (SloBoard.Status s : all) {
      Labels labels = Labels.of("service", s.service(), "slo", s.slo());
      sli.dataPoint(point(labels, Optional.ofNullable(s.sli())));
      remaining.dataPoint(point(labels, s.remainingShare()));
      for (Duration lookback : SloEvaluation.LOOKBACKS) {
        rates.dataPoint(point(labels.add("lookback", label(lookback)),
            Optional.ofNullable(s.burnRates().get(lookback))));
      }
    }
    return MetricSnapshots.of(sli.build(), remaining.build(), rates.build());
  }

  private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, Optional<BigDecimal> figure) {
    return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
        .value(figure.map(BigDecimal::doubleValue).orElse(Double.NaN)).build();
  }

  /** A lookback as Prometheus writes a range: 5m, 1h, 1d. */
  static String label(Duration lookback) {
    long minutes = lookback.toMinutes();
    return minutes % 1440 == 0 ? minutes / 1440 + "d" : minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
  }
}
