package dev.vigil.coverage;

import static dev.vigil.coverage.CoverageCheck.ALERT_ROUTE;
import static dev.vigil.coverage.CoverageCheck.ESCALATION;
import static dev.vigil.coverage.CoverageCheck.ON_CALL;
import static dev.vigil.coverage.CoverageCheck.SIGNAL;
import static dev.vigil.coverage.CoverageCheck.SLA_SLO;
import static dev.vigil.coverage.CoverageCheck.SLO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.TestCatalogs;
import dev.vigil.catalog.Catalog;
import dev.vigil.oncall.Gap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorecard on the worked example names its real gaps, from the file alone; the checks only a server can answer
 * say so and stay out of the score; a catalog change moves the score and the ranking.
 */
class ScorecardTest {

  static final Path EXAMPLE = Path.of("examples/smuvdrive/vigil.yaml");
  static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  @TempDir
  Path dir;

  static Scorecard example() {
    Catalog catalog = TestCatalogs.load(EXAMPLE);
    return Scorecard.of(catalog, Evidence.fromFile(catalog, NOW));
  }

  @Test
  void theWorkedExampleNamesItsRealGaps() {
    Scorecard card = example();
    assertThat(card.service("gateway").orElseThrow().failed()).isEmpty();
    assertThat(card.service("api").orElseThrow().failed()).isEmpty();
    assertThat(card.service("payment").orElseThrow().failed()).isEmpty();
    // Watched only by the vendor's own status integration: no probe of Vigil's, no objective.
    assertThat(card.service("payment-processor").orElseThrow().failed()).containsExactly(SIGNAL, SLO);
    assertThat(card.service("postgres-primary").orElseThrow().failed()).containsExactly(SLO);
    assertThat(card.service("cache").orElseThrow().failed()).containsExactly(SIGNAL, SLO);
    // Prometheus's routes name every service but the monitoring itself, which only its heartbeat watches.
    assertThat(card.service("monitoring").orElseThrow().failed()).containsExactly(ALERT_ROUTE, SLO);
    assertThat(card.service("job-workers").orElseThrow().failed()).containsExactly(SLO);

    Scorecard.Result signal = card.service("cache").orElseThrow().result(SIGNAL);
    assertThat(signal.reason()).isEqualTo("no probe or heartbeat");
    assertThat(signal.fix()).isEqualTo("add a redis probe");
    assertThat(card.service("api").orElseThrow().result(SLA_SLO).reason())
        .isEqualTo("covered by 2 contracts (fleetline-api-2026, atlas-api-2026) with an SLO");
    assertThat(card.service("gateway").orElseThrow().result(ALERT_ROUTE).reason()).isEqualTo("through prometheus");
    assertThat(card.service("payment-processor").orElseThrow().result(ALERT_ROUTE).reason())
        .isEqualTo("through payment-processor-status");
    assertThat(card.service("cache").orElseThrow().result(SLA_SLO).outcome())
        .isEqualTo(Scorecard.Outcome.NOT_APPLICABLE);
  }

  @Test
  void whatOnlyAServerKnowsIsSaidAndLeftOutOfTheScore() {
    Scorecard.ServiceCard gateway = example().service("gateway").orElseThrow();
    assertThat(gateway.result(CoverageCheck.ALERTS_RECEIVED).outcome()).isEqualTo(Scorecard.Outcome.NEEDS_SERVER);
    assertThat(gateway.result(CoverageCheck.ALERTS_RECEIVED).reason()).startsWith("needs a running server");
    assertThat(gateway.result(CoverageCheck.ACTION_ITEMS).outcome()).isEqualTo(Scorecard.Outcome.NEEDS_SERVER);
    // Owner 2, escalation 3, on call 3, probe 3, route 3, SLO 2, runbook 1: all passed; no contract names it.
    assertThat(gateway.score()).isEqualTo(new Scorecard.Score(17, 17, new java.math.BigDecimal("100.0")));
  }

  @Test
  void theNextActionsPutTierOneAndItsContractsFirst() {
    List<Scorecard.Action> actions = example().nextActions();
    assertThat(actions).hasSize(10);
    assertThat(actions.getFirst().text()).isEqualTo(
        "payment-processor: tier 1, no probe or heartbeat: add an HTTP or TLS probe of the vendor's endpoint");
    assertThat(actions).extracting(Scorecard.Action::tier).isSortedAccordingTo(Integer::compare);
  }

  @Test
  void aCatalogChangeMovesTheScoreAndTheRanking() throws Exception {
    Scorecard before = example();
    // Payment loses its SLOs, and the contract that named one names none.
    String yaml = Files.readString(EXAMPLE)
        .replaceAll("(?s)    error_budget_policy: freeze-deploys\n    slos:\n.*?sli: \\{incidents: \\{severities: \\[SEV1, SEV2]}}\n", "")
        .replace("        slo: payment-incidents\n", "");
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, yaml);
    Files.createDirectories(dir.resolve("runbooks"));
    try (var runbooks = Files.list(EXAMPLE.resolveSibling("runbooks"))) {
      for (Path r : runbooks.toList()) {
        Files.copy(r, dir.resolve("runbooks").resolve(r.getFileName()));
      }
    }
    Catalog changed = TestCatalogs.load(file);
    Scorecard after = Scorecard.of(changed, Evidence.fromFile(changed, NOW));

    assertThat(after.service("payment").orElseThrow().failed()).containsExactly(SLO, SLA_SLO);
    assertThat(after.total().percent()).isLessThan(before.total().percent());
    assertThat(after.byTeam().get("payments").percent()).isLessThan(before.byTeam().get("payments").percent());
    assertThat(after.byTier().get(1).percent()).isLessThan(before.byTier().get(1).percent());
    assertThat(after.nextActions().getFirst().text()).isEqualTo("payment: tier 1, no SLO though covered by"
        + " 1 contract (fleetline-api-2026): add an availability SLO on probe health and name it in the contract (slo:)");
    assertThat(after.nextActions()).noneMatch(a -> a.service().equals("payment") && a.check() == SLO);
  }

  @Test
  void aGapInTheScheduleAOneStepPolicyAndEvidenceFromTheServer() {
    Catalog catalog = TestCatalogs.load("""
        version: 1
        teams:
          - name: ops
            members: [ana]
        users:
          - name: ana
            email: ana@example.com
        schedules:
          - name: days
            time_zone: UTC
            layers:
              - name: days
                rotation: daily
                start: "2026-01-05T00:00"
                participants: [ana]
                restrictions:
                  - from: "08:00"
                    to: "20:00"
        escalation_policies:
          - name: ops
            steps:
              - delay: 5m
                targets: [{schedule: days}]
        services:
          - name: shop
            team: ops
            tier: 2
            escalation_policy: ops
        """);
    Evidence fromFile = Evidence.fromFile(catalog, NOW);
    Scorecard.ServiceCard shop = Scorecard.of(catalog, fromFile).service("shop").orElseThrow();
    assertThat(shop.result(ESCALATION).reason()).isEqualTo("policy ops has 1 step");
    assertThat(shop.result(ON_CALL).reason()).isEqualTo("schedule days has nobody on call 28 times in the next 28"
        + " days (336 h in all, first from 2026-12-01T20:00:00Z)");

    Evidence server = new Evidence(NOW, Map.of("days", List.<Gap>of()), Map.of("shop", NOW.minusSeconds(3600)),
        Map.of("shop", 2));
    Scorecard.ServiceCard known = Scorecard.of(catalog, server).service("shop").orElseThrow();
    assertThat(known.result(ON_CALL).outcome()).isEqualTo(Scorecard.Outcome.PASSED);
    assertThat(known.result(CoverageCheck.ALERTS_RECEIVED).outcome()).isEqualTo(Scorecard.Outcome.PASSED);
    assertThat(known.result(CoverageCheck.ACTION_ITEMS).reason()).isEqualTo("2 overdue action items");
  }
}
