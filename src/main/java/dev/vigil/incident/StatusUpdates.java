package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentChanged.Change;
import dev.vigil.incident.OperationsRepository.State;
import dev.vigil.incident.OperationsRepository.StatusUpdateRow;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.PublicUrl;
import dev.vigil.web.Formats;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Written updates to an incident's stakeholders: the subscribers of every affected service and the contacts (account
 * managers) of every customer whose contract covers one, in the severity's template, through the notification
 * outbox. Severities that notify stakeholders send the first update, the resolution and a re-opening by themselves.
 */
@Component
class StatusUpdates {

  private final OperationsRepository operations;
  private final CatalogQueries catalog;
  private final Timeline timeline;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final PublicUrl publicUrl;

  StatusUpdates(OperationsRepository operations, CatalogQueries catalog, Timeline timeline,
      TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock, PublicUrl publicUrl) {
    this.operations = operations;
    this.catalog = catalog;
    this.timeline = timeline;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
    this.publicUrl = publicUrl;
  }

  /** A status update as the API shows it. */
  record View(long id, java.time.Instant at, String author, String status, String severity, String message,
      String body, List<String> recipients) {
    static View of(StatusUpdateRow r) {
      return new View(r.id(), r.at(), r.author(), r.status(), r.severity(), r.message(), r.body(), r.recipients());
    }
  }

  /** A responder's update, sent to every stakeholder now. */
  View post(long incidentId, String message, String actor, String channel) {
    if (message == null || message.isBlank()) {
      throw new InvalidException("message: a status update needs some text");
    }
    if (message.length() > 10_000) {
      throw new InvalidException("message: at most 10,000 characters");
    }
    return transactions.execute(tx -> {
      State state = operations.lock(incidentId)
          .orElseThrow(() -> new NotFoundException("no incident with id " + incidentId));
      return View.of(send(state, message, actor, channel));
    });
  }

  List<View> list(long incidentId) {
    operations.find(incidentId).orElseThrow(() -> new NotFoundException("no incident with id " + incidentId));
    return operations.statusUpdates(incidentId).stream().map(View::of).toList();
  }

  /** Vigil's own first update for a severity that notifies stakeholders, in the caller's transaction. */
  void announce(long incidentId) {
    announce(operations.lock(incidentId).orElseThrow());
  }

  private void announce(State state) {
    send(state, "We are investigating an incident affecting " + state.service() + ". Responders have been paged.",
        null, null);
  }

  @EventListener
  @Order(IncidentListenerOrder.STATUS_UPDATES)
  void on(IncidentChanged change) {
    if (change.change() != IncidentChanged.Change.OPENED && change.change() != IncidentChanged.Change.REOPENED
        && change.change() != IncidentChanged.Change.RESOLVED) {
      return;
    }
    IncidentFacts incident = change.incident();
    if (incident.severity() == null || incident.mergedInto() != null) {
      return;
    }
    boolean notifies = catalog.incidentPolicy().severity(incident.severity())
        .map(Catalog.SeverityLevel::notifiesStakeholders).orElse(false);
    if (!notifies) {
      return;
    }
    // The update names the incident's impact and roles, which the event does not carry: read once, to send.
    State state = operations.find(change.incidentId()).orElseThrow();
    switch (change.change()) {
      case OPENED -> announce(state);
      // Stakeholders were told it was resolved: without this they would next read that it is resolved again.
      case REOPENED -> send(state, "The problem affecting " + state.service()
          + " has come back: the incident is open again and we are investigating.", null, null);
      default -> send(state, "The incident is resolved.", null, null);
    }
  }

  /**
   * Renders, stores and queues an update. Vigil's own updates ({@code actor} null) are skipped when nobody is a
   * stakeholder; a person's update is stored either way.
   */
  private StatusUpdateRow send(State state, String message, String actor, String channel) {
    Catalog snapshot = catalog.catalog();
    Topology.BlastRadius radius = Topology.blastRadius(snapshot, state.service());
    List<String> affected = affected(state, radius);
    List<String> recipients = stakeholders(snapshot, affected, radius);
    if (actor == null && recipients.isEmpty()) {
      return null;
    }
    Map<String, String> values = values(state, message, actor, affected, radius);
    String template = template(snapshot, state);
    // The stored update, which the API and the timeline show, reads in UTC; each stakeholder's copy in their zone.
    String body = StatusTemplate.render(template, values);
    long id = operations.insertStatusUpdate(state.id(), actor, state.status().value(), state.severity(), message, body,
        recipients, clock.instant());
    events.publishEvent(new StatusUpdatePosted(state.id(), id));
    String subject = "#" + state.id() + " " + values.get("severity") + " update: " + state.title() + " ("
        + state.status().value() + ")";
    for (String user : recipients) {
      ZoneId zone = snapshot.user(user).flatMap(Catalog.User::zone).orElse(ZoneOffset.UTC);
      Map<String, String> theirs = new LinkedHashMap<>(values);
      theirs.put("started_at", Formats.named(state.createdAt(), zone));
      events.publishEvent(new BulletinRequested(state.id(), user, "status_update", subject,
          StatusTemplate.render(template, theirs), "status-update-" + id + "-" + user));
    }
    timeline.record(state.id(), actor, channel, new TimelineEvent.StatusUpdate(id, message, recipients));
    return operations.statusUpdates(state.id()).stream().filter(u -> u.id() == id).findFirst().orElseThrow();
  }

  /**
   * What a person's update would look like before they write it: a first sentence for the incident's status to
   * start from, the severity's template as it will be filled in (with {@code [your message]} where the text goes),
   * and who would receive it.
   */
  record Draft(String message, String body, List<String> recipients) {}

  Draft draft(long incidentId, String actor) {
    State state = operations.find(incidentId)
        .orElseThrow(() -> new NotFoundException("no incident with id " + incidentId));
    Catalog snapshot = catalog.catalog();
    Topology.BlastRadius radius = Topology.blastRadius(snapshot, state.service());
    List<String> affected = affected(state, radius);
    String body = StatusTemplate.render(template(snapshot, state),
        values(state, "[your message]", actor, affected, radius));
    return new Draft(opening(state), body, stakeholders(snapshot, affected, radius));
  }

  /** A first sentence for an update in the incident's current status. */
  private static String opening(State state) {
    return switch (state.status()) {
      case TRIGGERED -> "We are investigating a problem affecting " + state.service() + ".";
      case ACKNOWLEDGED -> "We have identified a problem affecting " + state.service() + " and are working on it.";
      case MITIGATED -> "A fix is in place for " + state.service() + " and we are monitoring the result.";
      case RESOLVED -> "The problem affecting " + state.service() + " is resolved.";
    };
  }

  /** The severity's own template, or null for the default one. */
  private static String template(Catalog snapshot, State state) {
    return state.severity() == null ? null : snapshot.incidentPolicyOrDefault().severity(state.severity())
        .map(Catalog.SeverityLevel::statusUpdateTemplate).orElse(null);
  }

  private Map<String, String> values(State state, String message, String actor, List<String> affected,
      Topology.BlastRadius radius) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("id", Long.toString(state.id()));
    values.put("title", state.title());
    values.put("severity", state.severity() == null ? "unclassified" : state.severity());
    values.put("status", state.status().value());
    values.put("service", state.service());
    values.put("impact", String.join(", ", affected));
    values.put("customers", radius.customers().isEmpty() ? "none" : String.join(", ", radius.customers().keySet()));
    values.put("message", message);
    values.put("url", publicUrl.incidentPage(state.id()));
    values.put("started_at", Formats.named(state.createdAt(), ZoneOffset.UTC));
    values.put("author", actor == null ? "Vigil" : actor);
    return values;
  }

  /** The incident's service, its dependents and any service that joined it as downstream impact. */
  private List<String> affected(State state, Topology.BlastRadius radius) {
    Set<String> affected = new LinkedHashSet<>(radius.affected());
    operations.impacts(state.id()).forEach(i -> affected.add(i.service()));
    return List.copyOf(affected);
  }

  /** Subscribers of the affected services, then contacts of the customers whose contracts cover them; each once. */
  static List<String> stakeholders(Catalog catalog, List<String> affected, Topology.BlastRadius radius) {
    Set<String> users = new LinkedHashSet<>();
    for (String service : affected) {
      catalog.service(service).ifPresent(s -> users.addAll(s.subscribers()));
    }
    for (Catalog.Customer customer : catalog.customers()) {
      if (radius.customers().containsKey(customer.name()) || customer.contracts().stream()
          .anyMatch(c -> c.services().stream().anyMatch(affected::contains))) {
        users.addAll(customer.contacts());
      }
    }
    return new ArrayList<>(users);
  }
}
