package dev.vigil.escalation;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.escalation.EscalationRepository.Row;
import dev.vigil.incident.IncidentChanged;
import dev.vigil.incident.IncidentFacts;
import dev.vigil.incident.IncidentListenerOrder;
import dev.vigil.incident.IncidentService;
import dev.vigil.incident.IncidentStatus;
import dev.vigil.incident.Incidents;
import dev.vigil.incident.RespondersRequested;
import dev.vigil.incident.RtoBreached;
import dev.vigil.incident.Timeline;
import dev.vigil.incident.TimelineEvent;
import dev.vigil.notify.Outbox;
import dev.vigil.oncall.OnCall;
import dev.vigil.oncall.OnCallService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks an incident through its service's escalation policy: each step pages its targets (users, whoever a
 * schedule has on call then after overrides and temporary schedules, every member of a team), waits its delay, and goes on to the next step until someone
 * acknowledges; the whole policy repeats {@code repeat} more times. Steps are durable jobs, so they fire once across
 * restarts and nodes; a job whose incident moved on (acknowledged, resolved, re-started) does nothing.
 */
@Component
class EscalationEngine {

  /** A step of an escalation run, as a job. */
  record Step(long incidentId, int run, int cycle, int step) {
    String instanceId() {
      return incidentId + "-" + run + "-" + cycle + "-" + step;
    }
  }

  /** The end of an acknowledgement's grace period, as a job. */
  record AckTimeout(long incidentId, Instant acknowledgedAt) {}

  static final TaskDescriptor<Step> STEP = TaskDescriptor.of("escalation-step", Step.class);
  static final TaskDescriptor<AckTimeout> ACK_TIMEOUT = TaskDescriptor.of("acknowledgement-timeout",
      AckTimeout.class);

  private final EscalationRepository escalations;
  private final IncidentService lifecycle;
  private final Incidents incidents;
  private final CatalogQueries catalog;
  private final Outbox outbox;
  private final Timeline timeline;
  private final TransactionTemplate transactions;
  private final ObjectProvider<SchedulerClient> scheduler;
  private final OnCallService onCall;
  private final Clock clock;

  EscalationEngine(EscalationRepository escalations, IncidentService lifecycle, Incidents incidents, CatalogQueries catalog,
      Outbox outbox, Timeline timeline, TransactionTemplate transactions, ObjectProvider<SchedulerClient> scheduler,
      OnCallService onCall, Clock clock) {
    this.escalations = escalations;
    this.lifecycle = lifecycle;
    this.incidents = incidents;
    this.catalog = catalog;
    this.outbox = outbox;
    this.timeline = timeline;
    this.transactions = transactions;
    this.scheduler = scheduler;
    this.onCall = onCall;
    this.clock = clock;
  }

  /** Runs inside the transaction that changed the incident, so the escalation commits with the change. */
  @EventListener
  @Order(IncidentListenerOrder.ESCALATION)
  void on(IncidentChanged change) {
    IncidentFacts incident = change.incident();
    long id = incident.id();
    Instant now = clock.instant();
    Optional<Row> current = escalations.lock(id);
    switch (change.change()) {
      case OPENED -> start(incident, 1, now);
      case REOPENED -> start(incident, current.map(r -> r.run() + 1).orElse(1), now);
      case RESOLVED -> current.ifPresent(r -> escalations.state(id, EscalationState.DONE, null, now));
      case ACKNOWLEDGED -> current.ifPresent(r -> {
        escalations.state(id, EscalationState.ACKNOWLEDGED, null, now);
        policy(r.policy()).map(Catalog.EscalationPolicy::ackTimeout).ifPresent(timeout -> {
          Instant acknowledgedAt = incident.acknowledgedAt();
          scheduler.getObject().scheduleIfNotExists(ACK_TIMEOUT
              .instance(id + "-" + acknowledgedAt.toEpochMilli()).data(new AckTimeout(id, acknowledgedAt))
              .scheduledTo(acknowledgedAt.plus(timeout)));
        });
      });
      case MITIGATED -> current.ifPresent(r -> escalations.state(id, EscalationState.ACKNOWLEDGED, null, now));
      case SEVERITY_RAISED -> {
        // A raise may turn a ticket or a wait for support hours into a page now; an active escalation goes on.
        if (incident.status() == IncidentStatus.TRIGGERED
            && (current.isEmpty() || current.get().state() == EscalationState.WAITING
                || current.get().state() == EscalationState.DONE)) {
          start(incident, current.map(r -> r.run() + 1).orElse(1), now);
        }
      }
      case ESCALATE_NOW -> {
        if (current.isPresent() && current.get().nextAt() != null
            && current.get().state().pending()) {
          Row r = current.get();
          escalations.state(id, EscalationState.ACTIVE, now, now);
          scheduler.getObject().reschedule(
              TaskInstanceId.of(STEP.getTaskName(), new Step(id, r.run(), r.cycle(), r.step()).instanceId()), now);
        } else {
          start(incident, current.map(r -> r.run() + 1).orElse(1), now);
        }
      }
    }
  }

  /** Starts a run of the service's policy for an incident the caller's transaction has changed, and so locked. */
  private void start(IncidentFacts incident, int run, Instant now) {
    long incidentId = incident.id();
    Optional<Catalog.Service> service = catalog.one(CatalogKind.SERVICE, incident.service(), Catalog.Service.class)
        .map(CatalogQueries.Managed::object);
    String policy = service.map(Catalog.Service::escalationPolicy).orElse(null);
    if (policy == null) {
      timeline.record(incidentId, null, null, TimelineEvent.Escalated.because(
          "service " + incident.service() + " has no escalation policy: nobody is paged"));
      return;
    }
    Optional<Catalog.Paging> paging = Optional.ofNullable(incident.severity())
        .flatMap(severity -> catalog.incidentPolicy().severity(severity)).map(Catalog.SeverityLevel::pagingOrDefault);
    if (paging.isPresent() && paging.get() == Catalog.Paging.NEVER) {
      timeline.record(incidentId, null, null,
          TimelineEvent.Escalated.because("severity pages nobody: a ticket for the owning team"));
      return;
    }
    Instant first = now;
    EscalationState state = EscalationState.ACTIVE;
    if (paging.map(p -> p == Catalog.Paging.BUSINESS_HOURS).orElse(incident.urgency().equals("low"))) {
      first = nextSupportTime(service.get().supportHours() == null ? Catalog.SupportHours.DEFAULT
          : service.get().supportHours(), now);
      if (first.isAfter(now)) {
        state = EscalationState.WAITING;
        timeline.record(incidentId, null, null, new TimelineEvent.Escalated(null, null, null,
            "low urgency: paging waits for support hours", first.toString(), null, null));
      }
    }
    escalations.upsert(incidentId, policy, run, 0, 0, state, first, now);
    Step step = new Step(incidentId, run, 0, 0);
    if (first.isAfter(now)) {
      schedule(step, first);
    } else {
      // Due now: paged in the transaction that made it due, which saves a job's round trip before the first page
      // and commits the page with its cause. The incident and its escalation are locked already.
      page(step, policy, incident);
    }
  }

  /** Pages one step's targets and schedules the next step, as a job of its own. */
  void execute(Step job) {
    transactions.executeWithoutResult(tx -> page(job));
  }

  /** Pages one step's targets and schedules the next step, in the caller's transaction. */
  private void page(Step job) {
    Optional<Row> row = escalations.lock(job.incidentId());
    if (row.isEmpty() || row.get().run() != job.run() || row.get().cycle() != job.cycle()
        || row.get().step() != job.step() || !row.get().state().pending()) {
      return; // an older run, or the incident moved on
    }
    Optional<IncidentFacts> incident = incidents.lock(job.incidentId());
    if (incident.isEmpty()) {
      escalations.state(job.incidentId(), EscalationState.DONE, null, clock.instant());
      return;
    }
    page(job, row.get().policy(), incident.get());
  }

  /** Pages a step whose escalation and incident the caller's transaction has locked. */
  private void page(Step job, String policyName, IncidentFacts incident) {
    Instant now = clock.instant();
    Optional<Catalog.EscalationPolicy> policy = policy(policyName);
    if (incident.status() != IncidentStatus.TRIGGERED || policy.isEmpty()
        || job.step() >= policy.get().steps().size()) {
      escalations.state(job.incidentId(), EscalationState.DONE, null, now);
      return;
    }
    Catalog.EscalationStep step = policy.get().steps().get(job.step());
    Map<String, String> paged = new LinkedHashMap<>();
    List<String> gaps = new ArrayList<>();
    OnCallService.StepTargets targets = onCall.targets(step, now);
    gaps.addAll(targets.schedulesWithNobody());
    for (String user : targets.users()) {
      outbox.page(job.incidentId(), user, "escalation step " + (job.step() + 1),
          "escalation-" + job.instanceId() + "-" + user);
      paged.put(user, "paged");
    }
    timeline.record(job.incidentId(), null, null, TimelineEvent.Escalated.paged(policy.get().name(), job.step() + 1,
        job.cycle() + 1, null, List.copyOf(paged.keySet()), gaps));

    Step next = null;
    if (job.step() + 1 < policy.get().steps().size()) {
      next = new Step(job.incidentId(), job.run(), job.cycle(), job.step() + 1);
    } else if (job.cycle() < policy.get().repeat()) {
      next = new Step(job.incidentId(), job.run(), job.cycle() + 1, 0);
    }
    if (next == null) {
      escalations.state(job.incidentId(), EscalationState.DONE, null, now);
      return;
    }
    Instant at = now.plus(step.delay());
    escalations.upsert(job.incidentId(), policyName, job.run(), next.cycle(), next.step(), EscalationState.ACTIVE,
        at, now);
    schedule(next, at);
  }

  /** Pages responders someone asked for, now, each once per request; in the request's transaction. */
  @EventListener
  void on(RespondersRequested request) {
    Instant now = clock.instant();
    OnCallService.StepTargets found = onCall.targets(request.targets(), now);
    List<String> gaps = found.schedulesWithNobody();
    List<String> users = found.users();
    for (String user : users) {
      outbox.page(request.incidentId(), user, "responder requested by " + request.actor(),
          "responders-" + request.requestId() + "-" + user);
    }
    timeline.record(request.incidentId(), null, null, TimelineEvent.Escalated.paged(null, null, null,
        "responders requested by " + request.actor(), users, gaps));
  }

  /** Pages the management step of the service's policy for an incident still open past its RTO. */
  @EventListener
  void on(RtoBreached breach) {
    Optional<Catalog.EscalationPolicy> policy = catalog.one(CatalogKind.SERVICE, breach.service(),
            Catalog.Service.class)
        .map(s -> s.object().escalationPolicy()).flatMap(this::policy);
    if (policy.isEmpty() || policy.get().managementStep() == null) {
      timeline.record(breach.incidentId(), null, null, TimelineEvent.Escalated.because(
          "past the RTO, but the escalation policy has no management step: nobody more is paged"));
      return;
    }
    OnCallService.StepTargets found = onCall.targets(policy.get().managementStep().targets(), clock.instant());
    List<String> gaps = found.schedulesWithNobody();
    List<String> users = found.users();
    for (String user : users) {
      outbox.page(breach.incidentId(), user, "past the RTO: management step",
          "rto-" + breach.incidentId() + "-" + user);
    }
    timeline.record(breach.incidentId(), null, null, TimelineEvent.Escalated.paged(policy.get().name(), "management",
        null, "past the RTO of " + breach.service(), users, gaps));
  }

  /** Starts the policy over when an acknowledgement was not followed by a resolution in time. */
  void execute(AckTimeout job) {
    lifecycle.acknowledgementTimedOut(job.incidentId(), job.acknowledgedAt());
  }

  private Optional<Catalog.EscalationPolicy> policy(String name) {
    return catalog.one(CatalogKind.ESCALATION_POLICY, name, Catalog.EscalationPolicy.class)
        .map(CatalogQueries.Managed::object);
  }

  private void schedule(Step step, Instant at) {
    scheduler.getObject().scheduleIfNotExists(STEP.instance(step.instanceId()).data(step).scheduledTo(at));
  }

  /** The first instant at or after {@code now} inside the support hours (now itself when inside). */
  static Instant nextSupportTime(Catalog.SupportHours hours, Instant now) {
    List<String> days = hours.days().isEmpty() ? List.of("mon", "tue", "wed", "thu", "fri") : hours.days();
    ZoneId zone = ZoneId.of(hours.timeZone());
    ZonedDateTime local = now.atZone(zone);
    if (OnCall.within(days, hours.from(), hours.to(), local)) {
      return now;
    }
    // The window opens at 'from' on one of the next eight days; the first such opening after now is the answer.
    ZonedDateTime day = local.truncatedTo(ChronoUnit.DAYS);
    for (int i = 0; i <= 8; i++) {
      ZonedDateTime opening = day.plusDays(i).toLocalDate().atTime(java.time.LocalTime.parse(hours.from()))
          .atZone(zone);
      if (opening.toInstant().isAfter(now) && OnCall.within(days, hours.from(), hours.to(), opening)) {
        return opening.toInstant();
      }
    }
    return now.plus(Duration.ofDays(1));
  }
}
