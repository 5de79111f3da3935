package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The catalog's {@code depends_on} graph seen from an incident: which upstream service's open incident a failing
 * service's alert belongs to, and which services and customers an incident reaches (its blast radius).
 */
public final class Topology {

  private Topology() {}

  /**
   * The services {@code service} depends on, directly or through others, nearest first (breadth-first; equal
   * distances in declaration order). The service itself is not included.
   */
  public static List<String> upstream(Map<String, List<String>> dependsOn, String service) {
    return walk(dependsOn, service);
  }

  /** The services that depend on {@code service}, directly or through others, nearest first. */
  public static List<String> downstream(Map<String, List<String>> dependsOn, String service) {
    Map<String, List<String>> dependents = new LinkedHashMap<>();
    dependsOn.forEach((s, deps) -> deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(s)));
    return walk(dependents, service);
  }

  private static List<String> walk(Map<String, List<String>> edges, String start) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    seen.add(start);
    while (!queue.isEmpty()) {
      for (String next : edges.getOrDefault(queue.poll(), List.of())) {
        if (seen.add(next)) {
          queue.add(next);
        }
      }
    }
    seen.remove(start);
    return List.copyOf(seen);
  }

  /**
   * The open incident an alert on {@code service} joins as downstream impact: that of the nearest upstream service
   * with one. {@code openIncidentOf} answers for one service (empty when it has none open).
   */
  public static <T> Optional<T> upstreamOpenIncident(Map<String, List<String>> dependsOn, String service,
      Function<String, Optional<T>> openIncidentOf) {
    for (String upstream : upstream(dependsOn, service)) {
      Optional<T> open = openIncidentOf.apply(upstream);
      if (open.isPresent()) {
        return open;
      }
    }
    return Optional.empty();
  }

  /**
   * What an incident on a service reaches.
   *
   * @param service the incident's service
   * @param dependents services that depend on it, directly or not, nearest first
   * @param customers enterprise customers with a contract covering the service or a dependent, by name, with the
   *     names of their contracts that do
   */
  public record BlastRadius(String service, List<String> dependents, Map<String, List<String>> customers) {
    public BlastRadius {
      dependents = List.copyOf(dependents);
      customers = Map.copyOf(customers);
    }

    /** The service and its dependents. */
    public List<String> affected() {
      List<String> all = new ArrayList<>(dependents.size() + 1);
      all.add(service);
      all.addAll(dependents);
      return all;
    }
  }

  /** The blast radius of an incident on {@code service} in {@code catalog}. */
  public static BlastRadius blastRadius(Catalog catalog, String service) {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    catalog.services().forEach(s -> graph.put(s.name(), s.dependsOn()));
    List<String> dependents = downstream(graph, service);
    Set<String> affected = new LinkedHashSet<>(dependents);
    affected.add(service);
    Map<String, List<String>> customers = new LinkedHashMap<>();
    for (Catalog.Customer customer : catalog.customers()) {
      List<String> contracts = customer.contracts().stream()
          .filter(c -> c.services().stream().anyMatch(affected::contains)).map(Catalog.Contract::name).toList();
      if (!contracts.isEmpty()) {
        customers.put(customer.name(), contracts);
      }
    }
    return new BlastRadius(service, dependents, customers);
  }
}
