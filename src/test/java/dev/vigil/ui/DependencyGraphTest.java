package dev.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a service's neighbourhood is laid out. */
class DependencyGraphTest {

  @Test
  void dependentsLeftDependenciesRightArrowsIntoWhatIsDependedOn() {
    DependencyGraph graph = DependencyGraph.of("api", List.of("web", "mobile"), List.of("db", "cache", "search"));
    assertThat(graph.nodes()).hasSize(6);
    DependencyGraph.Node api = graph.nodes().get(0);
    assertThat(api.current()).isTrue();
    assertThat(graph.nodes().stream().filter(n -> List.of("web", "mobile").contains(n.name())))
        .allSatisfy(n -> assertThat(n.x()).isLessThan(api.x()));
    assertThat(graph.nodes().stream().filter(n -> List.of("db", "cache", "search").contains(n.name())))
        .allSatisfy(n -> assertThat(n.x()).isGreaterThan(api.x()));
    assertThat(graph.edges()).hasSize(5).allSatisfy(e -> assertThat(e.x2()).isGreaterThan(e.x1()));
    assertThat(graph.nodes()).allSatisfy(n -> assertThat(n.y() + DependencyGraph.NODE_HEIGHT)
        .isLessThanOrEqualTo(graph.height()));
  }
}
