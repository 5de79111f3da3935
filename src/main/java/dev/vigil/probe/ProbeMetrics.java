package dev.vigil.probe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Probe metrics in the blackbox_exporter tradition, on the node that runs each probe: {@code vigil_probe_success}
 * (1 or 0), {@code vigil_probe_duration_seconds} and {@code vigil_probe_cert_expiry_timestamp_seconds} of the last
 * check, tagged probe, service and kind; and {@code vigil_probe_schedule_lag_seconds}, how late checks start.
 */
@Component
class ProbeMetrics {

  /** The last values of one probe, read by its gauges. */
  private static final class Last {
    volatile double success = Double.NaN;
    volatile double duration = Double.NaN;
    volatile double certExpiry = Double.NaN;
    final List<Meter> meters = new ArrayList<>();
  }

  private final MeterRegistry registry;
  private final Map<Long, Last> probes = new ConcurrentHashMap<>();
  private final Timer lag;

  ProbeMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.lag = Timer.builder("vigil.probe.schedule.lag").description("How long after its planned time a check started")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  void record(ProbeDefinition probe, ProbeResult result) {
    Last last = probes.computeIfAbsent(probe.id(), id -> register(probe));
    last.success = result.success() ? 1 : 0;
    last.duration = result.duration().toNanos() / 1e9;
    if (result.certExpiry() != null) {
      last.certExpiry = result.certExpiry().getEpochSecond();
    }
  }

  void lag(Duration late) {
    lag.record(late.isNegative() ? Duration.ZERO : late);
  }

  /** Stops reporting a probe this node no longer runs, so that two nodes never both report it. */
  void remove(long probeId) {
    Last last = probes.remove(probeId);
    if (last != null) {
      last.meters.forEach(registry::remove);
    }
  }

  private Last register(ProbeDefinition probe) {
    Last last = new Last();
    Tags tags = Tags.of("probe", probe.name(), "service", probe.service(), "kind", probe.kind().value());
    last.meters.add(Gauge.builder("vigil.probe.success", last, l -> l.success).tags(tags)
        .description("Whether the last check succeeded (1) or failed (0)").register(registry));
    last.meters.add(Gauge.builder("vigil.probe.duration", last, l -> l.duration).tags(tags).baseUnit("seconds")
        .description("How long the last check took").register(registry));
    last.meters.add(Gauge.builder("vigil.probe.cert.expiry.timestamp", last, l -> l.certExpiry).tags(tags)
        .baseUnit("seconds").description("When the server certificate seen by the last check expires, Unix time")
        .register(registry));
    return last;
  }
}
