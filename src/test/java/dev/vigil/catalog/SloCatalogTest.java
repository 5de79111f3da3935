package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SLOs, Prometheus sources and contract fees in vigil.yaml: what binds, and every mistake at its FILE:LINE:COL. */
class SloCatalogTest {

  private static final String HEAD = """
      version: 1
      teams: [{name: ops}]
      prometheus:
        - name: metrics
          url: http://prometheus:9090
          bearer_token: ${PROM_TOKEN}
          timeout: 5s
      services:
        - name: api
          team: ops
          tier: 3
          error_budget_policy: require-approval
          probes:
            - name: health
              kind: tcp
              tcp: {host: 127.0.0.1, port: 1}
        - name: web
          team: ops
          tier: 3
          probes:
            - name: home
              kind: tcp
              tcp: {host: 127.0.0.1, port: 2}
          slos:
      """;

  private static LoadResult load(String yaml) {
    return CatalogLoader.withEnvironment(k -> k.equals("PROM_TOKEN") ? "t0ken" : null).load("v.yaml", yaml);
  }

  private static List<String> errors(String yaml) {
    return load(yaml).errors().stream().map(Problem::format).toList();
  }

  @Test
  void everyKindOfSliBindsWithItsSettings() {
    LoadResult result = load(HEAD + """
            - name: web-availability
              description: Home page answers
              objective: 99.9
              window: 28d
              sli: {probe: {probe: home}}
            - name: web-latency
              objective: 99
              window: month
              time_zone: Europe/Paris
              alerting: ticket
              burn_rate_rules:
                - {response: page, burn_rate: 14.4, long_window: 1h, short_window: 5m}
              budget_thresholds: [25, 50, 100]
              sli: {probe: {probe: home, latency_below: 300ms}}
            - name: web-ratio
              objective: 99.5
              window: 7d
              sli: {prometheus: {source: metrics, bad: 'http_requests_total{code=~"5.."}', total: http_requests_total}}
            - name: web-histogram
              objective: 95
              window: week
              sli: {prometheus: {source: metrics, histogram: http_request_duration_seconds, latency_below: 250ms}}
            - name: web-slices
              objective: 99
              window: quarter
              budgeting: timeslices
              timeslice: {length: 5m, objective: 95}
              sli: {prometheus: {source: metrics, query: 'up{job="web"}', good_at_least: 1}}
            - name: web-incidents
              objective: 99.95
              window: 30d
              alerting: none
              sli: {incidents: {severities: [SEV1, SEV2]}}
        customers:
          - name: Fleetline
            contracts:
              - name: Enterprise
                services: [web]
                availability: 99.9
                period: monthly
                slo: web-incidents
                fee: 12000.50
                currency: EUR
        """);

    assertThat(result.problems()).isEmpty();
    Catalog catalog = result.catalog();
    assertThat(catalog.prometheus()).containsExactly(
        new Catalog.PrometheusSource("metrics", "http://prometheus:9090", "t0ken", null, Duration.ofSeconds(5)));
    assertThat(catalog.service("api").orElseThrow().errorBudgetPolicyOrDefault())
        .isEqualTo(Catalog.ErrorBudgetPolicy.REQUIRE_APPROVAL);
    Catalog.Service web = catalog.service("web").orElseThrow();
    assertThat(web.errorBudgetPolicyOrDefault()).isEqualTo(Catalog.ErrorBudgetPolicy.NOTIFY);
    assertThat(web.slos()).extracting(Catalog.Slo::name).containsExactly("web-availability", "web-latency",
        "web-ratio", "web-histogram", "web-slices", "web-incidents");

    assertThat(catalog.slo("web-availability").orElseThrow()).isEqualTo(new Catalog.Slo("web-availability",
        "Home page answers", 99.9, "28d", null, null, null, null, List.of(), List.of(),
        new Catalog.Sli(new Catalog.ProbeSli("home", null), null, null)));
    Catalog.Slo latency = catalog.slo("web-latency").orElseThrow();
    assertThat(latency.zone()).hasToString("Europe/Paris");
    assertThat(latency.alertingOrDefault()).isEqualTo(Catalog.SloAlerting.TICKET);
    assertThat(latency.burnRateRules()).containsExactly(new Catalog.BurnRateRule(Catalog.SloAlerting.PAGE, 14.4,
        Duration.ofHours(1), Duration.ofMinutes(5)));
    assertThat(latency.budgetThresholds()).containsExactly(25.0, 50.0, 100.0);
    assertThat(latency.sli().probe().latencyBelow()).isEqualTo(Duration.ofMillis(300));
    assertThat(catalog.slo("web-ratio").orElseThrow().sli().prometheus()).isEqualTo(new Catalog.PrometheusSli(
        "metrics", null, "http_requests_total{code=~\"5..\"}", "http_requests_total", null, null, null, null, null));
    assertThat(catalog.slo("web-histogram").orElseThrow().sli().prometheus().latencyBelow())
        .isEqualTo(Duration.ofMillis(250));
    Catalog.Slo slices = catalog.slo("web-slices").orElseThrow();
    assertThat(slices.budgetingOrDefault()).isEqualTo(Catalog.SloBudgeting.TIMESLICES);
    assertThat(slices.timeslice()).isEqualTo(new Catalog.Timeslice(Duration.ofMinutes(5), 95));
    assertThat(slices.sli().prometheus().query()).isEqualTo("up{job=\"web\"}");
    assertThat(slices.sli().prometheus().goodAtLeast()).isEqualTo(1.0);
    assertThat(catalog.slo("web-incidents").orElseThrow().sli().incidents().severities())
        .containsExactly("SEV1", "SEV2");

    Catalog.Contract contract = catalog.customers().getFirst().contracts().getFirst();
    assertThat(contract.slo()).isEqualTo("web-incidents");
    assertThat(contract.fee()).isEqualByComparingTo(new BigDecimal("12000.50"));
    assertThat(contract.currency()).isEqualTo("EUR");
  }

  @Test
  void badSliReferencesAreErrorsWhereWritten() {
    assertThat(errors(HEAD + """
            - name: unknown-probe
              objective: 99
              window: 28d
              sli: {probe: {probe: hom}}
            - name: other-service-probe
              objective: 99
              window: 28d
              sli: {probe: {probe: health}}
            - name: unknown-source
              objective: 99
              window: 28d
              sli: {prometheus: {source: metric, good: ok_total, total: all_total}}
            - name: unknown-severity
              objective: 99
              window: 28d
              sli: {incidents: {severities: [SEV1, SEV9]}}
        """)).containsExactly(
        "v.yaml:28:28: service 'web' has no probe 'hom' (did you mean 'home'?); its probes are home",
        "v.yaml:32:28: probe 'health' belongs to service 'api'; an SLO of service 'web' reads one of that service's"
            + " own probes: home",
        "v.yaml:36:34: undefined Prometheus source 'metric' (did you mean 'metrics'?)",
        "v.yaml:40:44: undefined severity 'SEV9' (did you mean 'SEV1'?); the policy's severities are SEV1, SEV2,"
            + " SEV3, SEV4");
  }

  @Test
  void badWindowsObjectivesAndBudgetingAreErrorsWhereWritten() {
    assertThat(errors(HEAD + """
            - name: bad-window
              objective: 99
              window: 4w
              sli: {probe: {probe: home}}
            - name: all-or-nothing
              objective: 100
              window: 28d
              sli: {probe: {probe: home}}
            - name: slices-without-slice
              objective: 99
              window: 28d
              budgeting: timeslices
              sli: {probe: {probe: home}}
            - name: query-without-slices
              objective: 99
              window: 28d
              sli: {prometheus: {source: metrics, query: 'up'}}
        """)).containsExactly(
        "v.yaml:27:15: invalid window '4w': expected a rolling window of 1d to 400d, such as 28d, or a calendar week,"
            + " month or quarter",
        "v.yaml:30:18: objective must be greater than 0 and less than 100, got '100'",
        "v.yaml:33:7: missing required field 'timeslice' in SLO 'slices-without-slice' (required when budgeting is"
            + " timeslices)",
        "v.yaml:41:43: 'query' is only allowed when budgeting is timeslices; SLO 'query-without-slices' is budgeted"
            + " by occurrences");
  }

  @Test
  void sloNamesAreUniqueAcrossServices() {
    assertThat(errors(HEAD.replace("    error_budget_policy: require-approval\n", "    error_budget_policy: require-approval\n"
        + "    slos: [{name: availability, objective: 99, window: 28d, sli: {probe: {probe: health}}}]\n") + """
            - {name: availability, objective: 99, window: 28d, sli: {probe: {probe: home}}}
        """)).containsExactly(
        "v.yaml:26:14: duplicate SLO name 'availability' (first declared at line 13)");
  }

  @Test
  void contractsNameAnSloTheyCoverAndACurrencyWithTheirFee() {
    assertThat(errors(HEAD + """
            - {name: web-availability, objective: 99, window: 28d, sli: {probe: {probe: home}}}
        customers:
          - name: Fleetline
            contracts:
              - name: Uncovered
                services: [api]
                availability: 99.9
                period: monthly
                slo: web-availability
              - name: No currency
                services: [web]
                availability: 99.9
                period: monthly
                fee: 1000
              - name: Bad currency
                services: [web]
                availability: 99.9
                period: monthly
                fee: 1000
                currency: XYZ
              - name: Lower case
                services: [web]
                availability: 99.9
                period: monthly
                fee: 1000
                currency: eur
        """)).containsExactly(
        "v.yaml:33:14: SLO 'web-availability' belongs to service 'web', which contract 'Uncovered' does not cover; it"
            + " covers api",
        "v.yaml:34:9: missing required field 'currency' in contract 'No currency' (required with 'fee')",
        "v.yaml:44:19: unknown currency 'XYZ': expected an ISO 4217 currency code such as EUR",
        "v.yaml:50:19: invalid currency 'eur': expected an ISO 4217 currency code such as EUR");
  }

  @Test
  void aPrometheusSourceSendsOneKindOfCredentials() {
    LoadResult result = load("""
        version: 1
        prometheus:
          - name: metrics
            url: https://prometheus.example.com
            bearer_token: ${PROM_TOKEN}
            basic_auth: {username: vigil, password: '${PROM_TOKEN}'}
          - name: plain
            url: ftp://prometheus
        """);

    assertThat(result.errors().stream().map(Problem::format)).containsExactly(
        "v.yaml:3:5: Prometheus source 'metrics' sets 'bearer_token' and 'basic_auth'; set only one of them",
        "v.yaml:8:10: invalid url 'ftp://prometheus': expected an http:// or https:// URL");
  }
}
