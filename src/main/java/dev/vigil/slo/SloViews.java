package dev.vigil.slo;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentBoard;
import dev.vigil.system.CatalogDurations;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * SLOs as the API and the pages show them: each declaration beside its latest evaluation, filtered by service, team
 * or service tag and sorted by the budget left; one SLO with its burn rates per lookback, its rules with the
 * incidents they raised, its history and its periods; and a service's error budget policy with what it decides for
 * a deploy now. Everything is read from the catalog and what the evaluation stored, never computed afresh.
 */
@Service
class SloViews {

  /** The state of an SLO declared but not evaluated yet. */
  static final String NOT_EVALUATED = "not_evaluated";

  /**
   * An error budget in its unit and, for slices and time, in seconds; shares are null unless measured.
   *
   * @param unit events, slices or seconds
   */
  record Budget(String unit, BigDecimal total, BigDecimal consumed, BigDecimal remaining, BigDecimal totalSeconds,
      BigDecimal consumedSeconds, BigDecimal remainingSeconds, BigDecimal consumedShare, BigDecimal remainingShare) {}

  /**
   * One SLO as declared, with its latest evaluation (figures null before the first).
   *
   * @param sli the SLI over the window, a ratio; null unless measured
   * @param source where the SLI comes from, in words
   * @param state no_data, zero_traffic, measured, or not_evaluated
   * @param summary the state in words: "no data since ..., last error: ..." when the source fails
   * @param stale whether the source failed since it last answered: the figures are those of its last answer
   * @param exhausted whether the whole budget is spent, or more, by the last figures measured
   * @param burnRates the burn rate over each lookback that measured something, shortest first
   * @param firing the burn-rate rules that fire, in words
   */
  record Slo(String name, String service, String team, BigDecimal objective, String window, String timeZone,
      String budgeting, String alerting, String source, String state, String summary, boolean stale,
      Instant evaluatedAt, Instant measuredAt, BigDecimal sli, Budget budget, boolean exhausted,
      Map<String, BigDecimal> burnRates, Instant exhaustedAt, Instant periodStart, Instant periodEnd,
      List<String> firing, List<String> raised, Instant lastDataAt, String lastError, Instant lastErrorAt) {}

  /** The burn rate over one lookback; null when nothing was measured in it. */
  record Lookback(String lookback, long seconds, BigDecimal burnRate) {}

  /**
   * One burn-rate rule of the SLO's policy: whether it fires now and the incident its response last raised.
   *
   * @param text the rule as people read it
   * @param incident the incident the alert of the rule's response is in; null when it never raised one
   */
  record Rule(String response, BigDecimal burnRate, String longWindow, String shortWindow, String text,
      boolean firing, Incident incident) {}

  /** An incident an SLO's alert raised. */
  record Incident(long id, String title, String status) {}

  /**
   * History points: five-minute points and daily points (the day in the SLO's zone), in [from, to) when asked for
   * (null: the five-minute points of the window and the daily points kept, up to now).
   */
  record History(Instant from, Instant to, List<SloBoard.Point> fiveMinutes, List<SloBoard.Point> days) {}

  /** One calendar period of the compliance table, the period under way last. */
  record Period(LocalDate first, Instant start, Instant end, BigDecimal good, BigDecimal total, BigDecimal sli,
      boolean met) {}

  /** One SLO with everything its page and the API's detail show. */
  record Detail(Slo slo, List<Lookback> lookbacks, List<Rule> rules, History history, List<Period> compliance) {}

  /** One SLO of a service as the error budget policy weighs it. */
  record BudgetLine(String slo, String state, String summary, BigDecimal remainingShare, boolean exhausted) {}

  /**
   * A service's error budget policy and what it decides for a deploy now.
   *
   * @param policy notify, require-approval or freeze-deploys
   * @param decision allowed, approval-required or frozen
   * @param exhausted the SLOs whose budget is spent, which the decision rests on
   * @param reason the decision in words
   */
  record ErrorBudgetDecision(String service, String policy, String decision, List<String> exhausted, String reason,
      List<BudgetLine> slos, Instant at) {}

  private final CatalogQueries catalog;
  private final SloDefinitions definitions;
  private final SloRepository repository;
  private final SloBoard board;
  private final IncidentBoard incidents;
  private final Clock clock;

  SloViews(CatalogQueries catalog, SloDefinitions definitions, SloRepository repository, SloBoard board,
      IncidentBoard incidents, Clock clock) {
    this.catalog = catalog;
    this.definitions = definitions;
    this.repository = repository;
    this.board = board;
    this.incidents = incidents;
    this.clock = clock;
  }

  /**
   * Every SLO of the services that match, the least budget left first and those without a share of it (no data,
   * no traffic, not evaluated) last. A filter naming what the catalog does not have is refused, naming the filter.
   *
   * @param service a service's name, or null
   * @param team a team's name, or null
   * @param label a service tag {@code key=value}, or null
   */
  List<Slo> list(String service, String team, String label) {
    Catalog all = catalog.catalog();
    if (given(service) && all.services().stream().noneMatch(s -> s.name().equals(service))) {
      throw new InvalidException("service: no service named '" + service + "'");
    }
    if (given(team) && all.teams().stream().noneMatch(t -> t.name().equals(team))) {
      throw new InvalidException("team: no team named '" + team + "'");
    }
    Map.Entry<String, String> tag = given(label) ? tag(label, all) : null;
    Map<String, SloBoard.Status> states = repository.all().stream()
        .collect(Collectors.toMap(SloBoard.Status::slo, Function.identity()));
    Map<String, Catalog.Service> services = all.services().stream()
        .collect(Collectors.toMap(Catalog.Service::name, Function.identity()));
    List<Slo> out = new ArrayList<>();
    for (SloDefinition d : SloDefinitions.of(all)) {
      Catalog.Service s = services.get(d.service());
      boolean matches = (!given(service) || s.name().equals(service)) && (!given(team) || s.team().equals(team))
          && (tag == null || tag.getValue().equals(s.tags().get(tag.getKey())));
      if (matches) {
        out.add(slo(d, Optional.ofNullable(states.get(d.name()))));
      }
    }
    out.sort(Comparator.comparing((Slo s) -> s.budget().remainingShare(),
        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Slo::name));
    return out;
  }

  /**
   * The SLO of this name with its history in [from, to): by default five-minute points over its window and daily
   * points over the 13 months kept.
   */
  Detail one(String name, Instant from, Instant to) {
    SloDefinition d = definition(name);
    Optional<SloBoard.Status> status = repository.find(name);
    Slo slo = slo(d, status);
    Instant now = clock.instant();
    Instant end = to == null ? now : to;
    Instant fiveFrom = from != null ? from : now.minus(d.window().containing(now).length());
    Instant dayFrom = from != null ? from : SloEvaluator.dailyRetention(d, now);
    if (!fiveFrom.isBefore(end) || !dayFrom.isBefore(end)) {
      throw new InvalidException("from: must be before to (" + (from == null ? fiveFrom : from) + " is not before "
          + end + ")");
    }
    History history = new History(from, to,
        repository.points(name, SloEvaluator.FIVE_MINUTES, fiveFrom, end),
        repository.points(name, SloEvaluator.DAY, dayFrom, end));
    List<Lookback> lookbacks = new ArrayList<>();
    for (Duration lookback : SloEvaluation.lookbacks(d)) {
      lookbacks.add(new Lookback(SloMetrics.label(lookback), lookback.toSeconds(),
          status.map(s -> s.burnRates().get(lookback)).orElse(null)));
    }
    List<String> firing = status.map(SloBoard.Status::firing).orElse(List.of());
    Map<String, IncidentBoard.AlertIncident> raised = incidents.ofAlerts(SloAlerts.SOURCE,
        List.of(SloAlerts.fingerprint(d, BurnRatePolicy.Response.PAGE),
            SloAlerts.fingerprint(d, BurnRatePolicy.Response.TICKET)));
    List<Rule> rules = d.policy().rules().stream().map(r -> new Rule(SloAlerts.value(r.response()),
        r.factor().stripTrailingZeros(), SloMetrics.label(r.longWindow()), SloMetrics.label(r.shortWindow()),
        SloAlerts.describe(r), firing.contains(SloEvaluator.key(r)),
        Optional.ofNullable(raised.get(SloAlerts.fingerprint(d, r.response())))
            .map(i -> new Incident(i.id(), i.title(), i.status())).orElse(null))).toList();
    List<Period> compliance = board.compliance(name).stream().map(p -> new Period(p.first(), p.period().start(),
        p.period().end(), p.good(), p.total(), p.sli(), p.met())).toList();
    return new Detail(slo, lookbacks, rules, history, compliance);
  }

  /**
   * The service's error budget policy and its decision for a deploy now: allowed unless an SLO of the service has
   * spent its budget, then what the policy says (notify still allows). An SLO without figures blocks nothing.
   */
  ErrorBudgetDecision errorBudget(String service) {
    Catalog.Service s = catalog.catalog().services().stream().filter(x -> x.name().equals(service)).findFirst()
        .orElseThrow(() -> new NotFoundException("no service named '" + service + "'"));
    Catalog.ErrorBudgetPolicy policy = s.errorBudgetPolicyOrDefault();
    List<BudgetLine> lines = list(service, null, null).stream().map(slo -> new BudgetLine(slo.name(), slo.state(),
        slo.summary(), slo.budget().remainingShare(), slo.exhausted())).toList();
    List<String> exhausted = lines.stream().filter(BudgetLine::exhausted).map(BudgetLine::slo).toList();
    String decision = exhausted.isEmpty() ? "allowed" : switch (policy) {
      case NOTIFY -> "allowed";
      case REQUIRE_APPROVAL -> "approval-required";
      case FREEZE_DEPLOYS -> "frozen";
    };
    String reason = exhausted.isEmpty()
        ? (lines.isEmpty() ? "the service declares no SLOs" : "no SLO of the service has spent its error budget")
        : "error budget spent by " + String.join(", ", exhausted) + "; the policy is " + policy.value();
    return new ErrorBudgetDecision(service, policy.value(), decision, exhausted, reason, lines, clock.instant());
  }

  /** The SLO of this name as the catalog declares it; unknown, a 404. */
  SloDefinition definition(String name) {
    return definitions.one(name).orElseThrow(() -> new NotFoundException("no SLO named '" + name + "'"));
  }

  private static Slo slo(SloDefinition d, Optional<SloBoard.Status> found) {
    SloBoard.Status s = found.orElse(null);
    Budget budget = budget(d, s);
    Map<String, BigDecimal> rates = new LinkedHashMap<>();
    List<String> firing = new ArrayList<>();
    if (s != null) {
      s.burnRates().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> rates.put(SloMetrics.label(e.getKey()), e.getValue()));
      d.policy().rules().stream().filter(r -> s.firing().contains(SloEvaluator.key(r)))
          .forEach(r -> firing.add(SloAlerts.value(r.response()) + ": " + SloAlerts.describe(r)));
    }
    return new Slo(d.name(), d.service(), d.team(), d.objective().percent(), d.window().text(), d.zone().getId(),
        d.budgeting().value(), d.alerting().value(), source(d.sli()), s == null ? NOT_EVALUATED : s.state(),
        s == null ? "not evaluated yet" : s.summary(), s != null && s.stale(), s == null ? null : s.evaluatedAt(),
        s == null ? null : s.measuredAt(), s == null ? null : s.sli(), budget,
        budget.consumedShare() != null && budget.consumedShare().compareTo(BigDecimal.ONE) >= 0, rates,
        s == null ? null : s.exhaustedAt(), s == null ? null : s.periodStart(), s == null ? null : s.periodEnd(),
        firing, s == null ? List.of() : s.raised(), s == null ? null : s.lastDataAt(),
        s == null ? null : s.lastError(), s == null ? null : s.lastErrorAt());
  }

  private static Budget budget(SloDefinition d, SloBoard.Status s) {
    String unit = d.sliced() ? "slices" : d.sli().incidents() != null ? "seconds" : "events";
    if (s == null) {
      return new Budget(unit, null, null, null, null, null, null, null, null);
    }
    BigDecimal remaining = s.budgetTotal().subtract(s.budgetConsumed());
    BigDecimal seconds = s.budgetUnitSeconds();
    return new Budget(unit, s.budgetTotal(), s.budgetConsumed(), remaining,
        seconds == null ? null : s.budgetTotal().multiply(seconds),
        seconds == null ? null : s.budgetConsumed().multiply(seconds),
        seconds == null ? null : remaining.multiply(seconds), s.consumedShare(), s.remainingShare().orElse(null));
  }

  /** Where the SLI comes from, in words. */
  static String source(Catalog.Sli sli) {
    if (sli.probe() != null) {
      return "probe " + sli.probe().probe() + (sli.probe().latencyBelow() == null ? ": successful checks"
          : ": successful checks faster than " + CatalogDurations.text(sli.probe().latencyBelow()));
    }
    if (sli.prometheus() != null) {
      Catalog.PrometheusSli p = sli.prometheus();
      String what = p.query() != null ? "query " + p.query()
          : p.histogram() != null ? "histogram " + p.histogram() + " below "
              + CatalogDurations.text(p.latencyBelow())
          : (p.good() != null ? "good " + p.good() : "bad " + p.bad()) + " over " + p.total();
      return "Prometheus " + p.source() + ": " + what;
    }
    List<String> severities = sli.incidents().severities();
    return "incidents" + (severities.isEmpty() ? "" : " of severity " + String.join(", ", severities));
  }

  private static Map.Entry<String, String> tag(String label, Catalog all) {
    int eq = label.indexOf('=');
    if (eq <= 0) {
      throw new InvalidException("label: expected a service tag as key=value, got '" + label + "'");
    }
    Map.Entry<String, String> tag = Map.entry(label.substring(0, eq), label.substring(eq + 1));
    if (all.services().stream().noneMatch(s -> tag.getValue().equals(s.tags().get(tag.getKey())))) {
      throw new InvalidException("label: no service is tagged " + label);
    }
    return tag;
  }

  private static boolean given(String value) {
    return value != null && !value.isBlank();
  }
}
