package dev.vigil.slo;

import dev.vigil.availability.Interval;
import dev.vigil.catalog.Catalog;
import dev.vigil.probe.ProbeBoard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An SLI from one of the service's probes, out of its five-minute rollups across its locations: every check is an
 * event, good when it succeeded (and, with {@code latency_below}, when its latency bucket lies wholly under the
 * threshold). Data is complete to the last whole five minutes; those under way are still in a node's memory.
 */
@Component
class ProbeSliSource implements SliSource {

  static final Duration STEP = Duration.ofMinutes(5);

  private final ProbeBoard probes;

  ProbeSliSource(ProbeBoard probes) {
    this.probes = probes;
  }

  @Override
  public boolean reads(Catalog.Sli sli) {
    return sli.probe() != null;
  }

  @Override
  public Instant measuredUntil(SloDefinition slo, Instant now) {
    long step = STEP.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step);
  }

  @Override
  public SliReading read(SloDefinition slo, Interval over) {
    Catalog.ProbeSli sli = slo.sli().probe();
    Optional<List<ProbeBoard.Checks>> checks = probes.checks(slo.service(), sli.probe(), over.start(), over.end(),
        sli.latencyBelow());
    if (checks.isEmpty()) {
      return new SliReading.Failed("service " + slo.service() + " has no probe " + sli.probe());
    }
    return new SliReading.Counted(checks.get().stream()
        .map(c -> new SliReading.Step(c.start(), new Events(c.fast(), c.count()))).toList());
  }
}
