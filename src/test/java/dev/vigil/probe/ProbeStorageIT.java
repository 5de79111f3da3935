package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Storage per probe and day: 50 probes checked every 30 s for a simulated day (2,880 results each, four short
 * outages each) through the results path, rollups flushed every five minutes as in production; then the bytes of
 * the probe tables (heap, indexes, TOAST, free-space and visibility maps) per probe. Target: under 20 KB.
 */
@IntegrationTest
class ProbeStorageIT {

  static final int PROBES = 50;
  static final String TABLES = """
      select pg_total_relation_size('probe') + pg_total_relation_size('probe_transition')
      + pg_total_relation_size('probe_rollup')""";

  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired ProbeResults results;
  @Autowired ProbeRepository probes;
  @Autowired ProbeScheduler scheduler;
  @Autowired ProbeCoordinator coordinator;

  @AfterEach
  void resume() {
    scheduler.pause(false);
  }

  @Test
  void aProbeDayAtThirtySecondsTakesUnderTwentyKilobytes() {
    scheduler.pause(true);
    // What earlier tests left in memory goes out before the ids restart.
    results.retainOnly(Set.of());
    results.flush();
    TestCatalogs.reset(jdbc);
    StringBuilder yaml = new StringBuilder("""
        version: 1
        teams: [{name: web}]
        services:
          - name: fleet
            team: web
            tier: 3
            # The outages below should be measured, not paged.
            maintenance_windows:
              - {time_zone: UTC, from: "00:00", to: "12:00"}
              - {time_zone: UTC, from: "12:00", to: "00:00"}
            probes:
        """);
    for (int i = 0; i < PROBES; i++) {
      yaml.append("      - {name: p").append(i).append(", kind: tcp, interval: 30s, tcp: {host: 127.0.0.1, port: 9}}\n");
    }
    catalog.apply(TestCatalogs.load(yaml.toString()), "/etc/vigil.yaml", "storage");
    coordinator.coordinate();
    List<ProbeDefinition> fleet = probes.all().stream().map(ProbeRepository.ProbeRow::definition).toList();
    assertThat(fleet).hasSize(PROBES);

    Instant start = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    int perDay = 24 * 60 * 2;
    List<Integer> outages = List.of(300, 1100, 1900, 2600); // checks at which a four-check outage starts
    for (int k = 0; k < perDay; k++) {
      Instant at = start.plusSeconds(30L * k);
      for (ProbeDefinition p : fleet) {
        int shifted = (int) ((k + p.id() * 7) % perDay);
        boolean failing = outages.stream().anyMatch(o -> shifted >= o && shifted < o + 4);
        Duration latency = Duration.ofMillis(20 + (k * 7 + p.id()) % 180);
        results.record(p, new ProbeResult(at, !failing, latency, failing ? "connection refused" : "connected", null));
      }
      if ((k + 1) % 10 == 0) {
        results.flush();
      }
    }
    results.flush();

    long transitions = jdbc.sql("select count(*) from probe_transition").query(Long.class).single();
    // A down and an up per outage and the first up; a probe whose day starts in an outage goes down first instead.
    assertThat(transitions).isBetween(PROBES * 8L, PROBES * 9L);
    long rollupRows = jdbc.sql("select count(*) from probe_rollup").query(Long.class).single();
    assertThat(rollupRows).isEqualTo(PROBES * 24L);

    long written = jdbc.sql(TABLES).query(Long.class).single();
    jdbc.sql("vacuum probe, probe_transition, probe_rollup").update();
    long vacuumed = jdbc.sql(TABLES).query(Long.class).single();
    long rollupBytes = jdbc.sql("select sum(length(data)) from probe_rollup").query(Long.class).single();
    List<String> report = new ArrayList<>();
    report.add("probe storage: " + PROBES + " probes x 1 day at 30 s");
    report.add("  before vacuum: " + written / PROBES + " bytes per probe-day");
    report.add("  after vacuum:  " + vacuumed / PROBES + " bytes per probe-day");
    report.add("  rollup data:   " + rollupBytes / PROBES + " bytes per probe-day (288 five-minute records)");
    System.out.println(String.join("\n", report));
    assertThat(vacuumed / PROBES).as(String.join("\n", report)).isLessThan(20_000);
  }
}
