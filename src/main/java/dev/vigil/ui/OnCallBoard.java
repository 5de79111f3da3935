package dev.vigil.ui;

import dev.vigil.catalog.Catalog;
import dev.vigil.oncall.FinalSchedule;
import dev.vigil.oncall.Shift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who each team has on call now and next: for each escalation policy of the team's services, the people its first
 * step would page at this instant (whoever its schedules have on call, its users, its teams' members), and who it
 * pages from the next handoff in its schedules' final shifts.
 */
final class OnCallBoard {

  /** One person the first step pages, and why: a schedule, a team, or named in the policy. */
  record Responder(String user, String via) {}

  /**
   * A policy of the team's services and who its first step pages now (empty when a schedule has a gap), and from
   * {@code nextAt} (null when its people do not change within the shifts looked at) whom it pages next.
   */
  record PolicyNow(String policy, List<String> services, List<Responder> firstStep, Instant nextAt,
      List<Responder> next) {}

  /** A team and its policies (empty when none of its services has one). */
  record TeamNow(String team, List<PolicyNow> policies) {}

  /**
   * One line of the home page's table: a team's policy, with the schedules and teams its first step pages through
   * ({@code via}); {@code policy} is null for a team none of whose services has one.
   */
  record Row(String team, PolicyNow policy, List<String> via) {}

  private OnCallBoard() {}

  /**
   * Each schedule's final shifts over {@code [now, until)}, computed once per schedule asked for; none for a schedule
   * not among them. Final shifts, so that overrides and temporary schedules made through the API show as they page.
   */
  static Function<String, List<Shift>> shifts(Map<String, FinalSchedule> schedules, Instant now, Instant until) {
    Map<String, List<Shift>> shifts = new HashMap<>();
    return name -> shifts.computeIfAbsent(name,
        n -> schedules.containsKey(n) ? schedules.get(n).shifts(now, until) : List.of());
  }

  /** People's full names (or handles, when they have none) by handle, for pages that show people by name. */
  static Map<String, String> names(Catalog catalog) {
    return catalog.users().stream().collect(Collectors.toMap(Catalog.User::name,
        u -> u.fullName() == null ? u.name() : u.fullName()));
  }

  /** {@code shifts}: a schedule's final shifts from {@code now} over the look-ahead, by schedule name. */
  static List<TeamNow> at(Catalog catalog, Instant now, Function<String, List<Shift>> shifts) {
    List<TeamNow> teams = new ArrayList<>();
    for (Catalog.Team team : catalog.teams()) {
      Map<String, List<String>> servicesByPolicy = new LinkedHashMap<>();
      catalog.services().stream()
          .filter(s -> s.team().equals(team.name()) && s.escalationPolicy() != null)
          .forEach(s -> servicesByPolicy.computeIfAbsent(s.escalationPolicy(), p -> new ArrayList<>()).add(s.name()));
      List<PolicyNow> policies = new ArrayList<>();
      servicesByPolicy.forEach((policy, services) -> {
        List<Catalog.Target> targets = firstStepTargets(catalog, policy);
        Instant nextAt = nextHandoff(targets, now, shifts);
        policies.add(new PolicyNow(policy, services, responders(catalog, targets, now, shifts), nextAt,
            nextAt == null ? List.of() : responders(catalog, targets, nextAt, shifts)));
      });
      teams.add(new TeamNow(team.name(), policies));
    }
    return teams;
  }

  /** The teams' policies as table rows, a team without any as one row of its own. */
  static List<Row> rows(List<TeamNow> teams) {
    List<Row> rows = new ArrayList<>();
    for (TeamNow team : teams) {
      if (team.policies().isEmpty()) {
        rows.add(new Row(team.team(), null, List.of()));
      }
      for (PolicyNow policy : team.policies()) {
        List<String> via = new ArrayList<>();
        for (List<Responder> responders : List.of(policy.firstStep(), policy.next())) {
          responders.stream().map(Responder::via).filter(v -> !via.contains(v)).forEach(via::add);
        }
        rows.add(new Row(team.team(), policy, via));
      }
    }
    return rows;
  }

  private static List<Catalog.Target> firstStepTargets(Catalog catalog, String policyName) {
    Optional<Catalog.EscalationPolicy> policy = catalog.escalationPolicies().stream()
        .filter(p -> p.name().equals(policyName)).findFirst();
    if (policy.isEmpty() || policy.get().steps().isEmpty()) {
      return List.of();
    }
    return policy.get().steps().get(0).targets();
  }

  /**
   * The first instant after {@code now} at which one of the targets' schedules hands over to other people; null
   * when none does within the shifts looked at (or the step names only people and teams).
   */
  private static Instant nextHandoff(List<Catalog.Target> targets, Instant now,
      Function<String, List<Shift>> shifts) {
    Instant next = null;
    for (Catalog.Target target : targets) {
      if (target.schedule() == null) {
        continue;
      }
      Instant handoff = Shift.nextHandoff(shifts.apply(target.schedule()), now).map(Shift::start).orElse(null);
      if (handoff != null && (next == null || handoff.isBefore(next))) {
        next = handoff;
      }
    }
    return next;
  }

  private static List<Responder> responders(Catalog catalog, List<Catalog.Target> targets, Instant at,
      Function<String, List<Shift>> shifts) {
    List<Responder> responders = new ArrayList<>();
    for (Catalog.Target target : targets) {
      if (target.user() != null) {
        responders.add(new Responder(target.user(), "named in the policy"));
      } else if (target.schedule() != null) {
        Shift.onCallAt(shifts.apply(target.schedule()), at)
            .forEach(u -> responders.add(new Responder(u, "schedule " + target.schedule())));
      } else if (target.team() != null) {
        catalog.team(target.team())
            .ifPresent(t -> t.members().forEach(u -> responders.add(new Responder(u, "team " + t.name()))));
      }
    }
    return responders;
  }
}
