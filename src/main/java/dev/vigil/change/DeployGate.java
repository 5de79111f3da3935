package dev.vigil.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentFacts;
import dev.vigil.incident.Incidents;
import dev.vigil.incident.Topology;
import dev.vigil.maintenance.MaintenanceWindows;
import dev.vigil.slo.ErrorBudgets;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Whether a service may be deployed now: blocked by a change freeze of the catalog, by an open SEV1 or SEV2 incident
 * on the service or upstream of it, or by its error budget policy; every reason is given, in that order (ADR 0052).
 * A recorded override lets the service's next deploy through.
 */
@Service
public class DeployGate {

  /** How long an override waits for the deploy it lets through. */
  static final Duration OVERRIDE_HOLDS = Duration.ofHours(1);

  /** The severities that block deploys: those that page day and night in the built-in incident policy. */
  private static final Set<String> BLOCKING_SEVERITIES = Set.of("SEV1", "SEV2");

  /**
   * The gate's answer.
   *
   * @param decision allowed or blocked
   * @param reasons what blocks, each with its kind and words; kept when an override allows the deploy
   * @param override the override that lets the next deploy through despite the reasons, null without one
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Answer(String service, String decision, List<Reason> reasons, OverrideInForce override, Instant at) {

    public boolean allowed() {
      return "allowed".equals(decision);
    }
  }

  /**
   * One thing that blocks a deploy.
   *
   * @param kind change_freeze, incident or error_budget
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Reason(String kind, String detail) {}

  /** An override as the gate shows it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record OverrideInForce(String reason, Instant overriddenAt, String overriddenBy, Instant expiresAt) {}

  private final CatalogQueries catalog;
  private final Incidents incidents;
  private final ErrorBudgets budgets;
  private final GateOverrides overrides;
  private final Clock clock;

  DeployGate(CatalogQueries catalog, Incidents incidents, ErrorBudgets budgets, GateOverrides overrides,
      Clock clock) {
    this.catalog = catalog;
    this.incidents = incidents;
    this.budgets = budgets;
    this.overrides = overrides;
    this.clock = clock;
  }

  /** The gate's answer for the service now; an unknown service is a 404. */
  @Transactional(readOnly = true)
  public Answer check(String service) {
    Instant now = clock.instant();
    List<Reason> reasons = reasons(declared(service), now);
    if (reasons.isEmpty()) {
      return new Answer(service, "allowed", reasons, null, now);
    }
    return overrides.unused(service, now)
        .map(o -> new Answer(service, "allowed", reasons,
            new OverrideInForce(o.reason(), o.overriddenAt(), o.overriddenBy(), o.expiresAt()), now))
        .orElseGet(() -> new Answer(service, "blocked", reasons, null, now));
  }

  /**
   * Records an override of the blocked gate; the service's next production deploy within the hour uses it. A gate
   * that is not blocked has nothing to override (409).
   */
  @Transactional
  public Answer override(String service, String reason, String by) {
    Catalog.Service s = declared(service);
    if (reason == null || reason.isBlank()) {
      throw new InvalidException("reason: is required: why the deploy goes ahead despite the gate");
    }
    if (reason.length() > 1_000) {
      throw new InvalidException("reason: at most 1000 characters, got " + reason.length());
    }
    Instant now = clock.instant();
    List<Reason> reasons = reasons(s, now);
    if (reasons.isEmpty()) {
      throw new RefusedException("the deploy gate of service " + service + " is open: there is nothing to override");
    }
    overrides.insert(service, reason.strip(), reasons.stream().map(r -> r.kind() + ": " + r.detail()).toList(), now,
        by, now.plus(OVERRIDE_HOLDS));
    return check(service);
  }

  private Catalog.Service declared(String service) {
    return catalog.catalog().service(service)
        .orElseThrow(() -> new NotFoundException("no service named '" + service + "'"));
  }

  private List<Reason> reasons(Catalog.Service service, Instant now) {
    List<Reason> reasons = new ArrayList<>();
    for (Catalog.ChangeFreeze freeze : catalog.catalog().changeFreezes()) {
      if (freeze.covers(service.name(), service.team()) && MaintenanceWindows.active(freeze.window(), now)) {
        reasons.add(new Reason("change_freeze", "change freeze '" + freeze.name() + "'"
            + (freeze.reason() == null ? "" : ": " + freeze.reason())));
      }
    }
    Set<String> watched = new LinkedHashSet<>();
    watched.add(service.name());
    watched.addAll(Topology.upstream(catalog.dependencyGraph(), service.name()));
    for (IncidentFacts incident : incidents.open(watched, 200)) {
      if (incident.severity() != null && BLOCKING_SEVERITIES.contains(incident.severity())) {
        reasons.add(new Reason("incident", "open " + incident.severity() + " incident #" + incident.id() + " on "
            + (incident.service().equals(service.name()) ? "the service" : incident.service() + ", upstream")
            + ": " + incident.title()));
      }
    }
    ErrorBudgets.Decision budget = budgets.decision(service.name());
    if (!budget.allowed()) {
      reasons.add(new Reason("error_budget", budget.decision() + ": " + budget.reason()));
    }
    return reasons;
  }
}
