package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.Catalog.BasicAuth;
import dev.vigil.catalog.Catalog.BurnRateRule;
import dev.vigil.catalog.Catalog.IncidentSli;
import dev.vigil.catalog.Catalog.ProbeSli;
import dev.vigil.catalog.Catalog.PrometheusSli;
import dev.vigil.catalog.Catalog.PrometheusSource;
import dev.vigil.catalog.Catalog.Service;
import dev.vigil.catalog.Catalog.Sli;
import dev.vigil.catalog.Catalog.Slo;
import dev.vigil.catalog.Catalog.SloAlerting;
import dev.vigil.catalog.Catalog.SloBudgeting;
import dev.vigil.catalog.Catalog.Timeslice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenSLO v1 read into Vigil's SLOs and written from them: the exact output, the round trip, and what is lost. */
class OpenSloTest {

  @Test
  void aRatioSloWithItsDataSource() {
    OpenSloImport imported = OpenSloImport.read("""
        apiVersion: openslo/v1
        kind: DataSource
        metadata:
          name: prom
        spec:
          type: Prometheus
          connectionDetails:
            url: http://prometheus:9090
            bearerToken: ${PROM_TOKEN}
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: checkout-availability
        spec:
          description: Checkouts that succeed
          service: payment
          indicator:
            metadata:
              name: checkout-errors
            spec:
              ratioMetric:
                counter: true
                bad:
                  metricSource:
                    metricSourceRef: prom
                    spec:
                      query: sum(rate(http_requests_total{job="payment",code=~"5.."}[5m]))
                total:
                  metricSource:
                    metricSourceRef: prom
                    spec:
                      query: sum(rate(http_requests_total{job="payment"}[5m]))
          timeWindow:
            - duration: 4w
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - target: 0.999
        """);

    assertThat(imported.lost()).isEmpty();
    assertThat(imported.vigilYaml()).isEqualTo("""
        prometheus:
          - name: prom
            url: http://prometheus:9090
            bearer_token: ${PROM_TOKEN}
        services:
          - name: payment
            slos:
              - name: checkout-availability
                description: Checkouts that succeed
                objective: 99.9
                window: 28d
                budgeting: occurrences
                sli:
                  prometheus:
                    source: prom
                    bad: sum(rate(http_requests_total{job="payment",code=~"5.."}[5m]))
                    total: sum(rate(http_requests_total{job="payment"}[5m]))
        """);
  }

  @Test
  void aThresholdSloByTimeslicesFromItsNamedSli() {
    OpenSloImport imported = OpenSloImport.read("""
        apiVersion: openslo/v1
        kind: SLI
        metadata:
          name: search-latency
        spec:
          thresholdMetric:
            metricSource:
              metricSourceRef: prom
              type: Prometheus
              spec:
                query: histogram_quantile(0.99, sum by (le) (rate(search_seconds_bucket[1m])))
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: search-p99
        spec:
          service: search
          indicatorRef: search-latency
          timeWindow:
            - duration: 7d
              isRolling: true
          budgetingMethod: Timeslices
          objectives:
            - op: lte
              value: 0.4
              targetPercent: 99.5
              timeSliceTarget: 0.95
              timeSliceWindow: 5
        """);

    assertThat(imported.lost()).isEmpty();
    assertThat(imported.slos()).isEqualTo(Map.of("search", List.of(new Slo("search-p99", null, 99.5, "7d", null,
        SloBudgeting.TIMESLICES, new Timeslice(Duration.ofMinutes(5), 95), null, List.of(), List.of(),
        new Sli(null, new PrometheusSli("prom", null, null, null, null, null,
            "histogram_quantile(0.99, sum by (le) (rate(search_seconds_bucket[1m])))", 0.4, null), null)))));
    assertThat(imported.vigilYaml()).endsWith("""
                budgeting: timeslices
                timeslice:
                  length: 5m
                  objective: 95
                sli:
                  prometheus:
                    source: prom
                    query: histogram_quantile(0.99, sum by (le) (rate(search_seconds_bucket[1m])))
                    good_at_most: 0.4
        """);
  }

  @Test
  void aCalendarMonthInItsZone() {
    OpenSloImport imported = OpenSloImport.read(ratioSlo("api-month", """
          timeWindow:
            - duration: 1M
              isRolling: false
              calendar:
                startTime: 2026-01-01 00:00:00
                timeZone: Europe/Paris
        """));

    assertThat(imported.lost()).isEmpty();
    Slo slo = imported.slos().get("api").getFirst();
    assertThat(slo.window()).isEqualTo("month");
    assertThat(slo.timeZone()).isEqualTo("Europe/Paris");
    assertThat(imported.vigilYaml()).contains("""
                objective: 99.95
                window: month
                time_zone: Europe/Paris
        """);
  }

  @Test
  void aProbeSloExportsAsVigilsOwnSourceAndComesBack() {
    Slo slo = new Slo("home-fast", "The home page answers within 300 ms", 99, "28d", null, SloBudgeting.OCCURRENCES,
        null, SloAlerting.TICKET, List.of(new BurnRateRule(SloAlerting.TICKET, 2, Duration.ofHours(6),
            Duration.ofMinutes(30))), List.of(), new Sli(new ProbeSli("home", Duration.ofMillis(300)), null, null));

    OpenSloExport exported = OpenSloExport.of(catalog(List.of(), service("web", slo)));

    assertThat(exported.yaml()).isEqualTo("""
        apiVersion: openslo/v1
        kind: Service
        metadata:
          name: web
        spec: {}
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: home-fast
          annotations:
            vigil.dev/alerting: ticket
        spec:
          description: The home page answers within 300 ms
          service: web
          indicator:
            metadata:
              name: home-fast
            spec:
              ratioMetric:
                counter: true
                good:
                  metricSource:
                    type: vigil-probe
                    spec:
                      probe: home
                      latencyBelow: 300ms
                total:
                  metricSource:
                    type: vigil-probe
                    spec:
                      probe: home
          timeWindow:
            - duration: 28d
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - target: 0.99
          alertPolicies:
            - home-fast-burn-rate-1
        ---
        apiVersion: openslo/v1
        kind: AlertPolicy
        metadata:
          name: home-fast-burn-rate-1
        spec:
          alertWhenNoData: false
          alertWhenBreaching: true
          alertWhenResolved: true
          conditions:
            - kind: AlertCondition
              metadata:
                name: home-fast-burn-rate-1
                annotations:
                  vigil.dev/short-window: 30m
              spec:
                severity: ticket
                condition:
                  kind: burnrate
                  threshold: 2
                  lookbackWindow: 6h
                  alertAfter: 0m
          notificationTargets:
            - targetRef: vigil
        ---
        apiVersion: openslo/v1
        kind: AlertNotificationTarget
        metadata:
          name: vigil
        spec:
          description: Vigil pages through the service's escalation policy
          target: vigil
        """);
    assertThat(exported.lost()).containsExactly("SLO home-fast: spec.indicator: reads Vigil's probe 'home'"
        + " (metricSource type vigil-probe), which only Vigil reads back");
    OpenSloImport back = OpenSloImport.read(exported.yaml());
    assertThat(back.lost()).isEmpty();
    assertThat(back.slos()).isEqualTo(Map.of("web", List.of(slo)));
  }

  @Test
  void everySloOfTheCatalogComesBackEqual() {
    List<Slo> slos = List.of(
        new Slo("api-ratio", "Requests that succeed", 99.9, "30d", null, SloBudgeting.OCCURRENCES, null, null,
            List.of(), List.of(50.0, 90.0), new Sli(null, new PrometheusSli("prom", "sum(ok)", null, "sum(all)",
                null, null, null, null, null), null)),
        new Slo("api-up", null, 99.5, "quarter", "America/New_York", SloBudgeting.TIMESLICES,
            new Timeslice(Duration.ofMinutes(1), 100), SloAlerting.NONE, List.of(), List.of(),
            new Sli(null, new PrometheusSli("prom", null, null, null, null, null, "up{job=\"api\"}", null, null),
                null)),
        new Slo("api-errors", null, 98, "week", null, SloBudgeting.TIMESLICES,
            new Timeslice(Duration.ofMinutes(10), 90), SloAlerting.PAGE, List.of(), List.of(),
            new Sli(null, new PrometheusSli("prom", null, null, null, null, null, "error_ratio", null, 0.1), null)),
        new Slo("api-incidents", null, 99.95, "month", null, SloBudgeting.OCCURRENCES, null, null, List.of(),
            List.of(), new Sli(null, null, new IncidentSli(List.of("critical", "major")))));
    PrometheusSource prom = new PrometheusSource("prom", "https://prom.example/", "${PROM_TOKEN}", null,
        Duration.ofSeconds(5));

    OpenSloImport back = OpenSloImport.read(OpenSloExport.of(catalog(List.of(prom), service("api", slos)))
        .yaml());

    assertThat(back.lost()).isEmpty();
    assertThat(back.sources()).containsExactly(prom);
    assertThat(back.slos()).isEqualTo(Map.of("api", slos));
  }

  @Test
  void aCredentialWrittenOutIsNeverExported() {
    PrometheusSource prom = new PrometheusSource("prom", "https://prom.example/", null,
        new BasicAuth("vigil", "s3cret"), null);

    OpenSloExport exported = OpenSloExport.of(catalog(List.of(prom)));

    assertThat(exported.yaml()).doesNotContain("s3cret").contains("username: vigil");
    assertThat(exported.lost()).containsExactly("DataSource prom: spec.connectionDetails.password a credential is"
        + " never exported; left out, give it to the tool that reads this file");
  }

  @Test
  void whatVigilLacksIsNamedByDocumentAndField() {
    OpenSloImport imported = OpenSloImport.read("""
        - apiVersion: openslo/v1
          kind: SLO
          metadata:
            name: web-availability
            displayName: SLO for web availability
          spec:
            service: web
            indicator:
              metadata:
                name: web-ratio
              spec:
                ratioMetric:
                  counter: true
                  good:
                    metricSource:
                      type: Datadog
                      spec:
                        query: sum:hits{ok}
                  total:
                    metricSource:
                      type: Datadog
                      spec:
                        query: sum:hits{*}
            timeWindow:
              - duration: 1w
                calendar:
                  startTime: 2022-01-01 12:00:00
                  timeZone: America/New_York
            budgetingMethod: RatioTimeslices
            objectives:
              - displayName: Good
                op: gt
                value: 1
                target: 0.995
              - target: 0.99
        - apiVersion: openslo/v1
          kind: BudgetAdjustment
          metadata:
            name: maintenance
          spec: {}
        """);

    assertThat(imported.slos()).isEmpty();
    assertThat(imported.lost()).containsExactly(
        "BudgetAdjustment maintenance: kind: BudgetAdjustment is not a kind Vigil reads; left out",
        "SLO web-availability: metadata.displayName: Vigil names things by their name alone",
        "SLO web-availability: spec.timeWindow[0].calendar.startTime: Vigil's weeks start at midnight on Monday;"
            + " this start is not kept",
        "SLO web-availability: spec.budgetingMethod: Vigil has no RatioTimeslices budgeting; the SLO is left out",
        "SLO web-availability: spec.objectives[1]: Vigil keeps one objective per SLO; left out",
        "SLO web-availability: spec.objectives[0].displayName: Vigil names an objective by its SLO",
        "SLO web-availability: spec.objectives[0].op: op and value judge a thresholdMetric, not a ratio",
        "SLO web-availability: spec.objectives[0].value: op and value judge a thresholdMetric, not a ratio",
        "SLO web-availability: spec.indicator.spec.ratioMetric.good.metricSource: Datadog is not a source Vigil"
            + " reads; the SLO is left out");
  }

  @Test
  void anInvalidDocumentIsNamedWithItsLineAndField() {
    assertThatThrownBy(() -> OpenSloImport.read(ratioSlo("api-month", """
          timeWindow:
            - duration: 28d
        """).replace("target: 0.9995", "target: 1.5")))
        .isInstanceOf(OpenSloException.class)
        .hasMessage("document 1 (SLO api-month), line 29: spec.objectives[0].target: expected a target above 0"
            + " and below 1, got 1.5");
    assertThatThrownBy(() -> OpenSloImport.read("apiVersion: openslo/v1alpha\nkind: SLO\nmetadata: {name: a}\n"))
        .hasMessage("document 1 (SLO a), line 1: apiVersion: expected openslo/v1, got 'openslo/v1alpha'");
  }

  private static String ratioSlo(String name, String window) {
    return """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: %s
        spec:
          service: api
          indicator:
            metadata:
              name: api-ratio
            spec:
              ratioMetric:
                counter: true
                good:
                  metricSource:
                    metricSourceRef: prom
                    type: Prometheus
                    spec:
                      query: sum(ok)
                total:
                  metricSource:
                    metricSourceRef: prom
                    type: Prometheus
                    spec:
                      query: sum(all)
        %s  budgetingMethod: Occurrences
          objectives:
            - target: 0.9995
        """.formatted(name, window);
  }

  private static Service service(String name, Slo... slos) {
    return service(name, List.of(slos));
  }

  private static Service service(String name, List<Slo> slos) {
    return new Service(name, null, "ops", 1, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, slos, null);
  }

  private static Catalog catalog(List<PrometheusSource> prometheus, Service... services) {
    return new Catalog(1, List.of(), List.of(), List.of(services), List.of(), List.of(), List.of(), List.of(), null,
        List.of(), prometheus);
  }
}
