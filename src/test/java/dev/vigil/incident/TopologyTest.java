package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Upstream and downstream walks of the dependency graph, the incident an alert joins, and blast radii. */
class TopologyTest {

  // web -> api -> db, api -> search -> es, workers -> db, standby -> db
  static final Map<String, List<String>> GRAPH = Map.of(
      "web", List.of("api"),
      "api", List.of("db", "search"),
      "search", List.of("es"),
      "workers", List.of("db"),
      "standby", List.of("db"),
      "db", List.of(),
      "es", List.of());

  @Test
  void upstreamIsNearestFirst() {
    assertThat(Topology.upstream(GRAPH, "web")).containsExactly("api", "db", "search", "es");
    assertThat(Topology.upstream(GRAPH, "db")).isEmpty();
    assertThat(Topology.upstream(GRAPH, "unknown")).isEmpty();
  }

  @Test
  void downstreamIsEveryDependentOnce() {
    assertThat(Topology.downstream(GRAPH, "db")).containsExactlyInAnyOrder("api", "workers", "standby", "web");
    assertThat(Topology.downstream(GRAPH, "db").indexOf("web")).isEqualTo(3); // two hops, after the direct ones
    assertThat(Topology.downstream(GRAPH, "es")).containsExactly("search", "api", "web");
    assertThat(Topology.downstream(GRAPH, "web")).isEmpty();
  }

  @Test
  void anAlertJoinsTheNearestUpstreamOpenIncident() {
    Map<String, Long> open = Map.of("db", 7L, "es", 9L);
    assertThat(Topology.upstreamOpenIncident(GRAPH, "api", s -> Optional.ofNullable(open.get(s)))).contains(7L);
    assertThat(Topology.upstreamOpenIncident(GRAPH, "search", s -> Optional.ofNullable(open.get(s)))).contains(9L);
    assertThat(Topology.upstreamOpenIncident(GRAPH, "web", s -> Optional.ofNullable(open.get(s)))).contains(7L);
    // Its own incident does not count, and nothing upstream of the database is open.
    assertThat(Topology.upstreamOpenIncident(GRAPH, "db", s -> Optional.ofNullable(open.get(s)))).isEmpty();
    assertThat(Topology.upstreamOpenIncident(GRAPH, "api", s -> Optional.<Long>empty())).isEmpty();
  }

  @Test
  void blastRadiusOfTheWorkedExamplesDatabase() {
    Topology.BlastRadius radius = Topology.blastRadius(SeverityPolicyTest.EXAMPLE, "postgres-primary");
    assertThat(radius.dependents()).containsExactlyInAnyOrder("api", "search", "payment", "job-workers",
        "postgres-standby", "web");
    assertThat(radius.customers()).containsOnlyKeys("Fleetline Corporate Travel", "Atlas Mobility Partners");
    assertThat(radius.customers().get("Atlas Mobility Partners")).containsExactly("atlas-api-2026");
    assertThat(radius.affected()).first().isEqualTo("postgres-primary");

    Topology.BlastRadius workers = Topology.blastRadius(SeverityPolicyTest.EXAMPLE, "job-workers");
    assertThat(workers.dependents()).isEmpty();
    assertThat(workers.customers()).isEmpty();
  }
}
