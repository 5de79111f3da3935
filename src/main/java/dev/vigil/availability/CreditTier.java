package dev.vigil.availability;

import java.util.List;

/**
 * One step of an SLA's service credits: the share of the period's fee owed when availability falls below a level.
 *
 * @param belowPercent the availability under which the credit is owed
 * @param creditPercent the credit, as a percentage of the period's fee
 */
public record CreditTier(double belowPercent, double creditPercent) {

  /** The credit owed at {@code availabilityPercent}: the largest of the tiers it falls below, 0 when none. */
  public static double owed(List<CreditTier> tiers, double availabilityPercent) {
    double credit = 0;
    for (CreditTier tier : tiers) {
      if (availabilityPercent < tier.belowPercent()) {
        credit = Math.max(credit, tier.creditPercent());
      }
    }
    return credit;
  }
}
