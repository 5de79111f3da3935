package dev.vigil.coverage;

import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.BusinessDays;
import dev.vigil.incident.IncidentBoard;
import dev.vigil.oncall.FinalSchedule;
import dev.vigil.oncall.Gap;
import dev.vigil.oncall.OnCallService;
import dev.vigil.postmortem.OverdueActionItems;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The coverage scorecard as the server knows it (the query type of this feature): the catalog as applied, the
 * schedules' gaps with the API's overrides, the alerts received and the overdue action items; and its trend from the
 * daily snapshots.
 */
@Service
public class CoverageBoard {

  /** How far back the trend reads by default. */
  public static final int TREND_DAYS = 90;

  private final CatalogQueries catalog;
  private final OnCallService onCall;
  private final IncidentBoard incidents;
  private final OverdueActionItems actionItems;
  private final CoverageSnapshots snapshots;
  private final Clock clock;

  CoverageBoard(CatalogQueries catalog, OnCallService onCall, IncidentBoard incidents, OverdueActionItems actionItems,
      CoverageSnapshots snapshots, Clock clock) {
    this.catalog = catalog;
    this.onCall = onCall;
    this.incidents = incidents;
    this.actionItems = actionItems;
    this.snapshots = snapshots;
    this.clock = clock;
  }

  /** The scorecard now. */
  public Scorecard scorecard() {
    Instant now = clock.instant();
    Map<String, List<Gap>> gaps = new LinkedHashMap<>();
    for (Map.Entry<String, FinalSchedule> s : onCall.schedules(now, now.plus(Evidence.HORIZON)).entrySet()) {
      gaps.put(s.getKey(), s.getValue().gaps(now, now.plus(Evidence.HORIZON)));
    }
    Evidence evidence = new Evidence(now, gaps, incidents.lastAlertsByService(now.minus(Evidence.ALERT_LOOKBACK)),
        actionItems.byService());
    return Scorecard.of(catalog.catalog(), evidence);
  }

  /** One service's checklist now; empty when the catalog has no such service. */
  public Optional<Scorecard.ServiceCard> service(String name) {
    return catalog.catalog().service(name).isEmpty() ? Optional.empty() : scorecard().service(name);
  }

  /** The daily snapshots of the last {@code days} days, oldest first. */
  public List<CoverageSnapshots.Snapshot> trend(int days) {
    return snapshots.since(today().minusDays(days - 1L));
  }

  /** Today in the business time zone, the day a snapshot taken now is filed under. */
  LocalDate today() {
    ZoneId zone = BusinessDays.of(catalog.incidentPolicy()).zone();
    return LocalDate.now(clock.withZone(zone));
  }

  /** Writes today's snapshot unless one is written already; whether this call wrote it. */
  boolean snapshot() {
    return snapshots.take(today(), clock.instant(), scorecard());
  }
}
