package dev.vigil.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * For random targets, credit tiers in any order and downtimes: the allowed downtime fits in the period, using all of
 * it uses 100 % of the budget, availability falls as downtime grows, and the credit owed is the largest of the tiers
 * the availability falls below, never rising as availability rises; the credit property also rejects a calculator
 * that takes the first tier that applies.
 */
class AvailabilityTargetPropertiesTest {

  /** How the credit owed is worked out, replaced by the broken variant. */
  interface Credits {
    double owed(List<CreditTier> tiers, double availabilityPercent);
  }

  static final Seeds.Property<Credits> THE_LARGEST_CREDIT_THAT_APPLIES = (credits, random) -> {
    List<CreditTier> tiers = new ArrayList<>();
    int count = random.nextInt(5);
    for (int i = 0; i < count; i++) {
      tiers.add(new CreditTier(90 + random.nextInt(1000) / 100.0, 5 * (1 + random.nextInt(10))));
    }
    double lower = 88 + random.nextInt(1200) / 100.0;
    double higher = lower + random.nextInt(300) / 100.0;
    double owed = credits.owed(tiers, lower);
    String why = "tiers " + tiers + " at " + lower;
    for (CreditTier tier : tiers) {
      if (lower < tier.belowPercent()) {
        assertThat(owed).as("at least each credit that applies: " + why).isGreaterThanOrEqualTo(tier.creditPercent());
      }
    }
    assertThat(owed == 0 || tiers.stream().anyMatch(t -> lower < t.belowPercent() && t.creditPercent() == owed))
        .as("only a credit that applies: " + why).isTrue();
    assertThat(credits.owed(tiers, higher)).as("at %s less or the same: %s", higher, why).isLessThanOrEqualTo(owed);
  };

  @Test
  void theCreditOwedIsTheLargestOfTheTiersThatApply() {
    Seeds.holds(CreditTier::owed, THE_LARGEST_CREDIT_THAT_APPLIES);
  }

  @Test
  void theCreditRejectsTakingTheFirstTierThatApplies() {
    Seeds.rejects((tiers, availability) -> tiers.stream().filter(t -> availability < t.belowPercent())
        .mapToDouble(CreditTier::creditPercent).findFirst().orElse(0), THE_LARGEST_CREDIT_THAT_APPLIES);
  }

  @Test
  void downtimeUsesTheBudgetInProportionAndLowersAvailability() {
    Seeds.holds(null, (unused, random) -> {
      AvailabilityTarget target = new AvailabilityTarget(95 + random.nextInt(500) / 100.0);
      Duration period = Duration.ofDays(28 + random.nextInt(4 + 365 * random.nextInt(2)));
      Duration allowed = target.allowedDowntime(period);
      Duration less = Duration.ofSeconds(random.nextLong(period.toSeconds() + 1));
      Duration more = less.plusSeconds(random.nextLong(1000));
      String why = target + " over " + period;
      assertThat(allowed).as(why).isBetween(Duration.ZERO, period);
      assertThat(Math.abs(allowed.toSeconds() - period.toSeconds() * (100 - target.percent()) / 100)).as(why)
          .isLessThanOrEqualTo(0.5);
      if (!allowed.isZero()) {
        assertThat(target.budgetUsedPercent(allowed, period)).as(why).isEqualTo(100.0);
      }
      assertThat(target.budgetUsedPercent(more, period)).as(why)
          .isGreaterThanOrEqualTo(target.budgetUsedPercent(less, period));
      assertThat(AvailabilityTarget.achievedPercent(Duration.ZERO, period)).isEqualTo(100.0);
      assertThat(AvailabilityTarget.achievedPercent(period, period)).isCloseTo(0.0, Offset.offset(1e-9));
      assertThat(AvailabilityTarget.achievedPercent(more, period)).as(why)
          .isLessThanOrEqualTo(AvailabilityTarget.achievedPercent(less, period));
    });
  }
}
