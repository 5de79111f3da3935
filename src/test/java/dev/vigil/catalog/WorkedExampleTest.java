package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The worked example that {@code vigil demo} runs validates cleanly and models the whole marketplace. */
class WorkedExampleTest {

  final LoadResult result = CatalogLoader.withEnvironment(k -> null)
      .load(Path.of("examples/smuvdrive/vigil.yaml"));

  @Test
  void validatesWithoutErrorsOrWarnings() {
    assertThat(result.problems()).isEmpty();
    assertThat(result.ok()).isTrue();
  }

  @Test
  void shipsARunbookForEachOfItsFailureScenarios() {
    Catalog c = result.catalog();
    assertThat(c.services().stream().filter(s -> s.runbook() != null)
        .collect(java.util.stream.Collectors.toMap(Catalog.Service::name, s -> s.runbook().markdown().lines()
            .findFirst().orElseThrow()))).containsOnly(
        java.util.Map.entry("postgres-primary", "# PostgreSQL primary down"),
        java.util.Map.entry("postgres-standby", "# PostgreSQL standby lagging"),
        java.util.Map.entry("elasticsearch", "# Elasticsearch red"),
        java.util.Map.entry("payment-processor", "# Payment processor declining"),
        java.util.Map.entry("api", "# One availability zone lost"),
        java.util.Map.entry("cache", "# Cache down"),
        java.util.Map.entry("gateway", "# Gateway answering errors"));
    for (Catalog.Service s : c.services()) {
      if (s.runbook() != null) {
        assertThat(dev.vigil.web.MarkdownHtml.anchors(s.runbook().markdown())).as(s.name())
            .contains("how-it-is-detected", "the-first-five-minutes", "who-to-escalate-to", "how-to-know-it-is-over");
      }
    }
    assertThat(c.service("postgres-primary").orElseThrow().runbook().markdown())
        .contains("RTO 30 min").contains("RPO 5 min").contains("pg_promote()");
  }

  @Test
  void modelsEveryPartOfTheMarketplace() {
    Catalog c = result.catalog();
    assertThat(c.services()).extracting(s -> s.kind().value()).contains("gateway", "postgres", "elasticsearch",
        "http-service", "worker", "web", "redis", "external");
    assertThat(c.service("postgres-standby").orElseThrow().dependsOn()).containsExactly("postgres-primary");
    assertThat(c.service("payment").orElseThrow().dependsOn()).contains("payment-processor");
    assertThat(c.service("payment-processor").orElseThrow().kind()).isEqualTo(Catalog.ServiceKind.EXTERNAL);
    Set<String> zones = c.services().stream().flatMap(s -> s.tags().entrySet().stream())
        .filter(e -> e.getKey().startsWith("zone")).flatMap(e -> Set.of(e.getValue().split(",")).stream())
        .collect(Collectors.toSet());
    assertThat(zones).containsExactlyInAnyOrder("eu-west-1a", "eu-west-1b");
    assertThat(c.services()).allSatisfy(s -> {
      assertThat(s.rto()).as("RTO of %s", s.name()).isNotNull();
      assertThat(s.escalationPolicy()).as("policy of %s", s.name()).isNotNull();
    });
    assertThat(c.services()).extracting(Catalog.Service::tier).contains(1, 2, 3);
    assertThat(c.customers()).hasSize(2).allSatisfy(cu -> assertThat(cu.contracts()).isNotEmpty());
    assertThat(c.integrations()).extracting(Catalog.Integration::type)
        .contains(Catalog.IntegrationType.ALERTMANAGER, Catalog.IntegrationType.PAGERDUTY);
  }

  /** Availability on the probes the demo's simulation drives, so that a switched fault burns a budget anyone sees. */
  @Test
  void promisesObjectivesOnTheProbesTheDemoDrivesAndCountsCreditsInEuros() {
    Catalog c = result.catalog();
    for (String service : java.util.List.of("gateway", "api", "search", "payment")) {
      assertThat(c.service(service).orElseThrow().slos()).as(service)
          .anySatisfy(slo -> assertThat(slo.sli().probe()).isEqualTo(new Catalog.ProbeSli("health", null)));
    }
    assertThat(c.slo("api-latency").orElseThrow().sli().probe().latencyBelow())
        .isEqualTo(java.time.Duration.ofMillis(300));
    assertThat(c.slo("api-availability").orElseThrow().window()).isEqualTo("28d");
    Catalog.Slo payments = c.slo("payment-availability").orElseThrow();
    assertThat(payments.window()).isEqualTo("month");
    assertThat(payments.zone()).hasToString("Europe/Paris");
    assertThat(c.slo("payment-incidents").orElseThrow().sli().incidents().severities()).containsExactly("SEV1", "SEV2");
    assertThat(c.service("payment").orElseThrow().errorBudgetPolicy())
        .isEqualTo(Catalog.ErrorBudgetPolicy.FREEZE_DEPLOYS);
    assertThat(c.service("api").orElseThrow().errorBudgetPolicy())
        .isEqualTo(Catalog.ErrorBudgetPolicy.REQUIRE_APPROVAL);
    assertThat(c.customers()).flatExtracting(Catalog.Customer::contracts).allSatisfy(contract -> {
      assertThat(contract.fee()).as(contract.name()).isPositive();
      assertThat(contract.currency()).isEqualTo("EUR");
    });
    assertThat(c.customers().getFirst().contracts().getFirst().slo()).isEqualTo("payment-incidents");
  }

  @Test
  void runsItsIncidentsByPolicy() {
    Catalog c = result.catalog();
    assertThat(c.incidentPolicy()).isNotNull();
    assertThat(c.incidentPolicy().severitiesOrDefault()).extracting(Catalog.SeverityLevel::name)
        .containsExactly("SEV1", "SEV2", "SEV3", "SEV4");
    assertThat(c.services().stream().filter(s -> s.dependsOn().contains("postgres-primary")).map(Catalog.Service::name))
        .containsExactlyInAnyOrder("api", "search", "payment", "job-workers", "postgres-standby");
    assertThat(c.service("postgres-primary").orElseThrow().team()).isEqualTo("database");
    assertThat(c.service("postgres-standby").orElseThrow().team()).isEqualTo("database");
    assertThat(c.customers()).allSatisfy(cu -> assertThat(cu.contacts()).isNotEmpty());
    assertThat(c.escalationPolicies().stream().filter(p -> p.name().equals("database")).findFirst().orElseThrow()
        .managementStep()).isNotNull();
    assertThat(c.services()).anyMatch(s -> !s.subscribers().isEmpty()).anyMatch(s -> !s.correlatesUpstream())
        .anyMatch(s -> s.impactOrNone().onPaymentPath());
  }
}
