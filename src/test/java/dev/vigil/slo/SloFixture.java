package dev.vigil.slo;

import dev.vigil.TestCatalogs;
import dev.vigil.TestJobs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.probe.ProbeRollups;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SLOs with known figures for the API and page tests, evaluated on the test clock from probe rollups: one that has
 * spent five times its budget and pages, one with 97.5 % of its budget left, one untouched, one without data and one
 * whose source cannot answer.
 */
public final class SloFixture {

  public static final String YAML = """
      version: 1
      teams: [{name: payments, members: [ana]}, {name: search, members: [ana]}]
      users: [{name: ana, email: ana@example.com}]
      prometheus: [{name: metrics, url: "http://127.0.0.1:9/"}]
      services:
        - name: checkout
          team: payments
          tier: 1
          tags: {pci: "yes"}
          error_budget_policy: POLICY
          probes:
            - {name: health, kind: tcp, interval: 1h, tcp: {host: 127.0.0.1, port: 9}}
            - {name: steady, kind: tcp, interval: 1h, tcp: {host: 127.0.0.1, port: 9}}
          slos:
            - {name: checkout-availability, objective: 99, window: 30d, sli: {probe: {probe: health}}}
            - {name: checkout-steady, objective: 99, window: 30d, sli: {probe: {probe: steady}}}
        - name: ledger
          team: payments
          tier: 2
          error_budget_policy: freeze-deploys
          probes:
            - {name: books, kind: tcp, interval: 1h, tcp: {host: 127.0.0.1, port: 9}}
          slos:
            - {name: ledger-books, objective: 99.9, window: 30d, sli: {probe: {probe: books}}}
        - name: search
          team: search
          tier: 2
          tags: {pci: "no"}
          probes:
            - {name: quiet, kind: tcp, interval: 1h, tcp: {host: 127.0.0.1, port: 9}}
          slos:
            - {name: search-quiet, objective: 99, window: 7d, sli: {probe: {probe: quiet}}}
            - name: search-errors
              objective: 99.5
              window: 30d
              sli: {prometheus: {source: metrics, bad: errors_total, total: requests_total}}
      """;

  private SloFixture() {}

  /** The catalog with checkout's error budget policy set to {@code policy}. */
  public static String yaml(String policy) {
    return YAML.replace("POLICY", policy);
  }

  /**
   * Applies the catalog and evaluates its SLOs over 3 h 20 min of checks ending at the returned instant: health has
   * half of its 100 checks failing in each of its last four five minutes (4,000 checks, 200 failed, 99 %: five
   * budgets spent); steady one failed check of 4,000 (2.5 % of its budget spent); books none.
   */
  public static Instant evaluate(ApplicationContext context, JdbcClient jdbc, CatalogService catalog,
      TestClock clock) {
    clear(jdbc);
    catalog.apply(TestCatalogs.load(yaml("notify")), "/etc/vigil.yaml", "slo");
    TestJobs.quiesce(jdbc, SloJobs.TASK);
    ProbeRollups.syncAndPause(context, true);
    // Noon of the day after tomorrow (UTC, the SLOs' zone): a day and more ahead of the clock, so that nothing earlier
    // tests left counts, and far from midnight, so that the three hours of history fall in the day being evaluated
    // whatever the time the test runs at.
    Instant t0 = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(12));
    for (int i = -36; i < 4; i++) {
      Instant at = t0.plus(Duration.ofMinutes(5L * i));
      ProbeRollups.write(jdbc, "checkout", "health", at, 100, i >= 0 ? 50 : 0, Duration.ofMillis(20));
      ProbeRollups.write(jdbc, "checkout", "steady", at, 100, i == -36 ? 1 : 0, Duration.ofMillis(20));
      ProbeRollups.write(jdbc, "ledger", "books", at, 100, 0, Duration.ofMillis(20));
    }
    Instant end = t0.plus(Duration.ofMinutes(20));
    clock.set(end.plusSeconds(10));
    context.getBean(SloEvaluator.class).evaluateAll();
    return end;
  }

  /** Empties the catalog and forgets every SLO's state and history. */
  public static void clear(JdbcClient jdbc) {
    TestCatalogs.reset(jdbc);
    jdbc.sql("delete from slo_point").update();
    jdbc.sql("delete from slo_state").update();
  }

  /** Evaluates every SLO of the catalog now, as the minutely job does. */
  public static void evaluateNow(ApplicationContext context) {
    context.getBean(SloEvaluator.class).evaluateAll();
  }
}
