package dev.vigil.incident;

import dev.vigil.availability.AvailabilityTarget;
import dev.vigil.availability.CalendarPeriod;
import dev.vigil.availability.CreditTier;
import dev.vigil.catalog.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
        CalendarPeriod calendar = switch (contract.period()) {
          case MONTHLY -> CalendarPeriod.MONTH;
          case QUARTERLY -> CalendarPeriod.QUARTER;
          case YEARLY -> CalendarPeriod.YEAR;
        };
        LocalDate from = calendar.firstDay(start.atZone(ZoneOffset.UTC).toLocalDate());
        Duration period = calendar.window(from, ZoneOffset.UTC).duration();
        AvailabilityTarget target = new AvailabilityTarget(contract.availability());
        Duration allowed = target.allowedDowntime(period);
        double availability = AvailabilityTarget.achievedPercent(downtime, period);
        double credit = CreditTier.owed(contract.creditTiers().stream()
            .map(t -> new CreditTier(t.below(), t.creditPercent())).toList(), availability);
        double used = target.budgetUsedPercent(downtime, period);
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
