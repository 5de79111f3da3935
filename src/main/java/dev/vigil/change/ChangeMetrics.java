package dev.vigil.change;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Deploy metrics for Grafana's deploy annotations: {@code vigil_deploys_total} per service, environment and outcome
 * (counted when a deploy ends, and again when it is rolled back), {@code vigil_deploy_last_timestamp_seconds} (when
 * the latest deploy started) and {@code vigil_deploy_info} (1, tagged with the version deployed last), on the node
 * that recorded them, once the transaction that recorded them commits.
 */
@Component
class ChangeMetrics {

  /** The latest deploy of one service in one environment, read by its gauges. */
  private static final class Latest {
    volatile double startedAt;
    Gauge info;
  }

  private final MeterRegistry registry;
  private final Map<String, Latest> latest = new ConcurrentHashMap<>();

  ChangeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void started(String service, String environment, String version, Instant at) {
    afterCommit(() -> {
      Latest last = latest.computeIfAbsent(service + "\n" + environment, key -> {
        Latest created = new Latest();
        Gauge.builder("vigil.deploy.last.timestamp", created, l -> l.startedAt).baseUnit("seconds")
            .description("When the latest deploy of the service to the environment started")
            .tags(Tags.of("service", service, "environment", environment)).register(registry);
        return created;
      });
      synchronized (last) {
        double seconds = at.toEpochMilli() / 1000.0;
        if (seconds < last.startedAt) {
          return; // a deploy reported late is not the one running now
        }
        last.startedAt = seconds;
        if (last.info != null) {
          registry.remove(last.info);
        }
        last.info = Gauge.builder("vigil.deploy.info", () -> 1)
            .description("The version deployed last to the service in the environment")
            .tags(Tags.of("service", service, "environment", environment, "version", version)).register(registry);
      }
    });
  }

  void ended(String service, String environment, DeployOutcome outcome) {
    afterCommit(() -> registry.counter("vigil.deploys", "service", service, "environment", environment,
        "outcome", outcome.value()).increment());
  }

  private static void afterCommit(Runnable work) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      work.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        work.run();
      }
    });
  }
}
