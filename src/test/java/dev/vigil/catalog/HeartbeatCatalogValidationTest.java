package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Heartbeats in vigil.yaml: what loads, and each mistake with the position and reason it is reported at. */
class HeartbeatCatalogValidationTest {

  private static final CatalogLoader LOADER = CatalogLoader.withEnvironment(
      Map.of("EXPORT_TOKEN", "export-token-0123456789abcdef")::get);

  private static final String HEAD = """
      version: 1
      teams:
        - name: ops
      services:
        - name: jobs
          team: ops
          tier: 3
          heartbeats:
      """;

  private static List<String> errors(String heartbeats) {
    return LOADER.load("v.yaml", HEAD + heartbeats).errors().stream().map(Problem::format).toList();
  }

  @Test
  void periodAndCronHeartbeatsLoad() {
    LoadResult result = LOADER.load("v.yaml", HEAD + """
            - name: watchdog
              period: 1m
              grace: 5m
            - name: export
              description: Nightly export
              cron: "30 2 * * mon-fri"
              time_zone: Europe/Berlin
              severity: critical
              token: ${EXPORT_TOKEN}
        """);
    assertThat(result.problems()).isEmpty();
    List<Catalog.Heartbeat> heartbeats = result.catalog().services().getFirst().heartbeats();
    assertThat(heartbeats).containsExactly(
        new Catalog.Heartbeat("watchdog", null, Duration.ofMinutes(1), null, null, Duration.ofMinutes(5), null, null),
        new Catalog.Heartbeat("export", "Nightly export", null, "30 2 * * mon-fri", "Europe/Berlin", null, "critical",
            "export-token-0123456789abcdef"));
    assertThat(heartbeats.get(1).graceOrDefault()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aBadCronExpressionSaysWhereAndWhy() {
    assertThat(errors("""
            - name: export
              cron: "61 2 * * *"
            - name: short
              cron: "0 2 * *"
            - name: never
              cron: "0 0 31 2 *"
        """)).containsExactly(
        "v.yaml:10:13: cron '61 2 * * *' is not a valid schedule: Value 61 not in range [0, 59]",
        "v.yaml:12:13: cron '0 2 * *' is not a valid schedule: it has 4 parts but crontab has 5: minute hour"
            + " day-of-month month day-of-week",
        "v.yaml:14:13: cron '0 0 31 2 *' is not a valid schedule: it never matches a date");
  }

  @Test
  void periodOrCronExactlyOnceAndTimeZoneOnlyWithCron() {
    assertThat(errors("""
            - name: both
              period: 5m
              cron: "* * * * *"
            - name: neither
              grace: 5m
            - name: zoned
              time_zone: Europe/Paris
              period: 5m
            - name: zone-only
              time_zone: Europe/Paris
        """)).containsExactly(
        "v.yaml:9:7: heartbeat 'both' sets 'period' and 'cron'; set only one of 'period' or 'cron'/'time_zone'",
        "v.yaml:12:7: heartbeat 'neither' must set one of 'period' or 'cron'/'time_zone'",
        "v.yaml:14:7: heartbeat 'zoned' sets 'period' and 'time_zone'; set only one of 'period' or 'cron'/'time_zone'",
        "v.yaml:18:18: 'time_zone' is only for a 'cron' schedule; heartbeat 'zone-only' needs 'cron' or 'period'");
  }

  @Test
  void namesUniquePerServiceTokensUniqueInTheFileAndValuesChecked() {
    assertThat(errors("""
            - name: a
              period: 5m
              token: same-token-0123456789abcdef
            - name: a
              period: 0s
              grace: soon
              severity: page
              token: short
            - name: b
              period: 5m
              token: same-token-0123456789abcdef
        """)).containsExactlyInAnyOrder(
        "v.yaml:12:13: heartbeat 'a' is declared twice in service 'jobs' (first on line 9)",
        "v.yaml:13:15: period must be longer than zero, got '0s'",
        "v.yaml:14:14: grace: 'soon' is not a duration; use e.g. 30s, 5m, 1h30m, 2d, 1w or ISO-8601 PT5M",
        "v.yaml:15:17: invalid severity 'page'; expected one of: critical, error, warning, info",
        "v.yaml:16:14: invalid token (not shown, it is a secret): a key is at least 20 characters of A-Z, a-z, 0-9,"
            + " '_' and '-'",
        "v.yaml:19:14: heartbeat token already used on line 11; each heartbeat needs its own token");
  }
}
