package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A service's monitoring section in vigil.yaml: what binds, and every mistake at its FILE:LINE:COL. */
class MonitoringCatalogTest {

  private static final String HEAD = """
      version: 1
      teams: [{name: ops}]
      services:
        - name: db
          team: ops
          tier: 1
          kind: postgres
          monitoring:
      """;

  private static LoadResult load(String yaml) {
    return CatalogLoader.withEnvironment(k -> null).load("v.yaml", yaml);
  }

  private static List<String> errors(String monitoring) {
    return load(HEAD + monitoring).errors().stream().map(Problem::format).toList();
  }

  @Test
  void everySettingBinds() {
    LoadResult result = load(HEAD + """
              job: pg
              targets: ["db-1.example.com:9187", "[::1]:9187"]
              thresholds:
                firing_after: 1m
                error_percent: 0.5
                latency_p99: 250ms
                saturation_percent: 75
                replication_lag: 30s
                long_transaction: 10m
                disk_full_within: 48h
                queue_depth: 100
                oldest_job_age: 2m
              rules:
                - alert: BackupsMissing
                  expr: time() - backup_last_success_timestamp_seconds > 86400
                  firing_after: 10m
                  severity: warning
                  summary: No backup for a day
              disabled: [PostgresDeadlocks]
              self: false
        """);

    assertThat(result.errors()).isEmpty();
    Catalog.Monitoring monitoring = result.catalog().service("db").orElseThrow().monitoringOrDefault();
    assertThat(monitoring).isEqualTo(new Catalog.Monitoring("pg", List.of("db-1.example.com:9187", "[::1]:9187"),
        null, new Catalog.Thresholds(Duration.ofMinutes(1), 0.5, Duration.ofMillis(250), 75.0,
            Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(48), 100L, Duration.ofMinutes(2)),
        List.of(new Catalog.ExtraRule("BackupsMissing", "time() - backup_last_success_timestamp_seconds > 86400",
            Duration.ofMinutes(10), "warning", "No backup for a day", null)),
        List.of("PostgresDeadlocks"), false));
    assertThat(monitoring.isSelf()).isFalse();
  }

  @Test
  void aServiceWithoutTheSectionGetsEveryDefault() {
    Catalog.Service db = load(HEAD.replace("      monitoring:\n", "")).catalog().service("db").orElseThrow();

    assertThat(db.monitoring()).isNull();
    assertThat(db.monitoringOrDefault().targets()).isEmpty();
    assertThat(db.monitoringOrDefault().thresholdsOrNone()).isEqualTo(Catalog.Thresholds.NONE);
  }

  @Test
  void badValuesAreErrorsWhereWritten() {
    assertThat(errors("""
              http_metrics: prometheus
              targets: ["db-1.example.com", "db-1:9187"]
              thresholds: {error_percent: 100, saturation_percent: 0, queue_depth: 0, latency_p99: fast, for: 5m}
              rules:
                - {alert: backups missing, expr: " ", severity: page, summary: No backup}
              disabled: [PostgresDeadlocks, PostgresDeadlocks]
              self: maybe
        """)).containsExactly(
        "v.yaml:9:21: invalid http_metrics 'prometheus'; expected one of: micrometer, opentelemetry, haproxy, nginx",
        "v.yaml:10:17: invalid targets 'db-1.example.com': expected host:port, such as db1.example.com:9187",
        "v.yaml:11:35: error_percent must be greater than 0 and less than 100, got '100'",
        "v.yaml:11:60: saturation_percent must be greater than 0 and less than 100, got '0'",
        "v.yaml:11:76: queue_depth must be at least 1, got '0'",
        "v.yaml:11:92: latency_p99: 'fast' is not a duration; use e.g. 30s, 5m, 1h30m, 2d, 1w or ISO-8601 PT5M",
        "v.yaml:11:98: unknown key 'for' in a monitoring thresholds section",
        "v.yaml:13:19: invalid alert 'backups missing': expected an alert name of letters, digits and underscores,"
            + " such as PaymentQueueStuck",
        "v.yaml:13:42: invalid expr ' ': must not be empty",
        "v.yaml:13:57: invalid severity 'page'; expected one of: critical, error, warning, info",
        "v.yaml:14:37: duplicate entry 'PostgresDeadlocks' in disabled (first at line 14)",
        "v.yaml:15:13: self: expected true or false, got 'maybe'");
  }
}
