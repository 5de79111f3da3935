package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.TestJobs;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogService;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import dev.vigil.incident.SyntheticAlerts;
import dev.vigil.probe.ProbeRollups;
import dev.vigil.system.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SLOs evaluated on the running application, on the test clock fast-forwarded: a probe-based SLO whose probe fails
 * burns exactly the budget its failed checks make, pages a person by email through the 1h/5m rule, tells the team
 * of the budget threshold once, and resolves when the burn stops; an incident-based SLO on a calendar month across a
 * month end; a probe without results has no data, and a source that cannot answer says why; history kept for the
 * window. The catalogs are built in Java on top of YAML without SLOs, and applied through {@link CatalogService}.
 * The team hearing of budget thresholds (Bea) is not the person paged (Ana): a notice sent to the same address in
 * the same moment would hold the page for the address's one-per-minute limit, on a test clock that does not move.
 */
@IntegrationTest
class SloEvaluationIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  static final String BASE = """
      version: 1
      teams: [{name: payments, members: [bea]}]
      users:
        - name: ana
          email: ana@example.com
          contact_methods: [{type: email, address: ana@example.com}]
        - name: bea
          email: bea@example.com
          contact_methods: [{type: email, address: bea@example.com}]
      escalation_policies:
        - name: payments
          steps: [{delay: 5m, targets: [{user: ana}]}]
      services:
        - name: checkout
          team: payments
          tier: 1
          escalation_policy: payments
          probes:
            - {name: health, kind: tcp, interval: 1h, tcp: {host: 127.0.0.1, port: 9}}
            - {name: quiet, kind: tcp, interval: 1h, tcp: {host: 127.0.0.1, port: 9}}
        - name: ledger
          team: payments
          tier: 2
      """;

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired SloEvaluator evaluator;
  @Autowired SloBoard board;
  @Autowired SyntheticAlerts alerts;

  @BeforeEach
  void clean() {
    TestCatalogs.reset(jdbc);
    jdbc.sql("delete from slo_point").update();
    jdbc.sql("delete from slo_state").update();
  }

  @AfterEach
  void resume() {
    TestCatalogs.reset(jdbc);
    jdbc.sql("delete from slo_point").update();
    jdbc.sql("delete from slo_state").update();
    ProbeRollups.syncAndPause(context, false);
  }

  @Test
  void aFailingProbeBurnsItsBudgetExactlyPagesOnceAndResolvesWhenTheBurnStops() throws Exception {
    apply(Map.of("checkout", List.of(slo("checkout-availability", 99, "30d", null,
        new Catalog.Sli(new Catalog.ProbeSli("health", null), null, null)))));
    Instant t0 = alignedFuture();
    // Three good hours of 100 checks every five minutes, then half of the checks fail for 20 minutes.
    for (int i = 36; i > 0; i--) {
      ProbeRollups.write(jdbc, "checkout", "health", t0.minus(Duration.ofMinutes(5L * i)), 100, 0, Duration.ofMillis(20));
    }
    for (int i = 0; i < 4; i++) {
      ProbeRollups.write(jdbc, "checkout", "health", t0.plus(Duration.ofMinutes(5L * i)), 100, 50, Duration.ofMillis(20));
    }
    clock.set(t0.plus(Duration.ofMinutes(20)).plusSeconds(10));
    evaluator.evaluateAll();

    SloBoard.Status s = board.list().getFirst();
    // 4,000 checks, 200 failed: SLI 95 %; at 99 % the budget is 1 % of 4,000 = 40 checks, 200 spent (500 %).
    assertThat(s.state()).isEqualTo("measured");
    assertThat(s.measuredAt()).isEqualTo(t0.plus(Duration.ofMinutes(20)));
    assertThat(s.sli()).isEqualByComparingTo("0.95");
    assertThat(s.budgetTotal()).isEqualByComparingTo("40");
    assertThat(s.budgetConsumed()).isEqualByComparingTo("200");
    assertThat(s.consumedShare()).isEqualByComparingTo("5");
    // 5m: 50 of 100 bad, rate 50; 1h: 200 of 1,200, rate 16.67 > 14.4: the 1h/5m rule pages. 6h (4,000 checks in
    // it) is at 5, not above 6: the 6h/30m rule does not fire. 1d and 3d at 5, 2h (200 of 2,400) at 8.33 and 6h at
    // 5: both ticket rules fire, and the page takes precedence.
    assertThat(s.burnRates().get(Duration.ofMinutes(5))).isEqualByComparingTo("50");
    assertThat(s.burnRates().get(Duration.ofHours(1)).setScale(4, java.math.RoundingMode.HALF_UP))
        .isEqualByComparingTo("16.6667");
    assertThat(s.burnRates().get(Duration.ofHours(6))).isEqualByComparingTo("5");
    assertThat(s.firing()).containsExactly("page 14.4 PT1H/PT5M", "ticket 3 PT24H/PT2H", "ticket 1 PT72H/PT6H");
    assertThat(s.raised()).containsExactly("page");

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(smtp.getReceivedMessages())
        .anySatisfy(m -> assertThat(m.getSubject()).contains("SLO checkout-availability of checkout burns")));
    assertThat(jdbc.sql("select status from incident").query(String.class).single()).isEqualTo("triggered");
    // The team hears once that the whole budget is spent, whatever the evaluations that follow.
    evaluator.evaluateAll();
    assertThat(jdbc.sql("select subject from notification where reason = 'SLO budget'").query(String.class).list())
        .containsExactly("SLO checkout-availability of checkout has used 100 % of its error budget");

    String metrics = new Api(port).get("/actuator/prometheus", null).body();
    assertThat(metrics).containsPattern("vigil_slo_burn_rate\\{[^}]*lookback=\"5m\"[^}]*service=\"checkout\""
        + "[^}]*slo=\"checkout-availability\"[^}]*} 50.0");
    assertThat(metrics).containsPattern("vigil_slo_sli\\{[^}]*slo=\"checkout-availability\"[^}]*} 0.95");
    // A scrape shows what is stored, whichever node evaluated last: here another node's evaluation, written directly.
    jdbc.sql("update slo_state set sli = 0.9 where slo = 'checkout-availability'").update();
    assertThat(new Api(port).get("/actuator/prometheus", null).body())
        .containsPattern("vigil_slo_sli\\{[^}]*slo=\"checkout-availability\"[^}]*} 0.9\n");

    // The next five minutes are good: the 5m rate drops to 0 and the page resolves, with its incident.
    ProbeRollups.write(jdbc, "checkout", "health", t0.plus(Duration.ofMinutes(20)), 100, 0, Duration.ofMillis(20));
    clock.set(t0.plus(Duration.ofMinutes(25)).plusSeconds(10));
    evaluator.evaluateAll();
    // The page resolves with its incident; the 2h lookback (200 of 2,500 bad, rate 8) still burns: a ticket remains.
    assertThat(board.list().getFirst().raised()).containsExactly("ticket");
    assertThat(jdbc.sql("""
            select a.fingerprint || ' ' || i.status from alert a join incident i on i.id = a.incident_id
            order by a.fingerprint""").query(String.class).list())
        .containsExactly("slo:checkout/checkout-availability:page resolved",
            "slo:checkout/checkout-availability:ticket triggered");
  }

  @Test
  void anSloRemovedWhileItPagesResolvesItsIncident() {
    apply(Map.of("checkout", List.of(slo("checkout-availability", 99, "30d", null,
        new Catalog.Sli(new Catalog.ProbeSli("health", null), null, null)))));
    Instant t0 = alignedFuture();
    for (int i = 12; i > 0; i--) {
      ProbeRollups.write(jdbc, "checkout", "health", t0.minus(Duration.ofMinutes(5L * i)), 100, 50, Duration.ofMillis(20));
    }
    clock.set(t0.plusSeconds(10));
    evaluator.evaluateAll();
    assertThat(board.list().getFirst().raised()).containsExactly("page");
    assertThat(jdbc.sql("select status from incident").query(String.class).single()).isEqualTo("triggered");

    apply(Map.of());
    clock.advance(Duration.ofMinutes(1));
    evaluator.evaluateAll();

    assertThat(board.list()).isEmpty();
    assertThat(jdbc.sql("select status from incident").query(String.class).single()).isEqualTo("resolved");
    assertThat(jdbc.sql("select count(*) from alert where source = 'slo' and status = 'firing'").query(Long.class)
        .single()).isZero();
  }

  @Test
  void anIncidentBasedSloOnACalendarMonthStartsAfreshAtTheMonthEnd() {
    apply(Map.of("ledger", List.of(slo("ledger-uptime", 99.9, "month", "UTC",
        new Catalog.Sli(null, null, new Catalog.IncidentSli(List.of()))))));
    Instant now = clock.instant();
    YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC)).plusMonths(2);
    Instant end = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    clock.set(end.minus(Duration.ofHours(1)));
    alerts.ingest("ledger", event(AlertEvent.Action.TRIGGER));
    Instant opened = jdbc.sql("select created_at from incident where title = 'Ledger is down'").query(java.sql.Timestamp.class).single().toInstant();

    clock.set(end.minus(Duration.ofMinutes(1)));
    evaluator.evaluateAll();
    SloBoard.Status before = board.list().getFirst();
    YearMonth previous = month.minusMonths(1);
    assertThat(before.periodStart()).isEqualTo(previous.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    // The month's whole budget: its days × 86,400 s × 0.001; spent: the incident's time so far.
    assertThat(before.budgetTotal()).isEqualByComparingTo(BigDecimal.valueOf(previous.lengthOfMonth() * 86_400L)
        .multiply(new BigDecimal("0.001")));
    assertThat(before.budgetConsumed()).isEqualByComparingTo(
        BigDecimal.valueOf(Duration.between(opened, before.measuredAt()).toNanos(), 9));
    // 59 minutes down burns at 1,000 over 5m and near it over 1h: the SLO pages.
    assertThat(before.raised()).containsExactly("page");

    clock.set(end.plus(Duration.ofMinutes(30)));
    alerts.ingest("ledger", event(AlertEvent.Action.RESOLVE));
    Instant resolved = jdbc.sql("select resolved_at from incident where title = 'Ledger is down'").query(java.sql.Timestamp.class).single()
        .toInstant();
    clock.set(end.plus(Duration.ofHours(1)));
    evaluator.evaluateAll();
    SloBoard.Status after = board.list().getFirst();
    // The new month counts only its own part of the incident, against its own whole budget; the SLO's own page,
    // open until this evaluation, is no downtime of it.
    assertThat(after.periodStart()).isEqualTo(end);
    assertThat(after.budgetTotal()).isEqualByComparingTo(BigDecimal.valueOf(month.lengthOfMonth() * 86_400L)
        .multiply(new BigDecimal("0.001")));
    assertThat(after.budgetConsumed()).isEqualByComparingTo(
        BigDecimal.valueOf(Duration.between(end, resolved).toNanos(), 9));
    // Nothing down in the last 5 or 30 minutes: the pages clear; 90 minutes down of the last 2 hours is a ticket.
    assertThat(after.raised()).containsExactly("ticket");

    // The month by month table: the month that ended missed 99.9 % (59 min down of its last hour counted), the
    // new one too so far (30 min of 60).
    List<SloBoard.PeriodCompliance> months = board.compliance("ledger-uptime");
    assertThat(months).extracting(SloBoard.PeriodCompliance::first)
        .containsExactly(previous.atDay(1), month.atDay(1));
    assertThat(months).extracting(SloBoard.PeriodCompliance::met).containsExactly(false, false);
  }

  @Test
  void aProbeWithoutResultsHasNoDataAndAMissingProbeSaysWhy() {
    apply(Map.of("checkout", List.of(
        slo("quiet-availability", 99, "7d", null, new Catalog.Sli(new Catalog.ProbeSli("quiet", null), null, null)),
        slo("gone-availability", 99, "7d", null, new Catalog.Sli(new Catalog.ProbeSli("gone", null), null, null)))));
    clock.set(alignedFuture());
    evaluator.evaluateAll();

    SloBoard.Status quiet = board.one("quiet-availability").orElseThrow().status().orElseThrow();
    assertThat(quiet.state()).isEqualTo("no_data");
    assertThat(quiet.sli()).isNull();
    assertThat(quiet.consumedShare()).isNull();
    assertThat(quiet.burnRates()).isEmpty();
    assertThat(quiet.summary()).isEqualTo("no data in the window");

    SloBoard.Status gone = board.one("gone-availability").orElseThrow().status().orElseThrow();
    assertThat(gone.sli()).isNull();
    assertThat(gone.stale()).isTrue();
    assertThat(gone.summary()).isEqualTo("no data since the SLO was declared, last error: service checkout has no"
        + " probe gone");
  }

  @Test
  void fiveMinutePointsAreKeptForTheWindowAndDailyPointsLonger() {
    apply(Map.of("checkout", List.of(slo("checkout-day", 99, "1d", null,
        new Catalog.Sli(new Catalog.ProbeSli("health", null), null, null)))));
    Instant t0 = alignedFuture();
    ProbeRollups.write(jdbc, "checkout", "health", t0, 10, 1, Duration.ofMillis(20));
    clock.set(t0.plus(Duration.ofMinutes(5)).plusSeconds(10));
    evaluator.evaluateAll();
    SloBoard.Detail detail = board.one("checkout-day").orElseThrow();
    assertThat(detail.fiveMinutes()).singleElement().satisfies(p -> {
      assertThat(p.at()).isEqualTo(t0);
      assertThat(p.good()).isEqualByComparingTo("9");
      assertThat(p.total()).isEqualByComparingTo("10");
    });
    assertThat(detail.days()).hasSize(1);

    clock.set(t0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(10)));
    evaluator.evaluateAll();
    assertThat(jdbc.sql("select count(*) from slo_point where step = '5m' and at = :at")
        .param("at", java.sql.Timestamp.from(t0)).query(Long.class).single()).as("older than the window").isZero();
    assertThat(jdbc.sql("select count(*) from slo_point where step = '1d'").query(Long.class).single())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void timeslicesOfAProbeAreJudgedFromItsFiveMinuteRollups() {
    apply(Map.of("checkout", List.of(new Catalog.Slo("checkout-slices", null, 99, "1d", null,
        Catalog.SloBudgeting.TIMESLICES, new Catalog.Timeslice(Duration.ofMinutes(5), 90), Catalog.SloAlerting.NONE,
        List.of(), List.of(), new Catalog.Sli(new Catalog.ProbeSli("health", null), null, null)))));
    Instant t0 = alignedFuture();
    // An hour of five-minute slices of 100 checks: 10 at 100 % good, 2 (the fifth and sixth) at 80 %, under the
    // slice objective of 90 %.
    for (int i = 0; i < 12; i++) {
      ProbeRollups.write(jdbc, "checkout", "health", t0.plus(Duration.ofMinutes(5L * i)), 100,
          i == 4 || i == 5 ? 20 : 0, Duration.ofMillis(20));
    }
    clock.set(t0.plus(Duration.ofHours(1)).plusSeconds(10));
    evaluator.evaluateAll();

    SloBoard.Status s = board.one("checkout-slices").orElseThrow().status().orElseThrow();
    assertThat(s.state()).isEqualTo("measured");
    assertThat(s.budgetUnitSeconds()).isEqualByComparingTo("300");
    // 10 of 12 judged slices good; the day's other 276 slices had no checks, so they leave the budget: 1 % of the 12
    // counted is 0.12 slices, and 2 bad slices spend it 16.67 times over.
    assertThat(s.sli().setScale(6, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("0.833333");
    assertThat(s.budgetTotal()).isEqualByComparingTo("0.12");
    assertThat(s.budgetConsumed()).isEqualByComparingTo("2");
    // The last hour's slices: 2 of 12 bad, a burn rate of 16.67 over a budget of 1 %; the last five minutes: good.
    assertThat(s.burnRates().get(Duration.ofHours(1)).setScale(4, java.math.RoundingMode.HALF_UP))
        .isEqualByComparingTo("16.6667");
    assertThat(s.burnRates().get(Duration.ofMinutes(5))).isEqualByComparingTo("0");
    assertThat(s.raised()).as("alerting none").isEmpty();
  }

  private AlertEvent event(AlertEvent.Action action) {
    return new AlertEvent("test", "ledger-down", action, "Ledger is down", AlertSeverity.CRITICAL, Map.of(),
        Map.of(), List.of(), null, null);
  }

  /** A five-minute instant a day and more ahead of the clock, so that nothing earlier tests left counts. */
  private Instant alignedFuture() {
    return clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
  }

  private static Catalog.Slo slo(String name, double objective, String window, String zone, Catalog.Sli sli) {
    return new Catalog.Slo(name, null, objective, window, zone, null, null, null, List.of(), List.of(), sli);
  }

  /** Applies the base catalog with these SLOs added to their services, then syncs probes with checks paused. */
  private void apply(Map<String, List<Catalog.Slo>> slos) {
    Catalog base = TestCatalogs.load(BASE);
    List<Catalog.Service> services = base.services().stream().map(s -> new Catalog.Service(s.name(),
        s.description(), s.team(), s.tier(), s.kind(), s.dependsOn(), s.runbookUrl(), s.rto(), s.rpo(),
        s.escalationPolicy(), s.tags(), s.supportHours(), s.heartbeats(), s.probes(), s.maintenanceWindows(),
        s.impact(), s.correlateUpstream(), s.subscribers(), s.runbook(), slos.getOrDefault(s.name(), List.of()),
        null)).toList();
    catalog.apply(new Catalog(base.version(), base.teams(), base.users(), services, base.integrations(),
        base.schedules(), base.escalationPolicies(), base.customers(), base.incidentPolicy(), base.statusPages(),
        base.prometheus()), "/etc/vigil.yaml", "slo");
    TestJobs.quiesce(jdbc, SloJobs.TASK);
    ProbeRollups.syncAndPause(context, true);
  }
}
