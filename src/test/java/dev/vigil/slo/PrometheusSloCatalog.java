package dev.vigil.slo;

import dev.vigil.TestCatalogs;
import dev.vigil.TestJobs;
import dev.vigil.catalog.CatalogService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalog of the tests of Prometheus-backed SLOs: one service with one SLO read from one Prometheus source, Ana
 * paged by its escalation policy and Bo, the owning team, told of budget thresholds, so that a page never waits
 * behind a notice to the same address.
 */
final class PrometheusSloCatalog {

  private PrometheusSloCatalog() {}

  /** Applies the catalog with source {@code source} at {@code url} and service {@code service} declaring {@code slo}. */
  static void apply(CatalogService catalog, JdbcClient jdbc, String source, String url, String service, String slo) {
    String indented = slo.strip().indent(6).stripTrailing();
    catalog.apply(TestCatalogs.load("""
        version: 1
        teams: [{name: %2$s, members: [bo]}]
        users:
          - name: ana
            email: ana@example.com
            contact_methods: [{type: email, address: ana@example.com}]
          - name: bo
            email: bo@example.com
            contact_methods: [{type: email, address: bo@example.com}]
        escalation_policies:
          - name: %2$s
            steps: [{delay: 5m, targets: [{user: ana}]}]
        prometheus:
          - {name: %1$s, url: "%3$s", timeout: 5s}
        services:
          - name: %2$s
            team: %2$s
            tier: 1
            escalation_policy: %2$s
            slos:
        %4$s
        """.formatted(source, service, url, indented)), "/etc/vigil.yaml", "prometheus-slo");
    TestJobs.quiesce(jdbc, SloJobs.TASK);
  }

  /** Empties the catalog, incidents and SLO state between tests of the shared application. */
  static void reset(JdbcClient jdbc) {
    TestCatalogs.reset(jdbc);
    jdbc.sql("delete from slo_point").update();
    jdbc.sql("delete from slo_state").update();
  }
}
