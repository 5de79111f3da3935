package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SLOs and Prometheus sources stored and read back: applied from a file and written through the API, their changes in
 * plans by path with credentials never shown.
 */
@IntegrationTest
class SloCatalogIT {

  static final String SOURCE = "/etc/vigil/vigil.yaml";
  static final String TOKEN = "prometheus-bearer-token-1";

  static final String FILE = """
      version: 1
      teams: [{name: platform}]
      prometheus:
        - name: metrics
          url: http://prometheus.internal:9090
          bearer_token: ${PROM_TOKEN}
        - name: thanos
          url: https://thanos.internal
          basic_auth: {username: vigil, password: '${PROM_TOKEN}'}
          timeout: 20s
      services:
        - name: api
          team: platform
          tier: 2
          kind: http-service
          error_budget_policy: freeze-deploys
          probes:
            - {name: health, kind: tcp, tcp: {host: 127.0.0.1, port: 1}}
          slos:
            - name: api-availability
              objective: 99.9
              window: 28d
              sli: {probe: {probe: health}}
            - name: api-errors
              objective: 99.5
              window: month
              time_zone: Europe/Paris
              burn_rate_rules: [{response: page, burn_rate: 14.4, long_window: 1h, short_window: 5m}]
              sli: {prometheus: {source: metrics, bad: 'errors_total', total: 'requests_total'}}
            - name: api-incidents
              objective: 99.95
              window: quarter
              budgeting: timeslices
              timeslice: {length: 1m, objective: 99}
              sli: {incidents: {severities: [SEV1]}}
      customers:
        - name: Fleetline
          contracts:
            - name: Enterprise
              services: [api]
              availability: 99.9
              period: monthly
              slo: api-incidents
              fee: 15000
              currency: EUR
      """;

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired CatalogQueries queries;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void emptyCatalog() {
    TestCatalogs.reset(jdbc);
  }

  private static Catalog load(String yaml, String token) {
    LoadResult result = CatalogLoader.withEnvironment(k -> k.equals("PROM_TOKEN") ? token : null)
        .load("vigil.yaml", yaml);
    assertThat(result.ok()).as("%s", result.problems()).isTrue();
    return result.catalog();
  }

  @Test
  void anAppliedCatalogReadsBackWithItsSlosSourcesAndFees() {
    Catalog declared = load(FILE, TOKEN);

    catalog.apply(declared, SOURCE, "sha-1");

    Catalog stored = queries.catalog();
    assertThat(stored.prometheus()).isEqualTo(declared.prometheus());
    assertThat(stored.prometheusSource("thanos").orElseThrow().basicAuth())
        .isEqualTo(new Catalog.BasicAuth("vigil", TOKEN));
    Catalog.Service api = stored.service("api").orElseThrow();
    assertThat(api.slos()).isEqualTo(declared.service("api").orElseThrow().slos());
    assertThat(api.errorBudgetPolicy()).isEqualTo(Catalog.ErrorBudgetPolicy.FREEZE_DEPLOYS);
    assertThat(stored.slo("api-incidents").orElseThrow().timeslice())
        .isEqualTo(new Catalog.Timeslice(java.time.Duration.ofMinutes(1), 99));
    Catalog.Contract contract = stored.customers().getFirst().contracts().getFirst();
    assertThat(contract.slo()).isEqualTo("api-incidents");
    assertThat(contract.fee()).isEqualByComparingTo(new BigDecimal("15000"));
    assertThat(contract.currency()).isEqualTo("EUR");
    assertThat(catalog.plan(load(FILE, TOKEN), SOURCE).empty()).as("a second apply changes nothing").isTrue();
  }

  @Test
  void plansShowSloChangesByPathAndNeverTheCredentials() {
    catalog.apply(load(FILE, TOKEN), SOURCE, "sha-1");
    String rotated = "prometheus-bearer-token-2";

    Plan plan = catalog.apply(load(FILE.replace("objective: 99.9\n", "objective: 99.5\n")
        .replace("url: https://thanos.internal", "url: https://thanos.example.com"), rotated), SOURCE, "sha-2");

    assertThat(plan.render()).contains(
        "~ service api\n      slos[api-availability].objective: 99.9 -> 99.5\n",
        "~ Prometheus source metrics\n      bearer_token: changed\n",
        "~ Prometheus source thanos\n      basic_auth.password: changed\n"
            + "      url: https://thanos.internal -> https://thanos.example.com\n",
        "Plan: 0 to create, 3 to update, 0 to delete.")
        .doesNotContain(TOKEN).doesNotContain(rotated);
    assertThat(queries.catalog().prometheusSource("metrics").orElseThrow().bearerToken()).isEqualTo(rotated);
  }

  @Test
  void theApiAcceptsAndChecksSlosLikeTheFile() {
    catalog.apply(load(FILE, TOKEN), SOURCE, "sha-1");
    Api api = new Api(port);
    String service = """
        {"team": "platform", "tier": 3, "kind": "worker", "errorBudgetPolicy": "require-approval",
         "probes": [{"name": "ping", "kind": "tcp", "tcp": {"host": "127.0.0.1", "port": 2}}],
         "slos": [{"name": "reporting-availability", "objective": 99, "window": "7d",
                   "sli": {"probe": {"probe": "%s", "latency_below": "250ms"}}}]}""";

    Api.Response created = api.put("/api/v1/services/reporting", IntegrationTest.ADMIN_TOKEN,
        service.formatted("ping"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Catalog.Service reporting = queries.catalog().service("reporting").orElseThrow();
    assertThat(reporting.errorBudgetPolicy()).isEqualTo(Catalog.ErrorBudgetPolicy.REQUIRE_APPROVAL);
    assertThat(reporting.slos()).containsExactly(new Catalog.Slo("reporting-availability", null, 99, "7d", null,
        null, null, null, java.util.List.of(), java.util.List.of(),
        new Catalog.Sli(new Catalog.ProbeSli("ping", java.time.Duration.ofMillis(250)), null, null)));

    Api.Response refused = api.put("/api/v1/services/reporting", IntegrationTest.ADMIN_TOKEN,
        service.formatted("health").replace("reporting-availability", "api-availability"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asString()).contains(
        "slos[0].name: duplicate SLO name 'api-availability' (first declared at service 'api' slos[0].name)",
        "slos[0].sli.probe.probe: probe 'health' belongs to service 'api'; an SLO of service 'reporting' reads one"
            + " of that service's own probes: ping");
  }
}
