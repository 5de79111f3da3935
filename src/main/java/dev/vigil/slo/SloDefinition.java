package dev.vigil.slo;

import dev.vigil.catalog.Catalog;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

/**
 * One SLO of the catalog in the arithmetic's terms: its objective, window and burn-rate policy, how its budget is
 * counted and what it raises, with the SLI as declared, which an {@link SliSource} reads.
 *
 * @param name the SLO's name, unique across the catalog
 * @param service the service that declares it
 * @param team the service's owning team, told of budget thresholds
 * @param zone the zone its days and calendar periods are cut in (UTC unless declared)
 * @param thresholds the shares of the budget consumed, in percent, at which the team is told, lowest first
 */
record SloDefinition(String name, String service, String team, Objective objective, SloWindow window, ZoneId zone,
    Catalog.SloBudgeting budgeting, Catalog.Timeslice timeslice, Catalog.SloAlerting alerting, BurnRatePolicy policy,
    List<BigDecimal> thresholds, Catalog.Sli sli) {

  SloDefinition {
    thresholds = List.copyOf(thresholds);
  }

  /** Whether the budget is counted in slices of time judged one by one. */
  boolean sliced() {
    return budgeting == Catalog.SloBudgeting.TIMESLICES && timeslice != null;
  }
}
