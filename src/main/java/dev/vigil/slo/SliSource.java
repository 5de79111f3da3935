package dev.vigil.slo;

import dev.vigil.availability.Interval;
import dev.vigil.catalog.Catalog;
import java.time.Instant;

/**
 * Where an SLO's good and bad come from: Vigil's probes, the service's incidents, a Prometheus query API. A source
 * that cannot answer says so with a {@link SliReading.Failed} naming the cause, and the SLO keeps the figures of its
 * last answer with the error beside them, never a number made of nothing.
 */
interface SliSource {

  /** Whether this source reads SLIs declared like this one. */
  boolean reads(Catalog.Sli sli);

  /**
   * The instant up to which this source's data on {@code slo} is complete when asked at {@code now}: the evaluation
   * measures up to it, so that the part under way never reads as a drop.
   */
  Instant measuredUntil(SloDefinition slo, Instant now);

  /** The SLI of {@code slo} over {@code over}; a failure is an answer, not an exception. */
  SliReading read(SloDefinition slo, Interval over);
}
