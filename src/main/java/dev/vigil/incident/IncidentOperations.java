package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentChanged.Change;
import dev.vigil.incident.OperationsRepository.State;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Running an incident beyond acknowledging and resolving it: severity (classified at creation, changed with a
 * reason), mitigation, the incident roles, extra responders, downstream impact from the dependency graph, merging
 * and splitting. Every action is on the timeline with who did it and through what, in the same transaction.
 */
@Service
public class IncidentOperations {

  /** The incident roles, as stored. */
  static final List<String> ROLES = List.of("commander", "communications", "scribe");

  private final OperationsRepository operations;
  private final Timeline timeline;
  private final CatalogQueries catalog;
  private final StatusUpdates statusUpdates;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final IncidentChanges changes;
  private final Clock clock;

  IncidentOperations(OperationsRepository operations, Timeline timeline,
      CatalogQueries catalog, StatusUpdates statusUpdates, TransactionTemplate transactions,
      ApplicationEventPublisher events, IncidentChanges changes, Clock clock) {
    this.operations = operations;
    this.timeline = timeline;
    this.catalog = catalog;
    this.statusUpdates = statusUpdates;
    this.transactions = transactions;
    this.events = events;
    this.changes = changes;
    this.clock = clock;
  }

  // ---- severity and topology at intake (called inside the intake's transaction) ----

  /**
   * An alert on {@code service} joined an open incident (of its own service or, as downstream impact, of an
   * upstream one): when the policy rates it more severe than the incident, the incident's severity goes up (on the
   * timeline, with the rule) and paging is evaluated again.
   */
  void alertJoined(java.util.function.Supplier<Catalog> catalogSnapshot, long incidentId, String service,
      AlertSeverity alertSeverity, Map<String, String> labels, String source) {
    // Intake holds the incident share-locked, as concurrent joiners do: only an actual raise takes the row lock
    // (a race between two raises is a deadlock that intake retries, and the retry finds the raise done).
    State seen = operations.find(incidentId).orElseThrow();
    if (seen.severity() != null && catalog.incidentPolicy().rank(seen.severity()) == 0) {
      return; // already the most severe: nothing to raise, and no need to read the whole catalog
    }
    Catalog snapshot = catalogSnapshot.get();
    Catalog.IncidentPolicy policy = snapshot.incidentPolicyOrDefault();
    SeverityPolicy.Classification c = SeverityPolicy.classify(snapshot, service, alertSeverity, labels);
    if (SeverityPolicy.isUpgrade(policy, seen.severity(), c.severity())) {
      State state = operations.lock(incidentId).orElseThrow();
      applySeverity(state, policy, c.severity(), c.rule(), "an alert on " + service + " matched rule " + c.rule(),
          null, source);
    }
  }

  /**
   * The open incident an alert on {@code service} joins as downstream impact: the nearest service it depends on
   * (directly or not) with an open incident, unless the service turned {@code correlate_upstream} off. The incident
   * found is locked.
   */
  public Optional<Long> upstreamIncident(String service) {
    Optional<Catalog.Service> declared = catalog.one(CatalogKind.SERVICE, service, Catalog.Service.class)
        .map(CatalogQueries.Managed::object);
    if (declared.isEmpty() || !declared.get().correlatesUpstream() || declared.get().dependsOn().isEmpty()) {
      return Optional.empty();
    }
    return Topology.upstreamOpenIncident(catalog.dependencyGraph(), service, operations::lockOpenIncidentOfService);
  }

  /**
   * Records that an alert on {@code service} joined {@code incidentId} as downstream impact; the first alert of each
   * service is on the timeline. Nobody is paged for it.
   */
  public void attachDownstream(long incidentId, String service, long alertId, String source) {
    long serviceId = operations.serviceId(service).orElseThrow();
    if (operations.addImpact(incidentId, serviceId, alertId, clock.instant())) {
      timeline.record(incidentId, null, source, new TimelineEvent.DownstreamImpact(service, alertId));
    }
  }

  // ---- people's actions ----

  /** Impact has stopped though the cause may remain: escalation stops. Mitigating twice is not an error. */
  public void mitigate(long incidentId, String actor, String channel) {
    transactions.executeWithoutResult(tx -> {
      State state = require(incidentId);
      if (state.resolved()) {
        throw new RefusedException("incident " + incidentId + " is resolved; it cannot be mitigated");
      }
      if (operations.mitigate(incidentId, actor, clock.instant())) {
        timeline.record(incidentId, actor, channel, new TimelineEvent.Mitigated());
        changes.publish(incidentId, Change.MITIGATED, actor);
      }
    });
  }

  /**
   * Sets the severity by hand; the reason is required and goes on the timeline. A raise re-evaluates paging, tells
   * stakeholders if the new severity does, and tells the postmortems when a resolved incident's severity changed.
   */
  public void changeSeverity(long incidentId, String severity, String reason, String actor, String channel) {
    if (severity == null || severity.isBlank()) {
      throw new InvalidException("severity: required, one of " + String.join(", ",
          SeverityPolicy.names(catalog.incidentPolicy())));
    }
    if (reason == null || reason.isBlank()) {
      throw new InvalidException("reason: changing the severity needs a reason");
    }
    if (reason.length() > 2000) {
      throw new InvalidException("reason: at most 2,000 characters");
    }
    transactions.executeWithoutResult(tx -> {
      State state = require(incidentId);
      Catalog.IncidentPolicy policy = catalog.incidentPolicy();
      if (policy.severity(severity).isEmpty()) {
        throw new InvalidException("severity: '" + severity + "' is not one of "
            + String.join(", ", SeverityPolicy.names(policy)));
      }
      if (severity.equals(state.severity())) {
        return;
      }
      applySeverity(state, policy, severity, "set by " + (actor == null ? "Vigil" : actor), reason, actor, channel);
    });
  }

  private void applySeverity(State state, Catalog.IncidentPolicy policy, String severity, String rule, String reason,
      String actor, String channel) {
    boolean raised = SeverityPolicy.isUpgrade(policy, state.severity(), severity);
    operations.severity(state.id(), severity, rule, SeverityPolicy.urgency(policy, severity).value(),
        clock.instant());
    timeline.record(state.id(), actor, channel, new TimelineEvent.SeverityChanged(state.severity(), severity, reason));
    if (state.resolved()) {
      changes.publish(state.id(), Change.REGRADED, actor);
      return;
    }
    if (raised) {
      changes.publish(state.id(), Change.SEVERITY_RAISED, actor);
      boolean told = state.severity() != null && policy.severity(state.severity())
          .map(Catalog.SeverityLevel::notifiesStakeholders).orElse(false);
      if (!told && policy.severity(severity).map(Catalog.SeverityLevel::notifiesStakeholders).orElse(false)) {
        statusUpdates.announce(state.id());
      }
    }
  }

  /** Gives a role (commander, communications, scribe) to a user of the catalog. */
  public void assignRole(long incidentId, String role, String user, String actor, String channel) {
    String r = role(role);
    if (user == null || user.isBlank()) {
      throw new InvalidException("user: required, the name of a user in the catalog");
    }
    if (catalog.one(CatalogKind.USER, user, Catalog.User.class).isEmpty()) {
      throw new InvalidException("user: no user named '" + user + "'");
    }
    transactions.executeWithoutResult(tx -> {
      require(incidentId);
      Optional<String> previous = operations.roleHolder(incidentId, r);
      if (previous.isPresent() && previous.get().equals(user)) {
        return;
      }
      operations.assignRole(incidentId, r, user, actor, clock.instant());
      timeline.record(incidentId, actor, channel, new TimelineEvent.RoleAssigned(r, user, previous.orElse(null)));
    });
  }

  /**
   * Hands the incident to a user of the catalog, who has it from then on (ADR 0034); the escalation goes on until
   * someone acknowledges. Handing it to whoever has it already changes nothing.
   */
  public void handOver(long incidentId, String user, String actor, String channel) {
    if (user == null || user.isBlank()) {
      throw new InvalidException("assignee: required, the name of a user in the catalog");
    }
    if (catalog.one(CatalogKind.USER, user, Catalog.User.class).isEmpty()) {
      throw new InvalidException("assignee: no user named '" + user + "'");
    }
    transactions.executeWithoutResult(tx -> {
      if (require(incidentId).resolved()) {
        throw new RefusedException("incident " + incidentId + " is resolved; there is nothing left to hand over");
      }
      List<String> before = operations.assignees(incidentId);
      if (before.equals(List.of(user))) {
        return;
      }
      operations.handOver(incidentId, user, clock.instant());
      timeline.record(incidentId, actor, channel, new TimelineEvent.HandedOver(user, before.isEmpty() ? null
          : before));
    });
  }

  /** Takes a role away from whoever holds it. */
  public void removeRole(long incidentId, String role, String actor, String channel) {
    String r = role(role);
    transactions.executeWithoutResult(tx -> {
      require(incidentId);
      Optional<String> previous = operations.roleHolder(incidentId, r);
      if (previous.isEmpty()) {
        throw new NotFoundException("nobody holds the role " + r + " on incident " + incidentId);
      }
      operations.removeRole(incidentId, r);
      timeline.record(incidentId, actor, channel, new TimelineEvent.RoleRemoved(r, previous.get()));
    });
  }

  /** The stored name of a role, accepting the long forms (incident-commander, communications-lead). */
  static String role(String role) {
    String r = role == null ? "" : role.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    return switch (r) {
      case "commander", "incident_commander", "ic" -> "commander";
      case "communications", "communications_lead", "comms" -> "communications";
      case "scribe" -> "scribe";
      default -> throw new InvalidException("role: '" + role + "' is not one of commander, communications,"
          + " scribe");
    };
  }

  /** Pages more people now: each target is a user, a schedule's on-call person or a whole team. */
  public void requestResponders(long incidentId, List<Catalog.Target> targets, String message, String actor,
      String channel) {
    if (targets == null || targets.isEmpty()) {
      throw new InvalidException("targets: at least one of {\"user\": ...}, {\"schedule\": ...}, {\"team\": ...}");
    }
    if (message != null && message.length() > 2000) {
      throw new InvalidException("message: at most 2,000 characters");
    }
    List<String> problems = new ArrayList<>();
    List<Map<String, String>> shown = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Catalog.Target t = targets.get(i);
      int set = (t == null ? 0 : (t.user() != null ? 1 : 0) + (t.schedule() != null ? 1 : 0)
          + (t.team() != null ? 1 : 0));
      if (set != 1) {
        problems.add("targets[" + i + "]: exactly one of user, schedule or team");
      } else if (t.user() != null && catalog.one(CatalogKind.USER, t.user(), Catalog.User.class).isEmpty()) {
        problems.add("targets[" + i + "].user: no user named '" + t.user() + "'");
      } else if (t.schedule() != null
          && catalog.one(CatalogKind.SCHEDULE, t.schedule(), Catalog.Schedule.class).isEmpty()) {
        problems.add("targets[" + i + "].schedule: no schedule named '" + t.schedule() + "'");
      } else if (t.team() != null && catalog.one(CatalogKind.TEAM, t.team(), Catalog.Team.class).isEmpty()) {
        problems.add("targets[" + i + "].team: no team named '" + t.team() + "'");
      } else {
        shown.add(t.user() != null ? Map.of("user", t.user())
            : t.schedule() != null ? Map.of("schedule", t.schedule()) : Map.of("team", t.team()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidException(problems);
    }
    transactions.executeWithoutResult(tx -> {
      State state = require(incidentId);
      if (state.resolved()) {
        throw new RefusedException("incident " + incidentId + " is resolved; there is nothing to respond to");
      }
      timeline.record(incidentId, actor, channel, new TimelineEvent.RespondersRequested(shown,
          message == null || message.isBlank() ? null : message));
      events.publishEvent(new RespondersRequested(incidentId, List.copyOf(targets), actor,
          UUID.randomUUID().toString(), message));
    });
  }

  /**
   * Merges other incidents into this one: their alerts and downstream impact move here, they are resolved as merged
   * (which stops their escalation), and this incident takes the most severe of their severities.
   */
  public void merge(long incidentId, List<Long> others, String actor, String channel) {
    if (others == null || others.isEmpty()) {
      throw new InvalidException("incidents: the ids of at least one incident to merge into this one");
    }
    Set<Long> sources = new LinkedHashSet<>(others);
    if (sources.contains(incidentId)) {
      throw new InvalidException("incidents: an incident cannot be merged into itself");
    }
    if (sources.size() != others.size()) {
      throw new InvalidException("incidents: an id is listed twice");
    }
    transactions.executeWithoutResult(tx -> {
      // Locked in id order, so that two merges of overlapping incidents cannot deadlock.
      List<Long> all = new ArrayList<>(sources);
      all.add(incidentId);
      all.sort(Long::compare);
      Map<Long, State> states = new LinkedHashMap<>();
      for (long id : all) {
        states.put(id, operations.lock(id).orElseThrow(() -> new NotFoundException("no incident with id " + id)));
      }
      State target = states.get(incidentId);
      if (target.resolved()) {
        throw new RefusedException("incident " + incidentId + " is resolved; merge into an open incident");
      }
      Catalog.IncidentPolicy policy = catalog.incidentPolicy();
      String severity = target.severity();
      String from = null;
      Instant now = clock.instant();
      for (long id : sources) {
        State source = states.get(id);
        if (source.resolved()) {
          throw new RefusedException("incident " + id + " is resolved; only open incidents can be merged");
        }
        int moved = operations.moveAllAlerts(id, incidentId);
        operations.moveImpacts(id, incidentId);
        if (source.serviceId() != target.serviceId()) {
          operations.addImpact(incidentId, source.serviceId(), null, now);
        }
        operations.markMerged(id, incidentId, actor, now);
        timeline.record(id, actor, channel, new TimelineEvent.Merged(incidentId, null, null, null));
        timeline.record(incidentId, actor, channel, new TimelineEvent.Merged(null, id, moved, source.service()));
        changes.publish(id, Change.RESOLVED, actor);
        if (source.severity() != null && SeverityPolicy.isUpgrade(policy, severity, source.severity())) {
          severity = source.severity();
          from = "#" + id;
        }
      }
      if (from != null) {
        applySeverity(target, policy, severity, "merged from " + from,
            "incident " + from + " was merged into this one", actor, channel);
      }
    });
  }

  /**
   * Moves some alerts of an incident to a new incident (on {@code service}, by default the same), which keeps the
   * severity and, if the original is being worked on, starts acknowledged by the one who split it; a triggered one
   * escalates on its own. Returns the new incident's id.
   */
  public long split(long incidentId, List<Long> alertIds, String service, String title, String actor,
      String channel) {
    if (alertIds == null || alertIds.isEmpty()) {
      throw new InvalidException("alerts: the ids of at least one alert of the incident to move");
    }
    if (title != null && (title.isBlank() || title.length() > 500)) {
      throw new InvalidException("title: 1 to 500 characters when given");
    }
    Long result = transactions.execute(tx -> {
      State state = require(incidentId);
      if (state.resolved()) {
        throw new RefusedException("incident " + incidentId + " is resolved; only open incidents can be split");
      }
      List<Long> own = operations.alertIds(incidentId);
      List<Long> foreign = alertIds.stream().filter(a -> !own.contains(a)).toList();
      if (!foreign.isEmpty()) {
        throw new InvalidException("alerts: " + foreign + " are not alerts of incident " + incidentId);
      }
      Set<Long> moving = new LinkedHashSet<>(alertIds);
      if (moving.size() == own.size()) {
        throw new InvalidException("alerts: at least one alert must stay on incident " + incidentId);
      }
      String serviceName = service == null ? state.service() : service;
      long serviceId = operations.serviceId(serviceName)
          .orElseThrow(() -> new InvalidException("service: no service named '" + serviceName + "'"));
      String newTitle = title != null ? title
          : operations.alertSummary(moving.iterator().next()).orElse(state.title());
      boolean acknowledged = state.status() != IncidentStatus.TRIGGERED;
      Instant now = clock.instant();
      long created = operations.insertSplit(state, serviceId, "split/" + incidentId + "/" + UUID.randomUUID(),
          newTitle, acknowledged, actor, now);
      operations.moveAlerts(List.copyOf(moving), incidentId, created);
      timeline.record(created, actor, channel, new TimelineEvent.Triggered(null, null, newTitle, null, incidentId));
      if (state.severity() != null) {
        timeline.record(created, actor, channel,
            new TimelineEvent.SeveritySet(state.severity(), "split from #" + incidentId));
      }
      timeline.record(created, actor, channel, new TimelineEvent.Split(incidentId, null, List.copyOf(moving)));
      timeline.record(incidentId, actor, channel, new TimelineEvent.Split(null, created, List.copyOf(moving)));
      if (acknowledged) {
        timeline.record(created, actor, channel,
            new TimelineEvent.Acknowledged("split from an incident being worked on"));
      }
      // Escalation pages a triggered split at once and leaves an acknowledged one alone; its RTO clock starts.
      changes.publish(created, Change.OPENED, actor);
      return created;
    });
    return result == null ? -1 : result;
  }

  private State require(long incidentId) {
    return operations.lock(incidentId).orElseThrow(() -> new NotFoundException("no incident with id " + incidentId));
  }
}
