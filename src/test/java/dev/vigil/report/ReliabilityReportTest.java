package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.OpenIntervals;
import dev.vigil.incident.OpenIntervals.Interval;
import dev.vigil.report.ReliabilityReport.GroupBy;
import dev.vigil.report.ReliabilityReport.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MTTA, MTTM, MTTR, MTBF and RTO breaches computed exactly on crafted incident histories. */
class ReliabilityReportTest {

  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  static Instant at(String offset) {
    return T0.plus(Duration.parse("PT" + offset));
  }

  static IncidentTimes incident(long id, String service, String team, String severity, Instant created,
      Instant ack, Instant mitigated, Instant resolved, Duration rto) {
    return new IncidentTimes(id, "t" + id, service, team, severity, resolved == null ? "triggered" : "resolved",
        created, ack, mitigated, resolved, rto, null, new OpenIntervals(List.of(new Interval(created, mitigated,
            resolved))));
  }

  // db: acked after 2m and 4m (MTTA 3m); mitigated at 10m, resolved at 30m; the second never mitigated by hand, so
  // its mitigation is its resolution at 50m (MTTM 30m); resolved 30m and 50m (MTTR 40m). Starts 0h and 6h: MTBF 6h.
  static final List<IncidentTimes> HISTORY = List.of(
      incident(1, "db", "database", "SEV1", at("0S"), at("2M"), at("10M"), at("30M"), Duration.ofMinutes(30)),
      incident(2, "db", "database", "SEV2", at("6H"), at("6H4M"), null, at("6H50M"), Duration.ofMinutes(30)),
      // api: one never acknowledged and still open at 'now'; one acked after 90s and resolved after 1h.
      incident(3, "api", "core", "SEV2", at("1H"), null, null, null, null),
      incident(4, "api", "core", "SEV3", at("2H"), at("2H1M30S"), at("2H20M"), at("3H"), Duration.ofHours(2)),
      incident(5, "api", "core", "SEV3", at("4H"), at("4H1M"), null, at("4H2M"), null),
      // Outside the range: never counted.
      incident(6, "db", "database", "SEV1", at("48H"), at("48H1M"), null, at("49H"), null));

  static final Instant NOW = at("10H");

  Row row(List<Row> rows, String group) {
    return rows.stream().filter(r -> r.group().equals(group)).findFirst().orElseThrow();
  }

  @Test
  void perService() {
    List<Row> rows = ReliabilityReport.compute(HISTORY, GroupBy.SERVICE, T0, at("24H"), NOW);
    assertThat(rows).extracting(Row::group).containsExactly("api", "db");

    Row db = row(rows, "db");
    assertThat(db.count()).isEqualTo(2);
    assertThat(db.mtta()).isEqualTo(Duration.ofMinutes(3));
    assertThat(db.mttm()).isEqualTo(Duration.ofMinutes(30));
    assertThat(db.mttr()).isEqualTo(Duration.ofMinutes(40));
    assertThat(db.mtbf()).isEqualTo(Duration.ofHours(6));
    // The second was restored only at 50 minutes, past its 30-minute RTO.
    assertThat(db.rtoBreaches()).isEqualTo(1);
    assertThat(db.open()).isZero();

    Row api = row(rows, "api");
    assertThat(api.count()).isEqualTo(3);
    assertThat(api.acknowledged()).isEqualTo(2);
    // (90 s + 60 s) / 2
    assertThat(api.mtta()).isEqualTo(Duration.ofSeconds(75));
    // (20 m + 2 m) / 2; the open one has neither
    assertThat(api.mitigated()).isEqualTo(2);
    assertThat(api.mttm()).isEqualTo(Duration.ofMinutes(11));
    // (60 m + 2 m) / 2
    assertThat(api.mttr()).isEqualTo(Duration.ofMinutes(31));
    // starts at 1h, 2h, 4h: (4h - 1h) / 2
    assertThat(api.mtbf()).isEqualTo(Duration.ofMinutes(90));
    assertThat(api.open()).isEqualTo(1);
    assertThat(api.rtoBreaches()).isZero();
  }

  @Test
  void perTeamAndSeverity() {
    List<Row> bySeverity = ReliabilityReport.compute(HISTORY, GroupBy.SEVERITY, T0, at("24H"), NOW);
    assertThat(bySeverity).extracting(Row::group).containsExactly("SEV1", "SEV2", "SEV3");
    Row sev3 = row(bySeverity, "SEV3");
    assertThat(sev3.count()).isEqualTo(2);
    assertThat(sev3.mttr()).isEqualTo(Duration.ofMinutes(31));
    assertThat(sev3.mtbf()).isEqualTo(Duration.ofHours(2));
    assertThat(row(bySeverity, "SEV1").mtbf()).as("one incident has no time between failures").isNull();
    // SEV2: incident 2 acked at 4m; incident 3 never.
    assertThat(row(bySeverity, "SEV2").mtta()).isEqualTo(Duration.ofMinutes(4));

    List<Row> byTeam = ReliabilityReport.compute(HISTORY, GroupBy.TEAM, T0, at("24H"), NOW);
    assertThat(byTeam).extracting(Row::group).containsExactly("core", "database");
    assertThat(row(byTeam, "database").mttr()).isEqualTo(Duration.ofMinutes(40));
  }

  @Test
  void theRangeIsHalfOpenOnCreation() {
    List<Row> rows = ReliabilityReport.compute(HISTORY, GroupBy.SERVICE, at("1H"), at("4H"), NOW);
    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.group()).isEqualTo("api");
      assertThat(r.count()).isEqualTo(2); // 1h and 2h, not 4h
    });
    assertThat(ReliabilityReport.compute(HISTORY, GroupBy.SERVICE, at("30H"), at("31H"), NOW)).isEmpty();
  }

  @Test
  void meansAreExactToTheMillisecond() {
    assertThat(ReliabilityReport.mean(List.of(Duration.ofMillis(1), Duration.ofMillis(2)))).isEqualTo(
        Duration.ofMillis(1));
    assertThat(ReliabilityReport.mean(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20),
        Duration.ofSeconds(31)))).isEqualTo(Duration.ofMillis(20_333));
    assertThat(ReliabilityReport.mean(List.of())).isNull();
  }

  @Test
  void anOpenIncidentBreachesItsRtoOnceTheRtoHasPassed() {
    IncidentTimes open = incident(9, "db", "database", "SEV1", at("0S"), null, null, null, Duration.ofMinutes(30));
    assertThat(open.rtoBreached(at("29M"))).isFalse();
    assertThat(open.rtoBreached(at("31M"))).isTrue();
    IncidentTimes flagged = new IncidentTimes(10, "x", "db", "database", "SEV1", "resolved", at("0S"), null, null,
        at("5M"), null, at("1M"), new OpenIntervals(List.of(new Interval(at("0S"), null, at("5M")))));
    assertThat(flagged.rtoBreached(at("1H"))).as("flagged by Vigil").isTrue();
  }

  @Test
  void aReopenedIncidentCountsOnlyTheTimesItWasOpen() {
    // Open 0-2m (mitigated at 1m), quiet, open again 11m-14m, acknowledged at 12m.
    OpenIntervals open = new OpenIntervals(List.of(new Interval(at("0S"), at("1M"), at("2M")),
        new Interval(at("11M"), null, at("14M"))));
    IncidentTimes reopened = new IncidentTimes(11, "x", "api", "core", "SEV2", "resolved", at("0S"), at("12M"),
        at("1M"), at("14M"), Duration.ofMinutes(4), null, open);
    assertThat(reopened.timeToAcknowledge()).isEqualTo(Duration.ofMinutes(3));
    assertThat(reopened.timeToMitigate()).isEqualTo(Duration.ofMinutes(4));
    assertThat(reopened.timeToResolve()).isEqualTo(Duration.ofMinutes(5));
    assertThat(reopened.rtoBreached(at("1H"))).as("neither opening took 4 minutes to recover").isFalse();

    IncidentTimes openAgain = new IncidentTimes(12, "x", "api", "core", "SEV2", "triggered", at("0S"), null,
        at("1M"), null, Duration.ofMinutes(4), null, new OpenIntervals(List.of(open.intervals().getFirst(),
            new Interval(at("11M"), null, null))));
    assertThat(openAgain.timeToMitigate()).as("its impact goes on").isNull();
    assertThat(openAgain.timeToResolve()).isNull();
    assertThat(openAgain.rtoBreached(at("14M"))).isFalse();
    assertThat(openAgain.rtoBreached(at("16M"))).as("re-opened 5 minutes ago and not restored").isTrue();
  }
}
