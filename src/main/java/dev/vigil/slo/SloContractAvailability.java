package dev.vigil.slo;

import dev.vigil.availability.Interval;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.sla.SloAvailability;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Measures a contract that names an SLO from that SLO's own source over the contract's period: time down for an SLI
 * that judges time, bad slices times their length for timeslices, and the bad share of events times the time
 * measured for events, so that a contract reads the same figure its SLO does.
 */
@Component
class SloContractAvailability implements SloAvailability {

  private final CatalogQueries catalog;
  private final List<SliSource> sources;
  private final Clock clock;

  SloContractAvailability(CatalogQueries catalog, List<SliSource> sources, Clock clock) {
    this.catalog = catalog;
    this.sources = List.copyOf(sources);
    this.clock = clock;
  }

  @Override
  public Optional<Duration> downtime(String name, Interval period) {
    Catalog current = catalog.catalog();
    for (Catalog.Service service : current.services()) {
      for (Catalog.Slo slo : service.slos()) {
        if (slo.name().equals(name)) {
          return downtime(SloDefinitions.of(service, slo), period, sources, clock.instant());
        }
      }
    }
    return Optional.empty();
  }

  /** The SLO's bad time within {@code period}, measured up to where its source's data is complete at {@code now}. */
  static Optional<Duration> downtime(SloDefinition slo, Interval period, List<SliSource> sources, Instant now) {
    Optional<SliSource> source = sources.stream().filter(s -> s.reads(slo.sli())).findFirst();
    if (source.isEmpty()) {
      return Optional.empty();
    }
    Instant measured = source.get().measuredUntil(slo, now);
    Instant until = measured.isBefore(period.end()) ? measured : period.end();
    if (!until.isAfter(period.start())) {
      return Optional.empty();
    }
    Interval over = new Interval(period.start(), until);
    return switch (source.get().read(slo, over)) {
      case SliReading.Timed timed -> Optional.of(timed.availability(over).downtime());
      case SliReading.Counted counted when slo.sliced() -> {
        Timeslices slices = SloEvaluation.slices(slo, counted, over);
        yield slices.judged() == 0 ? Optional.<Duration>empty()
            : Optional.of(slo.timeslice().length().multipliedBy(slices.bad()));
      }
      case SliReading.Counted counted -> counted.events(over).filter(e -> e.total() > 0)
          .map(e -> badShareOf(e, over.duration()));
      case SliReading.Judged judged -> {
        Timeslices slices = judged.slices(over);
        yield slices.judged() == 0 ? Optional.<Duration>empty()
            : Optional.of(slo.timeslice().length().multipliedBy(slices.bad()));
      }
      case SliReading.Summed summed -> summed.events(over).filter(e -> e.total() > 0)
          .map(e -> badShareOf(e, over.duration()));
      case SliReading.Failed failed -> Optional.empty();
    };
  }

  /** The bad share of the events as a share of the time measured, to the millisecond. */
  private static Duration badShareOf(Events events, Duration measured) {
    BigDecimal bad = BigDecimal.valueOf(events.total() - events.good());
    long millis = bad.multiply(BigDecimal.valueOf(measured.toMillis()))
        .divide(BigDecimal.valueOf(events.total()), 0, RoundingMode.HALF_UP).longValueExact();
    return Duration.ofMillis(millis);
  }
}
