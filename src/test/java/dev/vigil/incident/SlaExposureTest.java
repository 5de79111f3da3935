package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SLA exposure of an outage under the worked example's contracts. */
class SlaExposureTest {

  @Test
  void anHourOfTheApiInAThirtyDayMonth() {
    List<SlaExposure.Exposure> exposures = SlaExposure.of(SeverityPolicyTest.EXAMPLE, List.of("api"),
        Instant.parse("2026-04-10T08:00:00Z"), Duration.ofHours(1));
    assertThat(exposures).extracting(SlaExposure.Exposure::contract)
        .containsExactlyInAnyOrder("fleetline-api-2026", "atlas-api-2026");
    SlaExposure.Exposure fleetline = exposures.stream().filter(e -> e.contract().equals("fleetline-api-2026"))
        .findFirst().orElseThrow();
    // 99.9% of 30 days allows 43.2 minutes; an hour is 138.889% of that, leaving 99.861%: the 10% credit tier.
    assertThat(fleetline.periodStart()).isEqualTo(LocalDate.parse("2026-04-01"));
    assertThat(fleetline.allowedDowntime()).isEqualTo(Duration.ofSeconds(2592));
    assertThat(fleetline.budgetUsedPercent()).isEqualTo(138.889);
    assertThat(fleetline.availabilityPercent()).isEqualTo(99.861);
    assertThat(fleetline.creditPercent()).isEqualTo(10.0);
    SlaExposure.Exposure atlas = exposures.stream().filter(e -> e.contract().equals("atlas-api-2026"))
        .findFirst().orElseThrow();
    // 99.95% allows 21.6 minutes; below 99.9 the 15% tier applies.
    assertThat(atlas.allowedDowntime()).isEqualTo(Duration.ofSeconds(1296));
    assertThat(atlas.creditPercent()).isEqualTo(15.0);
  }

  @Test
  void aShortOutageOwesNothingAndUnrelatedServicesAreNotExposed() {
    List<SlaExposure.Exposure> exposures = SlaExposure.of(SeverityPolicyTest.EXAMPLE, List.of("search"),
        Instant.parse("2026-02-10T08:00:00Z"), Duration.ofMinutes(5));
    assertThat(exposures).singleElement().satisfies(e -> {
      assertThat(e.customer()).isEqualTo("Atlas Mobility Partners");
      assertThat(e.creditPercent()).isZero();
      // February 2026 has 28 days: 99.95% allows 1209.6 s, rounded to 1210.
      assertThat(e.allowedDowntime()).isEqualTo(Duration.ofSeconds(1210));
    });
    assertThat(SlaExposure.of(SeverityPolicyTest.EXAMPLE, List.of("job-workers"), Instant.now(), Duration.ofHours(9)))
        .isEmpty();
  }
}
