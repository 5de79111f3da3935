package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Postmortem deadlines in business days: weekends and holidays do not count, in the policy's time zone. */
class BusinessDaysTest {

  static final BusinessDays UTC = new BusinessDays(ZoneId.of("UTC"), Set.of());

  @Test
  void fridayPlusOneIsTheEndOfMonday() {
    // Friday 2026-03-06 15:00 UTC
    assertThat(UTC.endOfBusinessDaysAfter(Instant.parse("2026-03-06T15:00:00Z"), 1))
        .isEqualTo(Instant.parse("2026-03-10T00:00:00Z"));
  }

  @Test
  void fiveDaysFromAWednesdaySpanAWeekend() {
    assertThat(UTC.endOfBusinessDaysAfter(Instant.parse("2026-03-04T09:00:00Z"), 5))
        .isEqualTo(Instant.parse("2026-03-12T00:00:00Z"));
  }

  @Test
  void resolvedOnASaturdayCountsFromMonday() {
    assertThat(UTC.endOfBusinessDaysAfter(Instant.parse("2026-03-07T23:00:00Z"), 2))
        .isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
  }

  @Test
  void holidaysAreSkipped() {
    BusinessDays christmas = new BusinessDays(ZoneId.of("UTC"),
        Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25")));
    // Wednesday 23 December; Thursday and Friday are holidays, so the third business day is Wednesday 30th.
    assertThat(christmas.endOfBusinessDaysAfter(Instant.parse("2026-12-23T10:00:00Z"), 3))
        .isEqualTo(Instant.parse("2026-12-31T00:00:00Z"));
    assertThat(christmas.isBusinessDay(LocalDate.parse("2026-12-25"))).isFalse();
    assertThat(christmas.isBusinessDay(LocalDate.parse("2026-12-28"))).isTrue();
  }

  @Test
  void theDayIsTheDayInThePolicysZone() {
    BusinessDays paris = new BusinessDays(ZoneId.of("Europe/Paris"), Set.of());
    // 23:30 UTC on Friday is already Saturday in Paris: one business day ends with Monday, midnight Paris time.
    assertThat(paris.endOfBusinessDaysAfter(Instant.parse("2026-03-06T23:30:00Z"), 1))
        .isEqualTo(Instant.parse("2026-03-09T23:00:00Z"));
  }
}
