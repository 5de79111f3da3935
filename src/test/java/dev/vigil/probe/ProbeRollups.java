package dev.vigil.probe;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Probe data for other features' tests: the probe table kept in step with the catalog, the scheduler paused so that
 * no real check adds to the counts, and five-minute rollups written as the results path writes them.
 */
public final class ProbeRollups {

  private ProbeRollups() {}

  /** Syncs the probe table with the catalog just applied and pauses (or resumes) this node's checks. */
  public static void syncAndPause(ApplicationContext context, boolean pause) {
    context.getBean(ProbeScheduler.class).pause(pause);
    context.getBean(ProbeCoordinator.class).coordinate();
  }

  /**
   * Appends the rollup of the five minutes from {@code start} of the service's probe: {@code count} checks, of which
   * {@code failures} failed and the rest took {@code latency}.
   */
  public static void write(JdbcClient jdbc, String service, String probe, Instant start, int count, int failures,
      Duration latency) {
    long id = jdbc.sql("select p.id from probe p join service s on s.id = p.service_id"
            + " where s.name = :service and p.name = :probe").param("service", service).param("probe", probe)
        .query(Long.class).single();
    Rollup rollup = new Rollup(Rollup.startOf(start));
    for (int i = 0; i < count; i++) {
      rollup.add(i >= failures, latency);
    }
    jdbc.sql("insert into probe_rollup (probe_id, hour, data) values (:id, :hour, :data)"
            + " on conflict (probe_id, hour) do update set data = probe_rollup.data || excluded.data")
        .param("id", id).param("hour", Timestamp.from(Rollup.hourOf(start))).param("data", rollup.encode()).update();
  }
}
