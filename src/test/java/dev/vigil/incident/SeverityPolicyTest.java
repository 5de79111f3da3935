package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.TestCatalogs;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogLoader;
import dev.vigil.incident.SeverityPolicy.Classification;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of severity rule, on the worked example and on small catalogs, and the built-in policy. */
class SeverityPolicyTest {

  static final Catalog EXAMPLE = CatalogLoader.withEnvironment(k -> null)
      .load(Path.of("examples/smuvdrive/vigil.yaml")).catalog();

  static Classification classify(Catalog catalog, String service, AlertSeverity severity, Map<String, String> labels) {
    return SeverityPolicy.classify(catalog, service, severity, labels);
  }

  @Test
  void theDatabaseTakesThePaymentPathDownSoItIsSev1() {
    assertThat(classify(EXAMPLE, "postgres-primary", AlertSeverity.CRITICAL, Map.of()))
        .isEqualTo(new Classification("SEV1", "payment-path-down"));
    SeverityPolicy.Facts facts = SeverityPolicy.Facts.of(EXAMPLE, "postgres-primary");
    assertThat(facts.tier()).isEqualTo(1);
    assertThat(facts.paymentPath()).isTrue();
    assertThat(facts.dataIntegrity()).isTrue();
    assertThat(facts.regulatory()).isTrue();
    assertThat(facts.userShare()).isEqualTo(100.0);
    assertThat(facts.customers()).isEqualTo(2);
  }

  @Test
  void alertSeverityIsPartOfTheRule() {
    // The same service with a warning matches no rule that wants critical or error alerts.
    assertThat(classify(EXAMPLE, "postgres-primary", AlertSeverity.WARNING, Map.of()))
        .isEqualTo(new Classification("SEV3", SeverityPolicy.DEFAULT_RULE));
    assertThat(classify(EXAMPLE, "elasticsearch", AlertSeverity.INFO, Map.of()))
        .isEqualTo(new Classification("SEV4", "informational"));
  }

  @Test
  void enterpriseCustomersThroughTheBlastRadius() {
    // search is covered by one contract and the API (which depends on search) by both.
    assertThat(classify(EXAMPLE, "search", AlertSeverity.ERROR, Map.of()))
        .isEqualTo(new Classification("SEV2", "enterprise-customers-hit"));
    assertThat(SeverityPolicy.Facts.of(EXAMPLE, "search").paymentPath()).isFalse();
  }

  @Test
  void alertLabelsDecideToo() {
    assertThat(classify(EXAMPLE, "job-workers", AlertSeverity.ERROR, Map.of()))
        .isEqualTo(new Classification("SEV3", SeverityPolicy.DEFAULT_RULE));
    assertThat(classify(EXAMPLE, "job-workers", AlertSeverity.ERROR, Map.of("data_loss", "true")))
        .isEqualTo(new Classification("SEV1", "data-at-risk"));
    assertThat(classify(EXAMPLE, "job-workers", AlertSeverity.ERROR, Map.of("data_loss", "false")).rule())
        .isEqualTo(SeverityPolicy.DEFAULT_RULE);
  }

  @Test
  void theMonitoringOfTheMonitoringPagesAtOnce() {
    // If Alertmanager stops delivering, nothing else pages: its dead man's switch must not wait for support hours.
    Catalog.Service monitoring = EXAMPLE.service("monitoring").orElseThrow();
    assertThat(monitoring.heartbeats()).isNotEmpty().allSatisfy(heartbeat -> {
      Classification c = classify(EXAMPLE, "monitoring", AlertSeverity.parse(heartbeat.severityOrDefault()),
          Map.of("service", "monitoring", "heartbeat", heartbeat.name()));
      assertThat(EXAMPLE.incidentPolicyOrDefault().severity(c.severity()).orElseThrow().pagingOrDefault())
          .as("%s/%s is %s by rule %s", "monitoring", heartbeat.name(), c.severity(), c.rule())
          .isEqualTo(Catalog.Paging.ALWAYS);
    });
  }

  static final String SMALL = """
      version: 1
      teams: [{name: t}]
      services:
        - name: edge
          team: t
          tier: 2
          impact: {user_share: 40}
        - name: ledger
          team: t
          tier: 3
          impact: {data_integrity: true, regulatory: true}
        - name: app
          team: t
          tier: 4
          depends_on: [edge]
          impact: {user_share: 75}
      incident_policy:
        severities:
          - name: P1
          - name: P2
          - name: P3
            paging: business-hours
          - name: P4
            paging: never
        rules:
          - name: tier-two
            severity: P2
            tiers: [2]
            min_user_share: 80
          - name: wide
            severity: P1
            min_user_share: 75
          - name: regulated-ledger
            severity: P2
            regulatory: true
            data_integrity: true
            services: [ledger]
          - name: not-regulated
            severity: P3
            regulatory: false
            labels: {team: ops, env: prod}
      """;

  @Test
  void eachConditionHoldsOnlyWhenItShould() {
    Catalog c = TestCatalogs.load(SMALL);
    // edge: tier 2, but the largest share among edge and app is 75, below tier-two's 80; 'wide' matches.
    assertThat(classify(c, "edge", AlertSeverity.ERROR, Map.of())).isEqualTo(new Classification("P1", "wide"));
    // app alone: tier 4, share 75.
    assertThat(classify(c, "app", AlertSeverity.ERROR, Map.of())).isEqualTo(new Classification("P1", "wide"));
    assertThat(classify(c, "ledger", AlertSeverity.ERROR, Map.of()))
        .isEqualTo(new Classification("P2", "regulated-ledger"));
    // not-regulated needs both labels; without a match the default is the mildest severity that pages.
    assertThat(classify(c, "ledger", AlertSeverity.ERROR, Map.of("team", "ops", "env", "prod")).severity())
        .isEqualTo("P2");
    Catalog.SeverityRule notRegulated = c.incidentPolicy().rules().get(3);
    SeverityPolicy.Facts plain = new SeverityPolicy.Facts("x", 4, 0, 0, false, false, false);
    assertThat(SeverityPolicy.matches(notRegulated, plain, AlertSeverity.INFO, Map.of("team", "ops", "env", "prod")))
        .isTrue();
    assertThat(SeverityPolicy.matches(notRegulated, plain, AlertSeverity.INFO, Map.of("team", "ops"))).isFalse();
    assertThat(c.incidentPolicy().defaultSeverityOrDefault()).isEqualTo("P3");
  }

  @Test
  void minCustomersCountsContractsCoveringAffectedServices() {
    Catalog.SeverityRule rule = new Catalog.SeverityRule("two", "SEV1", null, null, 2, null, null, null, null, null,
        null);
    assertThat(SeverityPolicy.matches(rule, new SeverityPolicy.Facts("x", 1, 0, 1, false, false, false), null,
        Map.of())).isFalse();
    assertThat(SeverityPolicy.matches(rule, new SeverityPolicy.Facts("x", 1, 0, 2, false, false, false), null,
        Map.of())).isTrue();
  }

  @Test
  void withoutAPolicyCriticalAndErrorAlertsAreSev2AndTheRestSev3() {
    Catalog c = TestCatalogs.load("""
        version: 1
        teams: [{name: t}]
        services: [{name: s, team: t, tier: 1}]
        """);
    assertThat(c.incidentPolicy()).isNull();
    assertThat(classify(c, "s", AlertSeverity.CRITICAL, Map.of())).isEqualTo(new Classification("SEV2",
        "paging-alert"));
    assertThat(classify(c, "s", AlertSeverity.ERROR, Map.of()).severity()).isEqualTo("SEV2");
    assertThat(classify(c, "s", AlertSeverity.WARNING, Map.of())).isEqualTo(new Classification("SEV3", "default"));
    assertThat(classify(c, "s", AlertSeverity.INFO, Map.of()).severity()).isEqualTo("SEV3");
  }

  @Test
  void upgradesAreTowardsTheTopOfTheList() {
    Catalog.IncidentPolicy p = Catalog.IncidentPolicy.DEFAULT;
    assertThat(SeverityPolicy.isUpgrade(p, "SEV3", "SEV1")).isTrue();
    assertThat(SeverityPolicy.isUpgrade(p, "SEV1", "SEV2")).isFalse();
    assertThat(SeverityPolicy.isUpgrade(p, "SEV2", "SEV2")).isFalse();
    assertThat(SeverityPolicy.isUpgrade(p, null, "SEV4")).isTrue();
    assertThat(SeverityPolicy.isUpgrade(p, "SEV2", "P1")).isFalse();
  }
}
