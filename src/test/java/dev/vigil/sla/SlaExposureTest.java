package dev.vigil.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog;
import dev.vigil.incident.IncidentIntervals.ServiceOutage;
import dev.vigil.incident.OpenIntervals;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An outage's SLA exposure counts the period's other downtime, not the outage as if it were the only one. */
class SlaExposureTest {

  static final Catalog.Contract FLEETLINE = new Catalog.Contract("fleetline-api-2026", List.of("api", "payment"),
      99.9, Catalog.ContractPeriod.MONTHLY, List.of(new Catalog.CreditTier(99.9, 10), new Catalog.CreditTier(99.5, 25),
      new Catalog.CreditTier(99.0, 50)));

  static final ContractPeriod APRIL = ContractPeriod.holding(Catalog.ContractPeriod.MONTHLY,
      LocalDate.parse("2026-04-10"), ZoneOffset.UTC);

  /** The exposure in April of an api outage after {@code earlier} of payment downtime. */
  static SlaExposure.Exposure april(Duration earlier, Duration outage) {
    return SlaExposure.exposure("Fleetline", FLEETLINE, List.of("api"), APRIL,
        List.of(outage(1, "payment", "2026-04-02T00:00:00Z", earlier)), outage(2, "api", "2026-04-10T08:00:00Z",
            outage), Instant.parse("2026-05-01T00:00:00Z"));
  }

  static ServiceOutage outage(long id, String service, String opened, Duration down) {
    Instant start = Instant.parse(opened);
    return new ServiceOutage(id, "#" + id, service, "SEV2", new OpenIntervals(List.of(
        new OpenIntervals.Interval(start, null, start.plus(down)))));
  }

  @Test
  void anHourOfTheApiInAThirtyDayMonthThatHadHalfAnHourAlready() {
    SlaExposure.Exposure e = april(Duration.ofMinutes(30), Duration.ofHours(1));
    // 99.9 % of 30 days allows 43.2 minutes: the hour alone uses 138.889 % of it, the period 208.333 % with the
    // earlier half hour, leaving 99.792 % (alone it would have been 99.861 %): still the 10 % tier.
    assertThat(e.periodStart()).isEqualTo(LocalDate.parse("2026-04-01"));
    assertThat(e.allowedDowntime()).isEqualTo(Duration.ofSeconds(2592));
    assertThat(e.outageDowntime()).isEqualTo(Duration.ofHours(1));
    assertThat(e.budgetUsedPercent()).isEqualTo(138.889);
    assertThat(e.periodDowntime()).isEqualTo(Duration.ofMinutes(90));
    assertThat(e.periodBudgetUsedPercent()).isEqualTo(208.333);
    assertThat(e.availabilityPercent()).isEqualTo(99.792);
    assertThat(e.creditPercent()).isEqualTo(10.0);
  }

  @Test
  void earlierDowntimeCanTipTheOutageIntoAHigherTier() {
    // Alone, 4 hours is 99.444 % (25 %); after 4 earlier hours the month stands at 98.889 %: the 50 % tier.
    SlaExposure.Exposure e = april(Duration.ofHours(4), Duration.ofHours(4));
    assertThat(e.availabilityPercent()).isEqualTo(98.889);
    assertThat(e.creditPercent()).isEqualTo(50.0);
  }
}
