package dev.vigil.slo;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The catalog's SLOs as {@link SloDefinition}s: windows parsed in their zone, objectives as the decimals written,
 * the declared burn-rate rules or the workbook's, and the budget thresholds or 50, 75 and 100 percent.
 */
@Component
class SloDefinitions {

  private static final Logger log = LoggerFactory.getLogger(SloDefinitions.class);

  /** The shares of the budget consumed at which the owning team hears of it, when an SLO names none. */
  static final List<BigDecimal> DEFAULT_THRESHOLDS = List.of(new BigDecimal("50"), new BigDecimal("75"),
      new BigDecimal("100"));

  private final CatalogQueries catalog;

  SloDefinitions(CatalogQueries catalog) {
    this.catalog = catalog;
  }

  /** Every SLO of the catalog, by service in catalog order. */
  List<SloDefinition> all() {
    return of(catalog.catalog());
  }

  /** The SLO of this name; empty when the catalog has none. */
  Optional<SloDefinition> one(String name) {
    return all().stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /**
   * The SLOs of {@code catalog}. The catalog's checks refuse a declaration these could not read; one that gets
   * through anyway (written before a check existed) is left out with a warning rather than stopping every other SLO.
   */
  static List<SloDefinition> of(Catalog catalog) {
    List<SloDefinition> out = new ArrayList<>();
    for (Catalog.Service service : catalog.services()) {
      for (Catalog.Slo slo : service.slos()) {
        try {
          out.add(of(service, slo));
        } catch (RuntimeException e) {
          log.warn("SLO {} of service {} is not evaluated: {}", slo.name(), service.name(), e.getMessage());
        }
      }
    }
    return out;
  }

  static SloDefinition of(Catalog.Service service, Catalog.Slo slo) {
    BurnRatePolicy policy = slo.burnRateRules().isEmpty() ? BurnRatePolicy.defaults()
        : new BurnRatePolicy(slo.burnRateRules().stream().filter(r -> r.response() != Catalog.SloAlerting.NONE)
            .map(SloDefinitions::rule).toList());
    List<BigDecimal> thresholds = slo.budgetThresholds().isEmpty() ? DEFAULT_THRESHOLDS
        : slo.budgetThresholds().stream().map(BigDecimal::valueOf).sorted().toList();
    return new SloDefinition(slo.name(), service.name(), service.team(),
        new Objective(BigDecimal.valueOf(slo.objective())), SloWindow.parse(slo.window(), slo.zone()), slo.zone(),
        slo.budgetingOrDefault(), slo.timeslice(), slo.alertingOrDefault(), policy, thresholds, slo.sli());
  }

  private static BurnRatePolicy.Rule rule(Catalog.BurnRateRule rule) {
    BurnRatePolicy.Response response = rule.response() == Catalog.SloAlerting.TICKET
        ? BurnRatePolicy.Response.TICKET : BurnRatePolicy.Response.PAGE;
    return new BurnRatePolicy.Rule(response, BigDecimal.valueOf(rule.burnRate()), rule.longWindow(),
        rule.shortWindow());
  }
}
