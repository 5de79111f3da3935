package dev.vigil.sla;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentIntervals.ServiceOutage;
import dev.vigil.incident.OpenIntervals;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * What an outage means under each enterprise contract it touches, read from the SLA ledger: its own share of the
 * period's allowed downtime, and the period as it really stands with it, the period's other downtime included.
 */
@Component
public class SlaExposure {

  /**
   * One contract's exposure.
   *
   * @param periodStart first day (in the ledger's zone) of the contract period the outage started in
   * @param allowedDowntime downtime the contract allows in that period
   * @param budgetUsedPercent the outage's own downtime in the period as a percentage of the allowed downtime
   * @param availabilityPercent the period's availability with the outage and its other downtime so far
   * @param creditPercent the credit owed at that availability (0 when none)
   * @param outageDowntime the outage's own downtime in the period
   * @param periodDowntime the period's downtime with the outage, each instant once
   * @param periodBudgetUsedPercent that downtime as a percentage of the allowed downtime
   */
  public record Exposure(String customer, String contract, List<String> services, String period, LocalDate periodStart,
      Duration allowedDowntime, double budgetUsedPercent, double availabilityPercent, double creditPercent,
      Duration outageDowntime, Duration periodDowntime, double periodBudgetUsedPercent) {}

  private final SlaLedger ledger;
  private final CatalogQueries catalog;

  SlaExposure(SlaLedger ledger, CatalogQueries catalog) {
    this.ledger = ledger;
    this.catalog = catalog;
  }

  /**
   * The exposure under every contract covering one of {@code affected}, of the outage {@code incident} (whose open
   * intervals are {@code open}), in the period holding {@code start}, as of {@code now}.
   */
  public List<Exposure> of(List<String> affected, long incident, String title, OpenIntervals open, Instant start,
      Instant now) {
    Catalog snapshot = catalog.catalog();
    ZoneId zone = ledger.zone(snapshot);
    List<Exposure> out = new ArrayList<>();
    for (Catalog.Customer customer : snapshot.customers()) {
      for (Catalog.Contract contract : customer.contracts()) {
        List<String> hit = contract.services().stream().filter(affected::contains).toList();
        if (hit.isEmpty()) {
          continue;
        }
        ContractPeriod period = ContractPeriod.holding(contract.period(), start.atZone(zone).toLocalDate(), zone);
        List<ServiceOutage> others = ledger.outages(snapshot, contract, period).stream()
            .filter(o -> o.id() != incident).toList();
        out.add(exposure(customer.name(), contract, hit, period, others,
            new ServiceOutage(incident, title, hit.getFirst(), null, open), now));
      }
    }
    return out;
  }

  /** The exposure of {@code outage} in a period that also holds the {@code others}. */
  static Exposure exposure(String customer, Catalog.Contract contract, List<String> hit, ContractPeriod period,
      List<ServiceOutage> others, ServiceOutage outage, Instant now) {
    ContractLedger with = ContractLedger.of(customer, contract, period,
        Stream.concat(others.stream(), Stream.of(outage)).toList(), null, null, now);
    ContractLedger alone = ContractLedger.of(customer, contract, period, List.of(outage), null, null, now);
    return new Exposure(customer, contract.name(), hit, contract.period().value(), period.firstDay(),
        with.allowedDowntime(), alone.budgetUsedPercent(), with.availabilityPercent(), with.creditPercent(),
        alone.downtime(), with.downtime(), with.budgetUsedPercent());
  }
}
