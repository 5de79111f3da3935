package dev.vigil.change;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Deploy metrics for Grafana's deploy annotations: {@code vigil_deploys_total} per service, environment and outcome
 * (a deploy counts when it ends, and again when it is rolled back), {@code vigil_deploy_last_timestamp_seconds} (when
 * the latest deploy started) and {@code vigil_deploy_info} (1, labelled with the version deployed last).
 *
 * <p>Read at each scrape from the change log, whichever node recorded each deploy: a pipeline's requests reach any
 * node behind the load balancer, and figures kept in one node's memory would differ from node to node and start
 * again from zero at each restart.
 */
@Component
class ChangeMetrics implements MultiCollector {

  private static final Logger log = LoggerFactory.getLogger(ChangeMetrics.class);

  private final ChangeRepository changes;

  ChangeMetrics(ChangeRepository changes, ObjectProvider<PrometheusRegistry> prometheus) {
    this.changes = changes;
    prometheus.ifAvailable(registry -> registry.register(this));
  }

  @Override
  public MetricSnapshots collect() {
    CounterSnapshot.Builder ended = CounterSnapshot.builder().name("vigil_deploys")
        .help("Deploys ended, by outcome; a deploy rolled back after it succeeded counts under both");
    GaugeSnapshot.Builder last = GaugeSnapshot.builder().name("vigil_deploy_last_timestamp_seconds")
        .help("When the latest deploy of the service to the environment started");
    GaugeSnapshot.Builder info = GaugeSnapshot.builder().name("vigil_deploy_info")
        .help("The version deployed last to the service in the environment");
    try {
      for (ChangeRepository.DeployCount c : changes.deployCounts()) {
        ended.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
            .labels(Labels.of("environment", c.environment(), "outcome", c.outcome(), "service", c.service()))
            .value(c.count()).build());
      }
      for (ChangeRepository.LatestDeploy d : changes.latestDeploys()) {
        Labels labels = Labels.of("environment", d.environment(), "service", d.service());
        last.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
            .value(d.startedAt().toEpochMilli() / 1000.0).build());
        info.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels.add("version", d.version()))
            .value(1).build());
      }
    } catch (RuntimeException e) {
      // The rest of the node's metrics still answer; the deploys' absence is what a node without its database shows.
      log.debug("Deploy metrics left out of this scrape: {}", e.toString());
      return MetricSnapshots.of();
    }
    return MetricSnapshots.of(ended.build(), last.build(), info.build());
  }
}
