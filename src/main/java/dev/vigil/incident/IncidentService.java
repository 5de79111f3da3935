package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentRepository.AlertRow;
import dev.vigil.incident.IncidentRepository.IncidentRow;
import dev.vigil.web.BadRequestException;
import dev.vigil.web.ConflictException;
import dev.vigil.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incident lifecycle: alerts open, join, re-open and resolve incidents; people acknowledge, resolve, escalate
 * and annotate them. Every change is on the incident's timeline, in the same transaction as the change.
 */
@Service
public class IncidentService {

  private final IncidentRepository incidents;
  private final Timeline timeline;
  private final CatalogQueries catalog;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  IncidentService(IncidentRepository incidents, Timeline timeline, CatalogQueries catalog,
      TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
    this.incidents = incidents;
    this.timeline = timeline;
    this.catalog = catalog;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
  }

  /** Published inside the transaction that changed an incident, so that listeners act in the same transaction. */
  public record IncidentChanged(long incidentId, Change change, String actor) {}

  /** What happened to an incident. */
  public enum Change {
    OPENED, REOPENED, ACKNOWLEDGED, RESOLVED, ESCALATE_NOW
  }

  /** What other features need to know of an incident to page about it. */
  public record Facts(long id, String title, String service, String status, String urgency, Instant createdAt,
      Instant acknowledgedAt) {}

  /** The incident's facts, locking its row when called inside a transaction (so status cannot change under us). */
  public Optional<Facts> lock(long incidentId) {
    return incidents.lockIncident(incidentId).map(IncidentService::facts);
  }

  public Optional<Facts> facts(long incidentId) {
    return incidents.find(incidentId).map(IncidentService::facts);
  }

  /** The open (triggered or acknowledged) incidents of these services, newest first, at most {@code limit}. */
  public List<Facts> open(java.util.Collection<String> services, int limit) {
    if (services.isEmpty()) {
      return List.of();
    }
    return incidents.page(new IncidentQuery(List.of("triggered", "acknowledged"), List.copyOf(services), null, null,
        null, null, null, limit)).stream().limit(limit).map(IncidentService::facts).toList();
  }

  private static Facts facts(IncidentRow r) {
    return new Facts(r.id(), r.title(), r.service(), r.status(), r.urgency(), r.createdAt(), r.acknowledgedAt());
  }

  /**
   * An acknowledgement nobody followed up within the policy's timeout: the incident is triggered again and its
   * escalation starts over. Does nothing if the incident was acknowledged again or resolved since.
   */
  public boolean acknowledgementTimedOut(long incidentId, Instant acknowledgedAt) {
    return Boolean.TRUE.equals(transactions.execute(tx -> {
      Optional<IncidentRow> incident = incidents.lockIncident(incidentId);
      if (incident.isEmpty() || !incident.get().status().equals("acknowledged")
          || !acknowledgedAt.equals(incident.get().acknowledgedAt())) {
        return false;
      }
      incidents.reopen(incidentId, clock.instant());
      timeline.record(incidentId, Timeline.Kind.ESCALATED, null, null,
          Map.of("reason", "acknowledgement timed out"));
      events.publishEvent(new IncidentChanged(incidentId, Change.REOPENED, null));
      return true;
    }));
  }

  /**
   * Stores a batch of alert events from one integration in one transaction: when this returns, every event is
   * durable, so the sender may be told 2xx.
   */
  public List<IngestedAlert> ingest(long integrationId, Catalog.Integration integration, List<AlertEvent> batch) {
    return transactions.execute(tx -> {
      // Two requests with the same new alert (an Alertmanager HA pair sends everything twice) would both find no
      // row and both insert it. Locking each alert identity first, in one global order, serialises them without
      // deadlocks between batches.
      batch.stream().map(AlertEvent::fingerprint).distinct().sorted()
          .forEach(fingerprint -> incidents.lockIdentity(integrationId, fingerprint));
      List<IngestedAlert> results = new ArrayList<>(batch.size());
      Map<String, Long> serviceIds = new HashMap<>();
      for (AlertEvent event : batch) {
        results.add(switch (event.action()) {
          case TRIGGER -> trigger(integrationId, integration, event, serviceIds);
          case RESOLVE -> resolveAlert(integrationId, integration, event);
          case ACKNOWLEDGE -> acknowledgeAlert(integrationId, event);
        });
      }
      return results;
    });
  }

  private IngestedAlert trigger(long integrationId, Catalog.Integration integration, AlertEvent event,
      Map<String, Long> serviceIds) {
    Instant now = clock.instant();
    Optional<AlertRow> existing = incidents.lockAlert(integrationId, event.fingerprint());
    Optional<IncidentRow> previous = existing.flatMap(a -> incidents.lockIncident(a.incidentId()));
    if (existing.isPresent() && existing.get().status().equals("firing")
        && previous.map(i -> !i.status().equals("resolved")).orElse(false)) {
      AlertRow alert = existing.get();
      incidents.refireAlert(alert.id(), alert.incidentId(), event, false, now);
      return new IngestedAlert(event.fingerprint(), alert.id(), alert.incidentId(), false);
    }
    // A new alert, a resolved one firing again, or one still firing whose incident a person resolved.
    String service = route(integration, event.labels());
    long serviceId = serviceIds.computeIfAbsent(service, name -> catalog.serviceId(name)
        .orElseThrow(() -> new IllegalStateException("integration " + integration.name()
            + " routes to service '" + name + "', which does not exist")));
    String groupingKey = groupingKey(integration, event);
    Urgency urgency = event.severity().urgency();

    long incidentId;
    boolean opened = false;
    Change change = null;
    Optional<Long> open = incidents.openIncidentOfGroup(serviceId, groupingKey);
    if (open.isPresent()) {
      incidentId = open.get();
    } else if (previous.isPresent() && previous.get().resolvedAt() != null
        && !previous.get().resolvedAt().isBefore(now.minus(integration.reopenWindowOrDefault()))
        && previous.get().serviceId() == serviceId && previous.get().groupingKey().equals(groupingKey)) {
      incidentId = previous.get().id();
      incidents.reopen(incidentId, now);
      timeline.record(incidentId, Timeline.Kind.REOPENED, null, event.source(),
          Map.of("fingerprint", event.fingerprint(), "summary", event.summary()));
      change = Change.REOPENED;
    } else {
      Optional<Long> inserted = incidents.insertOpen(serviceId, integrationId, groupingKey, event.summary(),
          urgency, now);
      if (inserted.isPresent()) {
        incidentId = inserted.get();
        opened = true;
        timeline.record(incidentId, Timeline.Kind.TRIGGERED, null, event.source(),
            Map.of("integration", integration.name(), "urgency", urgency.value(), "summary", event.summary()));
        change = Change.OPENED;
      } else {
        // Another transaction opened the group's incident since we looked; it has committed, so join it.
        incidentId = incidents.openIncidentOfGroup(serviceId, groupingKey).orElseThrow();
      }
    }
    if (!opened && urgency == Urgency.HIGH) {
      incidents.raiseToHighUrgency(incidentId, now);
    }
    long alertId;
    if (existing.isPresent()) {
      alertId = existing.get().id();
      incidents.refireAlert(alertId, incidentId, event, true, now);
    } else {
      alertId = incidents.insertAlert(integrationId, incidentId, event, now);
    }
    timeline.record(incidentId, Timeline.Kind.ALERT_ADDED, null, event.source(), alertDetail(event));
    if (change != null) {
      // Published once the alert is on the incident, so that escalation pages about a complete incident.
      events.publishEvent(new IncidentChanged(incidentId, change, null));
    }
    return new IngestedAlert(event.fingerprint(), alertId, incidentId, opened);
  }

  private IngestedAlert resolveAlert(long integrationId, Catalog.Integration integration, AlertEvent event) {
    Instant now = clock.instant();
    Optional<AlertRow> existing = incidents.lockAlert(integrationId, event.fingerprint());
    if (existing.isEmpty()) {
      return new IngestedAlert(event.fingerprint(), null, null, false);
    }
    AlertRow alert = existing.get();
    if (alert.status().equals("firing")) {
      incidents.resolveAlert(alert.id(), event.endsAt() == null ? now : event.endsAt(), now);
      timeline.record(alert.incidentId(), Timeline.Kind.ALERT_RESOLVED, null, event.source(), alertDetail(event));
      if (integration.autoResolves() && incidents.firingAlerts(alert.incidentId()) == 0
          && incidents.resolve(alert.incidentId(), null, now)) {
        timeline.record(alert.incidentId(), Timeline.Kind.RESOLVED, null, event.source(),
            Map.of("reason", "all alerts resolved"));
        events.publishEvent(new IncidentChanged(alert.incidentId(), Change.RESOLVED, null));
      }
    }
    return new IngestedAlert(event.fingerprint(), alert.id(), alert.incidentId(), false);
  }

  private IngestedAlert acknowledgeAlert(long integrationId, AlertEvent event) {
    Optional<AlertRow> existing = incidents.lockAlert(integrationId, event.fingerprint());
    existing.ifPresent(a -> acknowledgeLocked(a.incidentId(), event.source(), event.source()));
    return new IngestedAlert(event.fingerprint(), existing.map(AlertRow::id).orElse(null),
        existing.map(AlertRow::incidentId).orElse(null), false);
  }

  /** Acknowledges an incident: escalation stops. Acknowledging twice is not an error. */
  public void acknowledge(long incidentId, String actor, String channel) {
    transactions.executeWithoutResult(tx -> {
      require(incidentId);
      acknowledgeLocked(incidentId, actor, channel);
    });
  }

  private void acknowledgeLocked(long incidentId, String actor, String channel) {
    IncidentRow incident = incidents.lockIncident(incidentId).orElseThrow();
    if (incident.status().equals("resolved")) {
      return;
    }
    if (incidents.acknowledge(incidentId, actor, clock.instant())) {
      timeline.record(incidentId, Timeline.Kind.ACKNOWLEDGED, actor, channel, Map.of());
      events.publishEvent(new IncidentChanged(incidentId, Change.ACKNOWLEDGED, actor));
    }
  }

  /** Resolves an incident, whatever its alerts say; they may re-open it if they fire again. */
  public void resolve(long incidentId, String actor, String channel) {
    transactions.executeWithoutResult(tx -> {
      require(incidentId);
      if (incidents.resolve(incidentId, actor, clock.instant())) {
        timeline.record(incidentId, Timeline.Kind.RESOLVED, actor, channel, Map.of());
        events.publishEvent(new IncidentChanged(incidentId, Change.RESOLVED, actor));
      }
    });
  }

  /** Asks the escalation to page the next step now instead of waiting for its delay. */
  public void escalateNow(long incidentId, String actor, String channel) {
    transactions.executeWithoutResult(tx -> {
      IncidentRow incident = require(incidentId);
      if (incident.status().equals("resolved")) {
        throw new ConflictException("incident " + incidentId + " is resolved; there is nobody left to escalate to");
      }
      timeline.record(incidentId, Timeline.Kind.ESCALATED, actor, channel, Map.of("reason", "escalated by hand"));
      events.publishEvent(new IncidentChanged(incidentId, Change.ESCALATE_NOW, actor));
    });
  }

  public void addNote(long incidentId, String actor, String channel, String text) {
    if (text == null || text.isBlank()) {
      throw new BadRequestException("text: a note needs some text");
    }
    if (text.length() > 20_000) {
      throw new BadRequestException("text: a note is at most 20,000 characters");
    }
    transactions.executeWithoutResult(tx -> {
      require(incidentId);
      timeline.record(incidentId, Timeline.Kind.NOTE, actor, channel, Map.of("text", text));
    });
  }

  private IncidentRow require(long incidentId) {
    return incidents.lockIncident(incidentId)
        .orElseThrow(() -> new NotFoundException("no incident with id " + incidentId));
  }

  /** The service an alert goes to: the integration's, else the first matching rule's, else the default. */
  static String route(Catalog.Integration integration, Map<String, String> labels) {
    if (integration.service() != null) {
      return integration.service();
    }
    for (Catalog.RoutingRule rule : integration.routing()) {
      if (rule.match().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
        return rule.service();
      }
    }
    if (integration.defaultService() == null) {
      throw new BadRequestException("no routing rule of integration '" + integration.name()
          + "' matches the alert's labels " + new TreeMap<>(labels) + " and it has no default_service");
    }
    return integration.defaultService();
  }

  /** Alerts with the same key open or join the same incident of their service. */
  static String groupingKey(Catalog.Integration integration, AlertEvent event) {
    if (integration.groupBy().isEmpty()) {
      return integration.name() + "/fingerprint:" + event.fingerprint();
    }
    StringBuilder key = new StringBuilder(integration.name()).append("/labels");
    for (String label : integration.groupBy()) {
      key.append('|').append(label).append('=').append(event.labels().getOrDefault(label, ""));
    }
    return key.toString();
  }

  private static Map<String, Object> alertDetail(AlertEvent event) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("fingerprint", event.fingerprint());
    detail.put("summary", event.summary());
    detail.put("severity", event.severity().value());
    return detail;
  }
}
