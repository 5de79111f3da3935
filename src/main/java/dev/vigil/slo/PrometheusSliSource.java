package dev.vigil.slo;

import dev.vigil.availability.Interval;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * An SLI from a Prometheus-compatible query API declared in the catalog: Prometheus sums the events (or judges the
 * slices) of every interval the evaluation reads, the window so far, each lookback, the history's step and day, in
 * one query per SLO per cycle (ADR 0041), evaluated at the instant measured up to. A source that cannot answer, or a
 * query it refuses, is a {@link SliReading.Failed} with the failure's message, never a number.
 */
@Component
class PrometheusSliSource implements SliSource {

  private final PrometheusClient client;
  private final CatalogQueries catalog;

  PrometheusSliSource(PrometheusClient client, CatalogQueries catalog) {
    this.client = client;
    this.catalog = catalog;
  }

  @Override
  public boolean reads(Catalog.Sli sli) {
    return sli.prometheus() != null;
  }

  /**
   * Now, to the millisecond the query API takes, for events: Prometheus answers with what it has scraped; for time
   * slices, the end of the last whole slice, as the queries count them.
   */
  @Override
  public Instant measuredUntil(SloDefinition slo, Instant now) {
    Instant millis = now.truncatedTo(ChronoUnit.MILLIS);
    try {
      return PrometheusSliQueries.of(slo, List.copyOf(SloEvaluation.lookbacks(slo))).evaluatedAt(millis);
    } catch (IllegalArgumentException e) {
      return millis;
    }
  }

  @Override
  public SliReading read(SloDefinition slo, Interval over) {
    String name = slo.sli().prometheus().source();
    Optional<Catalog.PrometheusSource> source = catalog.catalog().prometheusSource(name);
    if (source.isEmpty()) {
      return new SliReading.Failed("the catalog has no Prometheus source '" + name + "'");
    }
    // The evaluation's intervals, and the one asked for (a contract's period so far), all ending where it ends.
    List<Duration> lengths = Stream.concat(SloEvaluator.intervals(slo, slo.window().containing(over.end())).stream(),
        Stream.of(over)).filter(i -> !i.isEmpty()).map(Interval::duration).distinct().toList();
    PrometheusSliQueries queries;
    try {
      queries = PrometheusSliQueries.of(slo, lengths);
    } catch (IllegalArgumentException e) {
      return new SliReading.Failed(e.getMessage());
    }
    return switch (queries.read(client, source.get(), over.end())) {
      case PrometheusReading.Occurrences occurrences -> new SliReading.Summed(occurrences.at(), occurrences.events());
      case PrometheusReading.Slices slices -> new SliReading.Judged(slices.at(), slices.slices());
      case PrometheusFailure failure -> new SliReading.Failed(failure.message());
    };
  }
}
