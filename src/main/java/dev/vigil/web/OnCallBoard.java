package dev.vigil.web;

import dev.vigil.catalog.Catalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who each team has on call now: for each escalation policy of the team's services, the people its first step
 * would page at this instant (whoever its schedules have on call, its users, its teams' members).
 */
final class OnCallBoard {

  /** One person the first step pages, and why: a schedule, a team, or named in the policy. */
  record Responder(String user, String via) {}

  /** A policy of the team's services and who its first step pages now; empty when a schedule has a gap. */
  record PolicyNow(String policy, List<String> services, List<Responder> firstStep) {}

  /** A team and its policies (empty when none of its services has one). */
  record TeamNow(String team, List<PolicyNow> policies) {}

  private OnCallBoard() {}

  /** {@code onCall}: who a schedule has on call now, by schedule name. */
  static List<TeamNow> at(Catalog catalog, Instant now, Function<String, List<String>> onCall) {
    List<TeamNow> teams = new ArrayList<>();
    for (Catalog.Team team : catalog.teams()) {
      Map<String, List<String>> servicesByPolicy = new LinkedHashMap<>();
      catalog.services().stream()
          .filter(s -> s.team().equals(team.name()) && s.escalationPolicy() != null)
          .forEach(s -> servicesByPolicy.computeIfAbsent(s.escalationPolicy(), p -> new ArrayList<>()).add(s.name()));
      List<PolicyNow> policies = new ArrayList<>();
      servicesByPolicy.forEach((policy, services) -> policies.add(new PolicyNow(policy, services,
          firstStep(catalog, policy, onCall))));
      teams.add(new TeamNow(team.name(), policies));
    }
    return teams;
  }

  private static List<Responder> firstStep(Catalog catalog, String policyName,
      Function<String, List<String>> onCall) {
    Optional<Catalog.EscalationPolicy> policy = catalog.escalationPolicies().stream()
        .filter(p -> p.name().equals(policyName)).findFirst();
    if (policy.isEmpty() || policy.get().steps().isEmpty()) {
      return List.of();
    }
    List<Responder> responders = new ArrayList<>();
    for (Catalog.Target target : policy.get().steps().get(0).targets()) {
      if (target.user() != null) {
        responders.add(new Responder(target.user(), "named in the policy"));
      } else if (target.schedule() != null) {
        onCall.apply(target.schedule())
            .forEach(u -> responders.add(new Responder(u, "schedule " + target.schedule())));
      } else if (target.team() != null) {
        catalog.team(target.team())
            .ifPresent(t -> t.members().forEach(u -> responders.add(new Responder(u, "team " + t.name()))));
      }
    }
    return responders;
  }
}
