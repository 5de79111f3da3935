package dev.vigil.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a low-urgency incident may start paging: at once inside support hours, else at their next opening. */
class SupportHoursTest {

  static final Catalog.SupportHours PARIS_OFFICE =
      new Catalog.SupportHours("Europe/Paris", List.of(), "09:00", "18:00");

  @Test
  void insideTheHoursPagesAtOnce() {
    Instant wednesdayNoon = Instant.parse("2026-01-07T11:00:00Z");
    assertThat(EscalationEngine.nextSupportTime(PARIS_OFFICE, wednesdayNoon)).isEqualTo(wednesdayNoon);
  }

  @Test
  void aFridayEveningWaitsForMondayMorningInTheServicesZone() {
    assertThat(EscalationEngine.nextSupportTime(PARIS_OFFICE, Instant.parse("2026-01-09T19:30:00Z")))
        .isEqualTo(Instant.parse("2026-01-12T08:00:00Z"));
  }

  @Test
  void theDefaultIsWeekdaysNineToFiveUtc() {
    assertThat(EscalationEngine.nextSupportTime(Catalog.SupportHours.DEFAULT, Instant.parse("2026-01-06T03:00:00Z")))
        .isEqualTo(Instant.parse("2026-01-06T09:00:00Z"));
  }
}
