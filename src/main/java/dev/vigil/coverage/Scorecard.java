package dev.vigil.coverage;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vigil.catalog.Catalog;
import dev.vigil.oncall.Gap;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coverage scorecard of a catalog on some evidence: each service's checklist, its score, the scores per team,
 * per tier and in total, and the next ten actions. Pure: the same catalog and evidence give the same card, for the
 * command line on a file as for the server (ADR 0048 says how it weighs and ranks).
 */
public record Scorecard(Score total, Map<String, Score> byTeam, Map<Integer, Score> byTier, List<Action> nextActions,
    List<ServiceCard> services) {

  /** How many actions the ranked list holds. */
  public static final int ACTIONS = 10;

  /** How a check came out. */
  public enum Outcome {
    PASSED, FAILED, NOT_APPLICABLE, NEEDS_SERVER;

    @JsonValue
    public String value() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** One check of one service: the outcome, why, and for a failure what to do. */
  public record Result(CoverageCheck check, String label, Outcome outcome, String reason, String fix) {

    static Result passed(CoverageCheck check, String reason) {
      return new Result(check, check.label(), Outcome.PASSED, reason, null);
    }

    static Result failed(CoverageCheck check, String reason, String fix) {
      return new Result(check, check.label(), Outcome.FAILED, reason, fix);
    }

    static Result of(CoverageCheck check, Outcome outcome, String reason) {
      return new Result(check, check.label(), outcome, reason, null);
    }
  }

  /**
   * Points earned out of points possible (each check's weight, times the service's tier factor when summed over
   * services), and their share as a percentage with one decimal, rounded down; null when nothing could be checked.
   */
  public record Score(long earned, long possible, BigDecimal percent) {

    static Score of(long earned, long possible) {
      return new Score(earned, possible, possible == 0 ? null
          : BigDecimal.valueOf(earned * 1000 / possible).movePointLeft(1).setScale(1, RoundingMode.DOWN));
    }

    Score plus(Score other, long factor) {
      return of(earned + other.earned * factor, possible + other.possible * factor);
    }
  }

  /** One service's checklist: its team, tier, the contracts that name it, its score and every check. */
  public record ServiceCard(String service, String team, int tier, List<String> contracts, Score score,
      List<Result> checks) {

    /** The result of one check. */
    public Result result(CoverageCheck check) {
      return checks.stream().filter(r -> r.check() == check).findFirst().orElseThrow();
    }

    /** The checks that failed. */
    public List<CoverageCheck> failed() {
      return checks.stream().filter(r -> r.outcome() == Outcome.FAILED).map(Result::check).toList();
    }
  }

  /** One of the next actions: its rank, the failed check, its priority and the sentence a task force reads. */
  public record Action(int rank, String service, int tier, CoverageCheck check, long priority, String text) {}

  /**
   * How much a service counts in the totals and the ranking: 8 for tier 1, halving with each tier to 1 for tier 4, so
   * that one tier-1 gap outweighs the same gap on every tier-3 service of a small team.
   */
  public static long tierFactor(int tier) {
    return 1L << Math.max(0, 4 - tier);
  }

  /** The scorecard of every service of {@code catalog} on {@code evidence}. */
  public static Scorecard of(Catalog catalog, Evidence evidence) {
    Map<String, List<String>> contracts = new LinkedHashMap<>();
    for (Catalog.Customer customer : catalog.customers()) {
      for (Catalog.Contract contract : customer.contracts()) {
        contract.services().forEach(s -> contracts.computeIfAbsent(s, k -> new ArrayList<>()).add(contract.name()));
      }
    }
    Map<String, Set<String>> routed = routed(catalog);
    List<ServiceCard> cards = catalog.services().stream()
        .sorted(Comparator.comparingInt(Catalog.Service::tier).thenComparing(Catalog.Service::name))
        .map(s -> card(catalog, s, contracts.getOrDefault(s.name(), List.of()), routed, evidence)).toList();
    Score total = Score.of(0, 0);
    Map<String, Score> byTeam = new TreeMap<>();
    Map<Integer, Score> byTier = new TreeMap<>();
    for (ServiceCard card : cards) {
      long factor = tierFactor(card.tier());
      total = total.plus(card.score(), factor);
      byTeam.merge(card.team() == null ? "" : card.team(), Score.of(0, 0).plus(card.score(), factor),
          (a, b) -> a.plus(b, 1));
      byTier.merge(card.tier(), card.score(), (a, b) -> a.plus(b, 1));
    }
    return new Scorecard(total, byTeam, byTier, actions(cards), cards);
  }

  /** The scorecard of the services of one team, or of one tier (either may be null); totals over those alone. */
  public Scorecard only(String team, Integer tier) {
    if (team == null && tier == null) {
      return this;
    }
    List<ServiceCard> kept = services.stream().filter(c -> team == null || team.equals(c.team()))
        .filter(c -> tier == null || tier == c.tier()).toList();
    Score sum = Score.of(0, 0);
    Map<String, Score> teams = new TreeMap<>();
    Map<Integer, Score> tiers = new TreeMap<>();
    for (ServiceCard card : kept) {
      sum = sum.plus(card.score(), tierFactor(card.tier()));
      teams.put(card.team(), byTeam.get(card.team()));
      tiers.put(card.tier(), byTier.get(card.tier()));
    }
    return new Scorecard(sum, teams, tiers, actions(kept), kept);
  }

  /** The card of one service. */
  public java.util.Optional<ServiceCard> service(String name) {
    return services.stream().filter(c -> c.service().equals(name)).findFirst();
  }

  private static ServiceCard card(Catalog catalog, Catalog.Service service, List<String> contracts,
      Map<String, Set<String>> routed,
      Evidence evidence) {
    Catalog.EscalationPolicy policy = service.escalationPolicy() == null ? null
        : catalog.escalationPolicies().stream().filter(p -> p.name().equals(service.escalationPolicy())).findFirst()
            .orElse(null);
    List<Result> checks = List.of(
        owner(catalog, service),
        escalation(policy),
        onCall(policy, evidence),
        signal(service),
        routed.containsKey(service.name()) ? Result.passed(CoverageCheck.ALERT_ROUTE, "through "
            + String.join(", ", routed.get(service.name())))
            : Result.failed(CoverageCheck.ALERT_ROUTE, "no integration routes alerts to it",
                "route its alerts: a routing rule matching service: " + service.name() + " in an integration,"
                    + " or an integration of its own"),
        received(service, evidence),
        service.slos().isEmpty() ? Result.failed(CoverageCheck.SLO, "no SLO", sloFix(service))
            : Result.passed(CoverageCheck.SLO, count(service.slos().size(), "SLO")),
        service.runbook() != null || service.runbookUrl() != null
            ? Result.passed(CoverageCheck.RUNBOOK, service.runbook() != null ? "runbook " + service.runbook().path()
                : "runbook at " + service.runbookUrl())
            : Result.failed(CoverageCheck.RUNBOOK, "no runbook",
                "write a runbook beside the catalog (runbook:) or link one (runbook_url:)"),
        actionItems(service, evidence),
        contracts.isEmpty() ? Result.of(CoverageCheck.SLA_SLO, Outcome.NOT_APPLICABLE, "no contract covers it")
            : service.slos().isEmpty()
                ? Result.failed(CoverageCheck.SLA_SLO, "no SLO though " + covered(contracts), sloFix(service)
                    + " and name it in the contract (slo:)")
                : Result.passed(CoverageCheck.SLA_SLO, covered(contracts) + " with an SLO"));
    long earned = 0;
    long possible = 0;
    for (Result r : checks) {
      if (r.outcome() == Outcome.PASSED || r.outcome() == Outcome.FAILED) {
        possible += r.check().weight();
        earned += r.outcome() == Outcome.PASSED ? r.check().weight() : 0;
      }
    }
    return new ServiceCard(service.name(), service.team(), service.tier(), List.copyOf(contracts),
        Score.of(earned, possible), checks);
  }

  private static Result owner(Catalog catalog, Catalog.Service service) {
    if (service.team() == null) {
      return Result.failed(CoverageCheck.OWNER, "no owning team", "name the team that owns it (team:)");
    }
    int members = catalog.team(service.team()).map(t -> t.members().size()).orElse(0);
    return members == 0 ? Result.failed(CoverageCheck.OWNER, "team " + service.team() + " has no members",
        "add members to team " + service.team())
        : Result.passed(CoverageCheck.OWNER, "team " + service.team() + " (" + count(members, "member") + ")");
  }

  private static Result escalation(Catalog.EscalationPolicy policy) {
    if (policy == null) {
      return Result.failed(CoverageCheck.ESCALATION, "no escalation policy",
          "give it an escalation policy of two steps or more");
    }
    int steps = policy.steps().size();
    return steps >= 2 ? Result.passed(CoverageCheck.ESCALATION, "policy " + policy.name() + ", " + count(steps, "step"))
        : Result.failed(CoverageCheck.ESCALATION, "policy " + policy.name() + " has " + count(steps, "step"),
            "add a second step to policy " + policy.name() + " (the team, or someone who backs the first up)");
  }

  private static Result onCall(Catalog.EscalationPolicy policy, Evidence evidence) {
    if (policy == null) {
      return Result.failed(CoverageCheck.ON_CALL, "no escalation policy, so no schedule",
          "give it an escalation policy that pages an on-call schedule");
    }
    List<String> schedules = policy.steps().stream().flatMap(s -> s.targets().stream())
        .map(Catalog.Target::schedule).filter(Objects::nonNull).distinct().toList();
    if (schedules.isEmpty()) {
      return Result.failed(CoverageCheck.ON_CALL, "policy " + policy.name() + " pages no on-call schedule",
          "page an on-call schedule in the first step of policy " + policy.name());
    }
    for (String schedule : schedules) {
      List<Gap> gaps = evidence.gaps().get(schedule);
      if (gaps == null) {
        return Result.failed(CoverageCheck.ON_CALL, "schedule " + schedule + " is not declared",
            "declare schedule " + schedule);
      }
      if (!gaps.isEmpty()) {
        Duration total = gaps.stream().map(g -> Duration.between(g.start(), g.end())).reduce(Duration.ZERO,
            Duration::plus);
        return Result.failed(CoverageCheck.ON_CALL, "schedule " + schedule + " has nobody on call "
                + count(gaps.size(), "time") + " in the next 28 days (" + hours(total) + " in all, first from "
                + gaps.getFirst().start() + ")",
            "cover the gaps of schedule " + schedule + " with a layer or overrides");
      }
    }
    return Result.passed(CoverageCheck.ON_CALL, "no gap in " + String.join(", ", schedules));
  }

  private static Result signal(Catalog.Service service) {
    int probes = service.probes().size();
    int heartbeats = service.heartbeats().size();
    if (probes + heartbeats > 0) {
      List<String> parts = new ArrayList<>();
      if (probes > 0) {
        parts.add(count(probes, "probe"));
      }
      if (heartbeats > 0) {
        parts.add(count(heartbeats, "heartbeat"));
      }
      return Result.passed(CoverageCheck.SIGNAL, String.join(" and ", parts));
    }
    String fix = switch (service.kind() == null ? Catalog.ServiceKind.HTTP_SERVICE : service.kind()) {
      case POSTGRES -> "add a postgres probe (connections, replication lag, wraparound)";
      case REDIS -> "add a redis probe";
      case ELASTICSEARCH -> "add an elasticsearch probe of the cluster's health";
      case WORKER -> "add a heartbeat its jobs ping";
      case EXTERNAL -> "add an HTTP or TLS probe of the vendor's endpoint";
      case KUBERNETES_NODE -> "add a TCP probe of the node";
      default -> "add an HTTP probe of its health endpoint";
    };
    return Result.failed(CoverageCheck.SIGNAL, "no probe or heartbeat", fix);
  }

  private static Result received(Catalog.Service service, Evidence evidence) {
    if (evidence.lastAlerts() == null) {
      return Result.of(CoverageCheck.ALERTS_RECEIVED, Outcome.NEEDS_SERVER,
          "needs a running server: the alerts received are in its database");
    }
    Instant last = evidence.lastAlerts().get(service.name());
    if (last == null || last.isBefore(evidence.now().minus(Evidence.ALERT_LOOKBACK))) {
      return Result.failed(CoverageCheck.ALERTS_RECEIVED, "no alert received in the last 30 days",
          "send a test alert through its integration and check its monitoring's rules fire");
    }
    return Result.passed(CoverageCheck.ALERTS_RECEIVED, "last alert received " + last);
  }

  private static Result actionItems(Catalog.Service service, Evidence evidence) {
    if (evidence.overdueItems() == null) {
      return Result.of(CoverageCheck.ACTION_ITEMS, Outcome.NEEDS_SERVER,
          "needs a running server: postmortems are in its database");
    }
    int overdue = evidence.overdueItems().getOrDefault(service.name(), 0);
    return overdue == 0 ? Result.passed(CoverageCheck.ACTION_ITEMS, "no action item overdue")
        : Result.failed(CoverageCheck.ACTION_ITEMS, count(overdue, "overdue action item"),
            "finish or re-plan the action items of its postmortems");
  }

  private static String sloFix(Catalog.Service service) {
    return service.probes().isEmpty() ? "add an availability SLO"
        : "add an availability SLO on probe " + service.probes().getFirst().name();
  }

  /**
   * The integrations that send alerts to each service, by name: those naming it as their service, in a routing rule
   * or as their default.
   */
  private static Map<String, Set<String>> routed(Catalog catalog) {
    Map<String, Set<String>> routed = new HashMap<>();
    for (Catalog.Integration integration : catalog.integrations()) {
      List<String> targets = new ArrayList<>(integration.routing().stream().map(Catalog.RoutingRule::service).toList());
      targets.add(integration.service());
      targets.add(integration.defaultService());
      targets.stream().filter(Objects::nonNull)
          .forEach(s -> routed.computeIfAbsent(s, k -> new TreeSet<>()).add(integration.name()));
    }
    return routed;
  }

  /**
   * The failed checks ranked by priority: the service's tier factor, times the check's weight, times one more than
   * the number of contracts naming the service; ties by the check's weight, tier, service and check order.
   * An SLA-covered service without an SLO is one action (its contracts' check), not two.
   */
  private static List<Action> actions(List<ServiceCard> cards) {
    record Candidate(ServiceCard card, Result result, long priority) {}
    List<Candidate> all = new ArrayList<>();
    for (ServiceCard card : cards) {
      for (Result r : card.checks()) {
        if (r.outcome() == Outcome.FAILED) {
          all.add(new Candidate(card, r,
              tierFactor(card.tier()) * r.check().weight() * (1 + card.contracts().size())));
        }
      }
    }
    all.sort(Comparator.comparingLong(Candidate::priority).reversed()
        .thenComparing(c -> c.result().check().weight(), Comparator.reverseOrder())
        .thenComparingInt(c -> c.card().tier()).thenComparing(c -> c.card().service())
        .thenComparing(c -> c.result().check()));
    List<Action> actions = new ArrayList<>();
    for (Candidate c : all) {
      if (actions.size() == ACTIONS) {
        break;
      }
      ServiceCard card = c.card();
      if (c.result().check() == CoverageCheck.SLO
          && card.result(CoverageCheck.SLA_SLO).outcome() == Outcome.FAILED) {
        continue;
      }
      String text = card.service() + ": tier " + card.tier() + ", " + c.result().reason()
          + (card.contracts().isEmpty() || c.result().check() == CoverageCheck.SLA_SLO ? ""
              : ", " + covered(card.contracts()))
          + ": " + c.result().fix();
      actions.add(new Action(actions.size() + 1, card.service(), card.tier(), c.result().check(), c.priority(), text));
    }
    return actions;
  }

  private static String covered(List<String> contracts) {
    return "covered by " + count(contracts.size(), "contract") + " (" + String.join(", ", contracts) + ")";
  }

  private static String hours(Duration d) {
    return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toHours() + " h " + d.toMinutesPart() + " min";
  }

  static String count(int n, String noun) {
    return n + " " + (n == 1 ? noun : noun + "s");
  }
}
