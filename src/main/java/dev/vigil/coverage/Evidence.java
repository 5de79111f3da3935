package dev.vigil.coverage;

import dev.vigil.catalog.Catalog;
import dev.vigil.oncall.FinalSchedule;
import dev.vigil.oncall.Gap;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scorecard knows beyond the catalog: each schedule's gaps over the horizon, and, from a running server,
 * when each service last received an alert and how many overdue action items it has. {@code lastAlerts} and
 * {@code overdueItems} are null when only a file was read: those checks then say they need a running server
 * rather than guess.
 */
public record Evidence(Instant now, Map<String, List<Gap>> gaps, Map<String, Instant> lastAlerts,
    Map<String, Integer> overdueItems) {

  /** How far ahead on-call cover is checked. */
  public static final Duration HORIZON = Duration.ofDays(28);

  /** How far back alerts count as received. */
  public static final Duration ALERT_LOOKBACK = Duration.ofDays(30);

  /** What a catalog file alone can tell at {@code now}: its schedules' gaps, from the overrides it declares. */
  public static Evidence fromFile(Catalog catalog, Instant now) {
    Map<String, List<Gap>> gaps = new LinkedHashMap<>();
    for (Catalog.Schedule schedule : catalog.schedules()) {
      gaps.put(schedule.name(), FinalSchedule.of(schedule).gaps(now, now.plus(HORIZON)));
    }
    return new Evidence(now, gaps, null, null);
  }

  /** Whether the server's own records were read. */
  public boolean fromServer() {
    return lastAlerts != null && overdueItems != null;
  }
}
