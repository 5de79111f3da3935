package dev.vigil.slo;

import dev.vigil.availability.Interval;
import dev.vigil.availability.TimeSet;
import dev.vigil.catalog.Catalog;
import dev.vigil.incident.IncidentIntervals;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * An SLI from the service's own incidents of the chosen severities (any, when none are named), as a contract counts:
 * the service is down from each incident's opening until it is mitigated or resolved, and up the rest of the time.
 * Vigil keeps the incidents itself, so there is always data, up to now; the SLO's own burn-rate alerts are left out.
 */
@Component
class IncidentSliSource implements SliSource {

  private final IncidentIntervals incidents;

  IncidentSliSource(IncidentIntervals incidents) {
    this.incidents = incidents;
  }

  @Override
  public boolean reads(Catalog.Sli sli) {
    return sli.incidents() != null;
  }

  @Override
  public Instant measuredUntil(SloDefinition slo, Instant now) {
    return now;
  }

  @Override
  public SliReading read(SloDefinition slo, Interval over) {
    TimeSet down = TimeSet.of(incidents.impactOf(slo.service(), slo.sli().incidents().severities(), SloAlerts.SOURCE,
            over.start(), over.end()).stream()
        .map(i -> Interval.between(i.opened(), i.restored(over.end())))
        .filter(i -> !i.isEmpty()).toList());
    return new SliReading.Timed(down.clippedTo(over), TimeSet.EMPTY);
  }
}
