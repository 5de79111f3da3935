package dev.vigil.postmortem;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.BulletinRequested;
import dev.vigil.incident.BusinessDays;
import dev.vigil.incident.IncidentChanged.Change;
import dev.vigil.incident.IncidentChanged;
import dev.vigil.incident.IncidentFacts;
import dev.vigil.incident.IncidentIntervals;
import dev.vigil.incident.IncidentListenerOrder;
import dev.vigil.incident.Incidents;
import dev.vigil.incident.OpenIntervals;
import dev.vigil.incident.Timeline;
import dev.vigil.incident.TimelineEvent;
import dev.vigil.incident.TimelineText;
import dev.vigil.incident.Topology;
import dev.vigil.postmortem.PostmortemRepository.ActionItem;
import dev.vigil.sla.SlaExposure;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.PublicUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Postmortems: required when a resolved incident's severity says so, due a number of business days later, with a
 * timeline pre-filled from the incident's and an impact computed from the catalog (duration, affected services,
 * customers, SLA exposure); action items with owners and due dates; reminders for overdue postmortems and action
 * items as durable jobs that each send once.
 */
@Component
class Postmortems {

  /** The durable job that reminds of an unpublished postmortem once it is due, and again every interval. */
  static final TaskDescriptor<PostmortemReminder> POSTMORTEM_REMINDER = TaskDescriptor.of("postmortem-reminder",
      PostmortemReminder.class);

  /** The durable job that reminds an action item's owner once its due date has passed, and again every interval. */
  static final TaskDescriptor<ActionItemReminder> ACTION_ITEM_REMINDER = TaskDescriptor.of("action-item-reminder",
      ActionItemReminder.class);

  /** The n-th reminder job of a postmortem. */
  record PostmortemReminder(long incidentId, int number) {}

  /** The n-th reminder job of an action item for one due date; a changed due date makes older jobs do nothing. */
  record ActionItemReminder(long itemId, String dueDate, int number) {}

  /** The text of a postmortem, as people edit it. */
  record Document(String summary, String impact, String rootCause, List<String> contributingFactors,
      List<String> fiveWhys, List<String> wentWell, List<String> wentBadly, List<TimelineEntry> timeline) {
    Document {
      contributingFactors = contributingFactors == null ? List.of() : List.copyOf(contributingFactors);
      fiveWhys = fiveWhys == null ? List.of() : List.copyOf(fiveWhys);
      wentWell = wentWell == null ? List.of() : List.copyOf(wentWell);
      wentBadly = wentBadly == null ? List.of() : List.copyOf(wentBadly);
      timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }
  }

  /** One line of a postmortem's timeline. */
  record TimelineEntry(Instant at, String text) {}

  /** Changes to a postmortem; absent (null) fields stay as they are. */
  record Update(String summary, String impact, String rootCause, List<String> contributingFactors,
      List<String> fiveWhys, List<String> wentWell, List<String> wentBadly, List<TimelineEntry> timeline,
      String owner, String status) {}

  /** A new action item, or changes to one (absent fields stay as they are). */
  record ItemInput(String title, String owner, String dueDate, String status, String trackerUrl) {}

  /**
   * Impact computed from the incident and the catalog: {@code duration} and {@code downtime} are sums over the times
   * it was open ({@code openIntervals}, more than one when it re-opened).
   */
  record Impact(Instant startedAt, Instant mitigatedAt, Instant resolvedAt, Duration duration, Duration downtime,
      List<OpenIntervals.Interval> openIntervals, String service, List<String> affectedServices,
      List<String> downstreamImpact, Map<String, List<String>> customers, List<SlaExposure.Exposure> slaExposure) {}

  /** A postmortem as the API shows it. */
  record View(long incidentId, String title, String service, String severity, boolean required,
      PostmortemState status, String owner, Instant dueAt, boolean overdue, Instant createdAt, Instant updatedAt,
      Instant publishedAt, int reminders, Document document, Impact impact, List<ActionItem> actionItems) {}

  private final PostmortemRepository postmortems;
  private final Incidents incidents;
  private final IncidentIntervals intervals;
  private final CatalogQueries catalog;
  private final Timeline timeline;
  private final TransactionTemplate transactions;
  private final SlaExposure exposure;
  private final ApplicationEventPublisher events;
  private final ObjectProvider<SchedulerClient> scheduler;
  private final Clock clock;
  private final PublicUrl publicUrl;

  Postmortems(PostmortemRepository postmortems, Incidents incidents,
      IncidentIntervals intervals, CatalogQueries catalog, Timeline timeline, TransactionTemplate transactions,
      ApplicationEventPublisher events, ObjectProvider<SchedulerClient> scheduler, Clock clock,
      PublicUrl publicUrl, SlaExposure exposure) {
    this.exposure = exposure;
    this.postmortems = postmortems;
    this.incidents = incidents;
    this.intervals = intervals;
    this.catalog = catalog;
    this.timeline = timeline;
    this.transactions = transactions;
    this.events = events;
    this.scheduler = scheduler;
    this.clock = clock;
    this.publicUrl = publicUrl;
  }

  @EventListener
  @Order(IncidentListenerOrder.POSTMORTEMS)
  void on(IncidentChanged change) {
    if (change.change() == IncidentChanged.Change.RESOLVED || change.change() == IncidentChanged.Change.REGRADED) {
      requireIfPolicySays(change.incident());
    }
  }

  /**
   * In the caller's transaction: a resolved incident (not merged away) whose severity needs a postmortem gets one,
   * due the policy's business days after the resolution, with its first reminder scheduled for then.
   */
  void requireIfPolicySays(IncidentFacts incident) {
    if (!incident.resolved() || incident.mergedInto() != null || incident.severity() == null) {
      return;
    }
    Catalog.IncidentPolicy policy = catalog.incidentPolicy();
    if (!policy.severity(incident.severity()).map(Catalog.SeverityLevel::requiresPostmortem).orElse(false)) {
      return;
    }
    long incidentId = incident.id();
    Instant now = clock.instant();
    Instant due = BusinessDays.of(policy).endOfBusinessDaysAfter(incident.resolvedAt(),
        policy.postmortemDueDaysOrDefault());
    String owner = defaultOwner(incident);
    if (postmortems.insert(incidentId, true, owner, due, prefilled(incident.id(), incident.title()), now)) {
      timeline.record(incidentId, null, null,
          new TimelineEvent.PostmortemRequired(incident.severity(), due.toString(), owner));
      scheduler.getObject().scheduleIfNotExists(POSTMORTEM_REMINDER.instance(incidentId + "-1")
          .data(new PostmortemReminder(incidentId, 1)).scheduledTo(due));
    }
  }

  /** The commander, else whoever resolved it if they are a user of the catalog. */
  private String defaultOwner(IncidentFacts incident) {
    Optional<String> commander = incidents.roleHolder(incident.id(), "commander");
    if (commander.isPresent()) {
      return commander.get();
    }
    if (incident.resolvedBy() != null
        && catalog.one(CatalogKind.USER, incident.resolvedBy(), Catalog.User.class).isPresent()) {
      return incident.resolvedBy();
    }
    return null;
  }

  /** A draft whose summary is the title and whose timeline is the incident's, in words. */
  private Document prefilled(long incidentId, String title) {
    List<TimelineEntry> lines = incidents.timelineInWords(incidentId).stream()
        .map(line -> new TimelineEntry(line.at(), line.text())).toList();
    return new Document(title, null, null, List.of(), List.of(), List.of(), List.of(), lines);
  }


  View view(long incidentId) {
    IncidentFacts state = incidents.find(incidentId)
        .orElseThrow(() -> new NotFoundException("no incident with id " + incidentId));
    PostmortemRepository.Row row = postmortems.find(incidentId)
        .orElseThrow(() -> new NotFoundException("incident " + incidentId + " has no postmortem"));
    return view(state, row);
  }

  private View view(IncidentFacts state, PostmortemRepository.Row row) {
    Instant now = clock.instant();
    boolean overdue = row.status() != PostmortemState.PUBLISHED && row.dueAt() != null && now.isAfter(row.dueAt());
    return new View(state.id(), state.title(), state.service(), state.severity(), row.required(), row.status(),
        row.owner(), row.dueAt(), overdue, row.createdAt(), row.updatedAt(), row.publishedAt(), row.reminders(),
        row.document(), impact(state, now), postmortems.items(state.id()));
  }

  /**
   * Duration: the time it was open, up to now while it is; downtime: the part of that before each opening's
   * mitigation, which is what the SLA ledger counts; the exposure puts it in its contract period with the rest. A quiet time between a resolution and a re-opening is neither.
   */
  Impact impact(IncidentFacts state, Instant now) {
    Catalog snapshot = catalog.catalog();
    Topology.BlastRadius radius = Topology.blastRadius(snapshot, state.service());
    Set<String> affected = new LinkedHashSet<>(radius.affected());
    List<String> downstream = incidents.downstreamServices(state.id());
    affected.addAll(downstream);
    OpenIntervals open = intervals.of(state.id());
    Duration downtime = open.downtime(now);
    return new Impact(state.createdAt(), state.firstMitigatedAt(), state.resolvedAt(), open.openTime(now), downtime,
        open.intervals(), state.service(), List.copyOf(affected), downstream, radius.customers(),
        exposure.of(List.copyOf(affected), state.id(), state.title(), open, state.createdAt(), now));
  }

  /** Creates (not required, no due date) or edits a postmortem. */
  View update(long incidentId, Update update, String actor, String channel) {
    if (update == null) {
      throw new InvalidException("body: a JSON object with the fields to change");
    }
    List<String> problems = new ArrayList<>();
    text(problems, "summary", update.summary(), 20_000);
    text(problems, "impact", update.impact(), 20_000);
    text(problems, "rootCause", update.rootCause(), 20_000);
    lines(problems, "contributingFactors", update.contributingFactors());
    lines(problems, "fiveWhys", update.fiveWhys());
    lines(problems, "wentWell", update.wentWell());
    lines(problems, "wentBadly", update.wentBadly());
    if (update.timeline() != null) {
      if (update.timeline().size() > 1000) {
        problems.add("timeline: at most 1,000 entries");
      }
      for (int i = 0; i < update.timeline().size(); i++) {
        TimelineEntry e = update.timeline().get(i);
        if (e == null || e.at() == null || e.text() == null || e.text().isBlank()) {
          problems.add("timeline[" + i + "]: needs 'at' (an ISO-8601 instant) and 'text'");
        }
      }
    }
    if (update.status() != null && PostmortemState.parse(update.status()).isEmpty()) {
      problems.add("status: '" + update.status() + "' is not one of " + PostmortemState.listed());
    }
    if (update.owner() != null && catalog.one(CatalogKind.USER, update.owner(), Catalog.User.class).isEmpty()) {
      problems.add("owner: no user named '" + update.owner() + "'");
    }
    if (!problems.isEmpty()) {
      throw new InvalidException(problems);
    }
    return transactions.execute(tx -> {
      IncidentFacts state = incidents.lock(incidentId)
          .orElseThrow(() -> new NotFoundException("no incident with id " + incidentId));
      Instant now = clock.instant();
      if (postmortems.lock(incidentId).isEmpty()) {
        postmortems.insert(incidentId, false, update.owner(), null, prefilled(state.id(), state.title()), now);
      }
      PostmortemRepository.Row row = postmortems.lock(incidentId).orElseThrow();
      Document d = row.document();
      Document changed = new Document(or(update.summary(), d.summary()), or(update.impact(), d.impact()),
          or(update.rootCause(), d.rootCause()), or(update.contributingFactors(), d.contributingFactors()),
          or(update.fiveWhys(), d.fiveWhys()), or(update.wentWell(), d.wentWell()),
          or(update.wentBadly(), d.wentBadly()), or(update.timeline(), d.timeline()));
      PostmortemState status = update.status() == null ? row.status() : PostmortemState.of(update.status());
      Instant published = status == PostmortemState.PUBLISHED ? (row.publishedAt() != null ? row.publishedAt() : now)
          : null;
      postmortems.update(incidentId, status, or(update.owner(), row.owner()), changed, published, now);
      List<String> fields = new ArrayList<>();
      Map<String, Object> given = new LinkedHashMap<>();
      given.put("summary", update.summary());
      given.put("impact", update.impact());
      given.put("rootCause", update.rootCause());
      given.put("contributingFactors", update.contributingFactors());
      given.put("fiveWhys", update.fiveWhys());
      given.put("wentWell", update.wentWell());
      given.put("wentBadly", update.wentBadly());
      given.put("timeline", update.timeline());
      given.put("owner", update.owner());
      given.put("status", update.status());
      given.forEach((k, v) -> {
        if (v != null) {
          fields.add(k);
        }
      });
      timeline.record(incidentId, actor, channel, new TimelineEvent.PostmortemUpdated(fields, status.value()));
      return view(state, postmortems.find(incidentId).orElseThrow());
    });
  }

  ActionItem addItem(long incidentId, ItemInput input, String actor, String channel) {
    if (input == null || input.title() == null || input.title().isBlank()) {
      throw new InvalidException("title: an action item needs a title");
    }
    ItemFields f = itemFields(input, ActionItemState.OPEN);
    return transactions.execute(tx -> {
      postmortems.lock(incidentId).orElseThrow(() -> new NotFoundException("incident " + incidentId
          + " has no postmortem; create it with PUT /api/v1/incidents/" + incidentId + "/postmortem"));
      Instant now = clock.instant();
      long id = postmortems.insertItem(incidentId, input.title().strip(), f.owner, f.dueDate, f.status, f.tracker,
          now);
      timeline.record(incidentId, actor, channel,
          new TimelineEvent.ActionItemAdded(id, input.title().strip(), f.owner));
      ActionItem item = postmortems.lockItem(id).orElseThrow();
      scheduleItemReminder(item, 1);
      return item;
    });
  }

  ActionItem updateItem(long incidentId, long itemId, ItemInput input, String actor, String channel) {
    if (input == null) {
      throw new InvalidException("body: a JSON object with the fields to change");
    }
    if (input.title() != null && input.title().isBlank()) {
      throw new InvalidException("title: must not be empty");
    }
    ItemFields f = itemFields(input, null);
    return transactions.execute(tx -> {
      ActionItem item = postmortems.lockItem(itemId).filter(i -> i.incidentId() == incidentId)
          .orElseThrow(() -> new NotFoundException("incident " + incidentId + " has no action item " + itemId));
      Instant now = clock.instant();
      ActionItemState status = or(f.status, item.status());
      ActionItem changed = new ActionItem(item.id(), incidentId, input.title() == null ? item.title()
          : input.title().strip(), or(f.owner, item.owner()), or(f.dueDate, item.dueDate()), status,
          or(f.tracker, item.trackerUrl()), item.createdAt(), now,
          status.finished() ? (item.completedAt() != null ? item.completedAt() : now) : null, item.reminders());
      postmortems.updateItem(changed, now);
      timeline.record(incidentId, actor, channel, new TimelineEvent.ActionItemUpdated(itemId, status.value()));
      if (!Objects.equals(changed.dueDate(), item.dueDate())) {
        scheduleItemReminder(changed, item.reminders() + 1);
      }
      return postmortems.lockItem(itemId).orElseThrow();
    });
  }

  /** Deletes an action item; its pending reminders then find nothing and do nothing. */
  void deleteItem(long incidentId, long itemId, String actor, String channel) {
    transactions.executeWithoutResult(tx -> {
      ActionItem item = postmortems.lockItem(itemId).filter(i -> i.incidentId() == incidentId)
          .orElseThrow(() -> new NotFoundException("incident " + incidentId + " has no action item " + itemId));
      postmortems.deleteItem(itemId);
      timeline.record(incidentId, actor, channel, new TimelineEvent.ActionItemDeleted(itemId, item.title()));
    });
  }

  private record ItemFields(String owner, LocalDate dueDate, ActionItemState status, String tracker) {}

  private ItemFields itemFields(ItemInput input, ActionItemState defaultStatus) {
    List<String> problems = new ArrayList<>();
    if (input.title() != null && input.title().length() > 500) {
      problems.add("title: at most 500 characters");
    }
    if (input.owner() != null && catalog.one(CatalogKind.USER, input.owner(), Catalog.User.class).isEmpty()) {
      problems.add("owner: no user named '" + input.owner() + "'");
    }
    LocalDate due = null;
    if (input.dueDate() != null) {
      try {
        due = LocalDate.parse(input.dueDate());
      } catch (java.time.format.DateTimeParseException e) {
        problems.add("dueDate: expected a date such as 2026-12-01, got '" + input.dueDate() + "'");
      }
    }
    if (input.status() != null && ActionItemState.parse(input.status()).isEmpty()) {
      problems.add("status: '" + input.status() + "' is not one of " + ActionItemState.listed());
    }
    if (input.trackerUrl() != null && !input.trackerUrl().matches("https?://\\S{1,2000}")) {
      problems.add("trackerUrl: expected an http:// or https:// URL");
    }
    if (!problems.isEmpty()) {
      throw new InvalidException(problems);
    }
    return new ItemFields(input.owner(), due,
        input.status() == null ? defaultStatus : ActionItemState.of(input.status()), input.trackerUrl());
  }

  /** An open item with a due date is reminded of at the end of that day in the business time zone. */
  private void scheduleItemReminder(ActionItem item, int number) {
    if (item.dueDate() == null || item.status().finished()) {
      return;
    }
    Instant at = ZonedDateTime.of(item.dueDate().plusDays(1).atStartOfDay(),
        BusinessDays.of(catalog.incidentPolicy()).zone()).toInstant();
    scheduler.getObject().scheduleIfNotExists(ACTION_ITEM_REMINDER
        .instance(item.id() + "-" + item.dueDate() + "-" + number)
        .data(new ActionItemReminder(item.id(), item.dueDate().toString(), number)).scheduledTo(at));
  }

  /** Reminds of an unpublished postmortem past its due date and schedules the next reminder. */
  void remind(PostmortemReminder job) {
    transactions.executeWithoutResult(tx -> {
      Optional<PostmortemRepository.Row> found = postmortems.lock(job.incidentId());
      if (found.isEmpty() || found.get().status() == PostmortemState.PUBLISHED) {
        return;
      }
      PostmortemRepository.Row row = found.get();
      IncidentFacts state = incidents.find(job.incidentId()).orElseThrow();
      Instant now = clock.instant();
      Catalog.IncidentPolicy policy = catalog.incidentPolicy();
      if (row.dueAt() != null && now.isBefore(row.dueAt())) {
        schedulePostmortemReminder(job.incidentId(), job.number() + 1, row.dueAt());
        return;
      }
      List<String> recipients = recipients(state, row.owner());
      int count = postmortems.countReminder(job.incidentId());
      String subject = "Postmortem overdue: #" + state.id() + " " + state.title();
      String text = "The postmortem of incident #" + state.id() + " (" + state.severity() + ", " + state.service()
          + ") was due " + TimelineText.time(row.dueAt()) + " and is " + row.status().words()
          + ". This is reminder " + count + ".\n\nPostmortem: " + publicUrl.incidentPage(state.id()) + "/postmortem";
      for (String user : recipients) {
        events.publishEvent(new BulletinRequested(state.id(), user, "postmortem_reminder", subject, text,
            "postmortem-reminder-" + state.id() + "-" + job.number() + "-" + user));
      }
      timeline.record(state.id(), null, null, new TimelineEvent.PostmortemReminder(count, recipients));
      schedulePostmortemReminder(job.incidentId(), job.number() + 1, now.plus(policy.reminderIntervalOrDefault()));
    });
  }

  private void schedulePostmortemReminder(long incidentId, int number, Instant at) {
    scheduler.getObject().scheduleIfNotExists(POSTMORTEM_REMINDER.instance(incidentId + "-" + number)
        .data(new PostmortemReminder(incidentId, number)).scheduledTo(at));
  }

  /** Reminds an action item's owner once its due date has passed, while it stays open, every interval. */
  void remind(ActionItemReminder job) {
    transactions.executeWithoutResult(tx -> {
      Optional<ActionItem> found = postmortems.lockItem(job.itemId());
      if (found.isEmpty() || found.get().dueDate() == null || !found.get().dueDate().toString().equals(job.dueDate())
          || found.get().status().finished()) {
        return;
      }
      ActionItem item = found.get();
      IncidentFacts state = incidents.find(item.incidentId()).orElseThrow();
      String owner = item.owner() != null ? item.owner()
          : postmortems.find(item.incidentId()).map(PostmortemRepository.Row::owner).orElse(null);
      List<String> recipients = recipients(state, owner);
      int count = postmortems.countItemReminder(item.id());
      String subject = "Action item overdue: " + item.title() + " (#" + state.id() + ")";
      String text = "The action item \"" + item.title() + "\" from the postmortem of incident #" + state.id() + " ("
          + state.title() + ") was due " + item.dueDate() + " and is " + item.status().words() + "."
          + (item.trackerUrl() == null ? "" : "\nTracker: " + item.trackerUrl())
          + "\n\nPostmortem: " + publicUrl.incidentPage(state.id()) + "/postmortem";
      for (String user : recipients) {
        events.publishEvent(new BulletinRequested(state.id(), user, "action_item_reminder", subject, text,
            "action-item-reminder-" + item.id() + "-" + job.dueDate() + "-" + job.number() + "-" + user));
      }
      timeline.record(state.id(), null, null,
          new TimelineEvent.ActionItemReminder(item.id(), count, recipients));
      Instant next = clock.instant().plus(catalog.incidentPolicy().reminderIntervalOrDefault());
      scheduler.getObject().scheduleIfNotExists(ACTION_ITEM_REMINDER
          .instance(item.id() + "-" + job.dueDate() + "-" + (job.number() + 1))
          .data(new ActionItemReminder(item.id(), job.dueDate(), job.number() + 1)).scheduledTo(next));
    });
  }

  /** The owner; without one the commander; without one the members of the team owning the service. */
  private List<String> recipients(IncidentFacts state, String owner) {
    if (owner != null) {
      return List.of(owner);
    }
    Optional<String> commander = incidents.roleHolder(state.id(), "commander");
    if (commander.isPresent()) {
      return List.of(commander.get());
    }
    return catalog.one(CatalogKind.SERVICE, state.service(), Catalog.Service.class)
        .flatMap(s -> catalog.one(CatalogKind.TEAM, s.object().team(), Catalog.Team.class))
        .map(t -> t.object().members()).orElse(List.of());
  }

  List<View> list(String status, boolean overdue) {
    PostmortemState wanted = status == null ? null : PostmortemState.parse(status).orElseThrow(
        () -> new InvalidException("status: '" + status + "' is not one of " + PostmortemState.listed()));
    List<View> views = new ArrayList<>();
    for (PostmortemRepository.Row row : postmortems.list(wanted, overdue ? clock.instant() : null)) {
      incidents.find(row.incidentId()).ifPresent(state -> views.add(view(state, row)));
    }
    return views;
  }

  String markdown(long incidentId) {
    return PostmortemMarkdown.render(view(incidentId));
  }

  private static void text(List<String> problems, String field, String value, int max) {
    if (value != null && value.length() > max) {
      problems.add(field + ": at most " + max + " characters");
    }
  }

  private static void lines(List<String> problems, String field, List<String> values) {
    if (values == null) {
      return;
    }
    if (values.size() > 100) {
      problems.add(field + ": at most 100 entries");
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null || values.get(i).isBlank() || values.get(i).length() > 5000) {
        problems.add(field + "[" + i + "]: 1 to 5,000 characters");
      }
    }
  }

  private static <T> T or(T value, T otherwise) {
    return value != null ? value : otherwise;
  }
}
