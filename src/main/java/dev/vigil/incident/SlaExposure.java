package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What an outage means under each enterprise contract it touches: the share of the contract period's allowed
 * downtime it used, and the credit owed if it were the period's only downtime.
 */
public final class SlaExposure {

  private SlaExposure() {}

  /**
   * One contract's exposure.
   *
   * @param periodStart first day (UTC) of the contract period the outage started in
   * @param allowedDowntime downtime the contract allows in that period
   * @param budgetUsedPercent the outage as a percentage of the allowed downtime (above 100: the SLA is missed)
   * @param availabilityPercent the period's availability if this were its only downtime
   * @param creditPercent the credit owed at that availability (0 when none)
   */
  public record Exposure(String customer, String contract, List<String> services, String period, LocalDate periodStart,
      Duration allowedDowntime, double budgetUsedPercent, double availabilityPercent, double creditPercent) {}

  /** The exposure under every contract covering one of {@code affected}, for an outage of {@code downtime}. */
  public static List<Exposure> of(Catalog catalog, List<String> affected, Instant start, Duration downtime) {
    List<Exposure> out = new ArrayList<>();
    for (Catalog.Customer customer : catalog.customers()) {
      for (Catalog.Contract contract : customer.contracts()) {
        List<String> hit = contract.services().stream().filter(affected::contains).toList();
        if (hit.isEmpty()) {
          continue;
        }
        LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate from = switch (contract.period()) {
          case MONTHLY -> day.withDayOfMonth(1);
          case QUARTERLY -> YearMonth.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1).atDay(1);
          case YEARLY -> day.withDayOfYear(1);
        };
        LocalDate to = switch (contract.period()) {
          case MONTHLY -> from.plusMonths(1);
          case QUARTERLY -> from.plusMonths(3);
          case YEARLY -> from.plusYears(1);
        };
        Duration period = Duration.between(from.atStartOfDay(), to.atStartOfDay());
        double periodSeconds = period.toSeconds();
        Duration allowed = Duration.ofSeconds(Math.round(periodSeconds * (100 - contract.availability()) / 100));
        double availability = 100 * (1 - downtime.toSeconds() / periodSeconds);
        double credit = 0;
        for (Catalog.CreditTier tier : contract.creditTiers()) {
          if (availability < tier.below()) {
            credit = Math.max(credit, tier.creditPercent());
          }
        }
        double used = allowed.isZero() ? 100 : 100.0 * downtime.toSeconds() / allowed.toSeconds();
        out.add(new Exposure(customer.name(), contract.name(), hit, contract.period().value(), from, allowed,
            round(used), round(availability), credit));
      }
    }
    return out;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
