package dev.vigil.sla;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentIntervals;
import dev.vigil.incident.IncidentIntervals.ServiceOutage;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The SLA ledger of each customer: for every contract and period, what {@link ContractLedger} computes from the
 * incidents of the covered services whose severity pages someone (or is not set yet), in the incident policy's
 * business time zone (ADR 0039).
 */
@Component
public class SlaLedger {

  /** How far back the ledger goes when no period is asked for. */
  static final int DEFAULT_MONTHS = 12;

  private final CatalogQueries catalog;
  private final IncidentIntervals intervals;
  private final ObjectProvider<SloAvailability> slos;
  private final Clock clock;

  SlaLedger(CatalogQueries catalog, IncidentIntervals intervals, ObjectProvider<SloAvailability> slos, Clock clock) {
    this.catalog = catalog;
    this.intervals = intervals;
    this.slos = slos;
    this.clock = clock;
  }

  /** A customer's ledger: each contract's periods that overlap the days asked for, newest first. */
  record CustomerLedger(String customer, String description, List<String> contacts, List<ContractLedger> periods) {}

  /** The customer, or a 404 naming it. */
  Catalog.Customer customer(String name) {
    return catalog.catalog().customers().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new NotFoundException("no customer named '" + name + "'"));
  }

  /** The zone contract periods are cut in: the incident policy's business time zone, else UTC. */
  ZoneId zone(Catalog snapshot) {
    return ZoneId.of(Optional.ofNullable(snapshot.incidentPolicy()).orElse(Catalog.IncidentPolicy.DEFAULT)
        .businessTimeZoneOrDefault());
  }

  /**
   * The customer's ledger for the periods overlapping {@code period} ({@code 2026-11}, {@code 2026-Q4},
   * {@code 2026}), or, when null, for the periods begun in the last twelve months.
   */
  CustomerLedger of(String customerName, String period) {
    Catalog snapshot = catalog.catalog();
    Catalog.Customer customer = customer(customerName);
    ZoneId zone = zone(snapshot);
    Instant now = clock.instant();
    LocalDate today = now.atZone(zone).toLocalDate();
    PeriodQuery asked = period == null ? new PeriodQuery(today.minusMonths(DEFAULT_MONTHS).plusDays(1), today)
        : PeriodQuery.parse(period);
    if (asked.first().isAfter(today)) {
      throw new InvalidException("period: '" + period.strip() + "' has not begun yet (today is " + today + " in "
          + zone.getId() + ")");
    }
    List<ContractLedger> ledgers = new ArrayList<>();
    for (Catalog.Contract contract : customer.contracts()) {
      ContractPeriod p = ContractPeriod.holding(contract.period(), asked.last().isAfter(today) ? today : asked.last(),
          zone);
      while (!p.lastDay().isBefore(asked.first())) {
        ledgers.add(ledger(snapshot, customer.name(), contract, p, now));
        p = p.previous();
      }
    }
    ledgers.sort(Comparator.comparing(ContractLedger::firstDay).reversed());
    return new CustomerLedger(customer.name(), customer.description(), customer.contacts(), ledgers);
  }

  /** Every contract's ledger for the period under way, of every customer. */
  List<ContractLedger> current() {
    Catalog snapshot = catalog.catalog();
    ZoneId zone = zone(snapshot);
    Instant now = clock.instant();
    List<ContractLedger> out = new ArrayList<>();
    for (Catalog.Customer customer : snapshot.customers()) {
      for (Catalog.Contract contract : customer.contracts()) {
        out.add(ledger(snapshot, customer.name(), contract,
            ContractPeriod.holding(contract.period(), now.atZone(zone).toLocalDate(), zone), now));
      }
    }
    return out;
  }

  /** One contract's ledger for one period. */
  ContractLedger ledger(Catalog snapshot, String customer, Catalog.Contract contract, ContractPeriod period,
      Instant now) {
    Optional<Duration> slo = sloDowntime(contract, period);
    String note = contract.slo() == null || slo.isPresent() ? null : "measured from the covered services' incidents:"
        + " SLO '" + contract.slo() + "' has no measurements for this period";
    return ContractLedger.of(customer, contract, period, outages(snapshot, contract, period), slo.orElse(null), note,
        now);
  }

  /** The incidents of the contract's services whose impact may count in the period, of the severities that count. */
  List<ServiceOutage> outages(Catalog snapshot, Catalog.Contract contract, ContractPeriod period) {
    Set<String> counting = countingSeverities(snapshot);
    return intervals.ofServices(contract.services(), period.window().start(), period.window().end()).stream()
        .filter(o -> o.severity() == null || counting.contains(o.severity())).toList();
  }

  private Optional<Duration> sloDowntime(Catalog.Contract contract, ContractPeriod period) {
    SloAvailability measure = contract.slo() == null ? null : slos.getIfAvailable();
    return measure == null ? Optional.empty() : measure.downtime(contract.slo(), period.window());
  }

  /** The severities whose incidents count as downtime: those that page someone, day and night or in hours. */
  static Set<String> countingSeverities(Catalog snapshot) {
    Catalog.IncidentPolicy policy = Optional.ofNullable(snapshot.incidentPolicy())
        .orElse(Catalog.IncidentPolicy.DEFAULT);
    return policy.severitiesOrDefault().stream().filter(s -> s.pagingOrDefault() != Catalog.Paging.NEVER)
        .map(Catalog.SeverityLevel::name).collect(Collectors.toSet());
  }
}
