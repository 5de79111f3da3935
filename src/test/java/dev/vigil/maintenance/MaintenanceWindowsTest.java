package dev.vigil.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog.MaintenanceWindow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceWindowsTest {

  @Test
  void oneOffWindowInItsTimeZoneEndExclusive() {
    MaintenanceWindow w = new MaintenanceWindow("move", "Europe/Berlin", "2026-12-05T22:00", "2026-12-06T06:00",
        null, null, null);
    assertThat(MaintenanceWindows.active(w, Instant.parse("2026-12-05T20:59:59Z"))).isFalse();
    assertThat(MaintenanceWindows.active(w, Instant.parse("2026-12-05T21:00:00Z"))).isTrue();
    assertThat(MaintenanceWindows.active(w, Instant.parse("2026-12-06T04:59:59Z"))).isTrue();
    assertThat(MaintenanceWindows.active(w, Instant.parse("2026-12-06T05:00:00Z"))).isFalse();
  }

  @Test
  void weeklyWindowPastMidnightBelongsToTheDayItStarts() {
    // Sundays 23:00 to 02:00 in Berlin (UTC+1 in winter).
    MaintenanceWindow w = new MaintenanceWindow(null, "Europe/Berlin", null, null, List.of("sun"), "23:00", "02:00");
    assertThat(MaintenanceWindows.active(w, Instant.parse("2026-03-01T22:30:00Z"))).as("sunday 23:30").isTrue();
    assertThat(MaintenanceWindows.active(w, Instant.parse("2026-03-02T00:30:00Z"))).as("monday 01:30").isTrue();
    assertThat(MaintenanceWindows.active(w, Instant.parse("2026-03-02T01:00:00Z"))).as("monday 02:00").isFalse();
    assertThat(MaintenanceWindows.active(w, Instant.parse("2026-03-02T22:30:00Z"))).as("monday 23:30").isFalse();
    assertThat(MaintenanceWindows.active(w, Instant.parse("2026-02-28T00:30:00Z"))).as("saturday 01:30").isFalse();
  }

  @Test
  void weeklyWindowWithoutDaysIsEveryDay() {
    MaintenanceWindow w = new MaintenanceWindow(null, "UTC", null, null, List.of(), "02:00", "03:00");
    assertThat(MaintenanceWindows.active(List.of(w), Instant.parse("2026-03-04T02:15:00Z"))).isTrue();
    assertThat(MaintenanceWindows.active(List.of(w), Instant.parse("2026-03-04T03:15:00Z"))).isFalse();
    assertThat(MaintenanceWindows.active(List.of(), Instant.parse("2026-03-04T02:15:00Z"))).isFalse();
  }
}
