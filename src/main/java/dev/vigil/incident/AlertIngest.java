package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentChanged.Change;
import dev.vigil.incident.IncidentRepository.AlertRow;
import dev.vigil.incident.IngestOutcome.Accepted;
import dev.vigil.incident.IngestOutcome.IntegrationGone;
import dev.vigil.incident.IngestOutcome.Unroutable;
import dev.vigil.incident.IngestRepository.AlertUpdate;
import dev.vigil.incident.IngestRepository.Group;
import dev.vigil.incident.IngestRepository.KnownAlert;
import dev.vigil.incident.IngestRepository.NewAlert;
import dev.vigil.incident.IngestRepository.NewIncident;
import dev.vigil.incident.IngestRepository.OpenIncident;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alert ingest: a batch of alert events from one integration routed to services, grouped, and stored in one
 * transaction with set-based statements, opening, joining, re-opening and auto-resolving incidents.
 */
@Service
public class AlertIngest {

  /** One try and two retries: enough for the races below, which a retry always finds settled. */
  private static final int INGEST_ATTEMPTS = 3;

  private final IncidentRepository incidents;
  private final IngestRepository ingest;
  private final Timeline timeline;
  private final CatalogQueries catalog;
  private final TransactionTemplate transactions;
  private final IncidentChanges changes;
  private final IncidentOperations operations;
  private final IncidentService lifecycle;
  private final Clock clock;

  AlertIngest(IncidentRepository incidents, IngestRepository ingest, Timeline timeline, CatalogQueries catalog,
      TransactionTemplate transactions, IncidentChanges changes, IncidentOperations operations,
      IncidentService lifecycle, Clock clock) {
    this.incidents = incidents;
    this.ingest = ingest;
    this.timeline = timeline;
    this.catalog = catalog;
    this.transactions = transactions;
    this.changes = changes;
    this.operations = operations;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /**
   * Stores a batch of alert events from one integration in one transaction: when this returns {@link Accepted},
   * every event is durable, so the sender may be told 2xx; any other outcome stored nothing of the batch.
   */
  public IngestOutcome ingest(long integrationId, Catalog.Integration integration, List<AlertEvent> batch) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(tx -> {
          IngestOutcome outcome = ingestOnce(integrationId, integration, batch);
          if (!(outcome instanceof Accepted)) {
            // Refused whole: the runs of the batch before the one refused are not kept either.
            tx.setRollbackOnly();
          }
          return outcome;
        });
      } catch (DuplicateKeyException | ConcurrencyFailureException e) {
        // Two requests carrying the same new alert race to open its incident (an Alertmanager HA pair sends every
        // notification twice), or PostgreSQL broke a deadlock between two batches. Either way the whole batch
        // rolled back and the other transaction has committed: doing it again finds its work and joins it.
        if (attempt == INGEST_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private IngestOutcome ingestOnce(long integrationId, Catalog.Integration integration, List<AlertEvent> batch) {
    // Two requests with the same new alert would both find no row and both insert it. Locking every alert identity
    // of the batch first, in one global order, serialises them without deadlocks between batches.
    ingest.lockIdentities(integrationId, batch.stream().map(AlertEvent::fingerprint).distinct().toList());
    IngestedAlert[] results = new IngestedAlert[batch.size()];
    Map<String, Long> serviceIds = new HashMap<>();
    for (List<Integer> run : runs(batch)) {
      AlertEvent.Action action = batch.get(run.get(0)).action();
      if (action == AlertEvent.Action.ACKNOWLEDGE) {
        run.forEach(i -> results[i] = acknowledgeAlert(integrationId, batch.get(i)));
        continue;
      }
      // The read also tells whether the integration still exists: deleted since the request found it, the batch
      // is refused whole, so that nothing is stored under an integration that is gone.
      Optional<Map<String, KnownAlert>> known = ingest.known(integrationId,
          run.stream().map(i -> batch.get(i).fingerprint()).toList());
      if (known.isEmpty()) {
        return new IntegrationGone();
      }
      if (action == AlertEvent.Action.TRIGGER) {
        Optional<Unroutable> unroutable = trigger(integrationId, integration, batch, run, known.get(), serviceIds,
            results);
        if (unroutable.isPresent()) {
          return unroutable.get();
        }
      } else {
        resolveAlerts(integration, batch, run, known.get(), results);
      }
    }
    return new Accepted(List.of(results));
  }

  /**
   * Cuts a batch into runs of consecutive events with one action and no fingerprint twice. Within a run the order of
   * events cannot change the outcome, so each run is stored with a few set-based statements; across runs the batch's
   * order is kept, so "fire, resolve, fire" of one alert in one request means what it says.
   */
  static List<List<Integer>> runs(List<AlertEvent> batch) {
    List<List<Integer>> runs = new ArrayList<>();
    List<Integer> run = new ArrayList<>();
    Set<String> fingerprints = new HashSet<>();
    for (int i = 0; i < batch.size(); i++) {
      AlertEvent event = batch.get(i);
      if (!run.isEmpty() && (batch.get(run.get(0)).action() != event.action()
          || event.action() == AlertEvent.Action.ACKNOWLEDGE || fingerprints.contains(event.fingerprint()))) {
        runs.add(run);
        run = new ArrayList<>();
        fingerprints.clear();
      }
      run.add(i);
      fingerprints.add(event.fingerprint());
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  /** A firing alert that opens, re-opens or joins an incident of its group (not a repeat of a firing alert). */
  private record Arrival(int index, AlertEvent event, KnownAlert known, Group group) {}

  /** Stores a run of firing alerts, unless one of them is unroutable: then this run has written nothing. */
  private Optional<Unroutable> trigger(long integrationId, Catalog.Integration integration, List<AlertEvent> batch,
      List<Integer> run, Map<String, KnownAlert> known, Map<String, Long> serviceIds, IngestedAlert[] results) {
    Instant now = clock.instant();
    List<AlertUpdate> updates = new ArrayList<>();
    List<Arrival> arrivals = new ArrayList<>();
    Map<Long, String> serviceNames = new HashMap<>();
    for (int i : run) {
      AlertEvent event = batch.get(i);
      KnownAlert alert = known.get(event.fingerprint());
      if (alert != null && alert.firing() && alert.incidentOpen()) {
        updates.add(new AlertUpdate(alert.id(), alert.incidentId(), event, false));
        results[i] = new IngestedAlert(event.fingerprint(), alert.id(), alert.incidentId(), false);
        continue;
      }
      // A new alert, a resolved one firing again, or one still firing whose incident a person resolved.
      Optional<String> routed = route(integration, event.labels());
      if (routed.isEmpty()) {
        return Optional.of(new Unroutable(unroutable(integration, event.labels())));
      }
      String service = routed.get();
      long serviceId = serviceIds.computeIfAbsent(service, name -> catalog.serviceId(name)
          .orElseThrow(() -> new IllegalStateException("integration " + integration.name()
              + " routes to service '" + name + "', which does not exist")));
      serviceNames.put(serviceId, service);
      arrivals.add(new Arrival(i, event, alert, new Group(serviceId, groupingKey(integration, event))));
    }

    Map<Group, List<Arrival>> byGroup = new LinkedHashMap<>();
    arrivals.forEach(a -> byGroup.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(a));
    Map<Group, Long> incidentOf = new HashMap<>();
    Set<Long> opened = new HashSet<>();
    // The severity policy and the dependency graph read the catalog: once per batch, and only when needed.
    Catalog[] snapshot = new Catalog[1];
    java.util.function.Supplier<Catalog> catalogSnapshot = () -> snapshot[0] != null ? snapshot[0]
        : (snapshot[0] = catalog.catalog());
    Map<Long, Optional<Long>> upstreamOf = new HashMap<>();
    Set<Group> downstream = new HashSet<>();
    Set<Group> joinedOpen = new HashSet<>();
    Set<Group> reopened = new HashSet<>();
    List<Timeline.Entry> timelineEntries = new ArrayList<>();
    List<IncidentChanges.Pending> changed = new ArrayList<>();
    if (!byGroup.isEmpty()) {
      ingest.lockGroups(byGroup.keySet());
      Map<Group, OpenIncident> open = ingest.lockOpenIncidents(byGroup.keySet());
      List<NewIncident> toOpen = new ArrayList<>();
      List<Group> lost = new ArrayList<>();
      for (Map.Entry<Group, List<Arrival>> entry : byGroup.entrySet()) {
        Group group = entry.getKey();
        OpenIncident incident = open.get(group);
        Arrival first = entry.getValue().get(0);
        if (incident != null) {
          incidentOf.put(group, incident.id());
          joinedOpen.add(group);
        } else if (reopens(first, integration, now)) {
          long id = first.known().incidentId();
          if (!ingest.reopen(id, now)) {
            // Another transaction re-opened it since we looked, and has committed: join it below.
            lost.add(group);
            continue;
          }
          incidentOf.put(group, id);
          reopened.add(group);
          timelineEntries.add(new Timeline.Entry(id, null, first.event().source(),
              new TimelineEvent.Reopened(first.event().fingerprint(), first.event().summary())));
          changed.add(new IncidentChanges.Pending(id, Change.REOPENED, null));
        } else {
          // An upstream dependency's open incident takes the alert as downstream impact: nobody here is paged.
          Optional<Long> upstream = upstreamOf.computeIfAbsent(group.serviceId(),
              id -> operations.upstreamIncident(serviceNames.get(id)));
          if (upstream.isPresent()) {
            incidentOf.put(group, upstream.get());
            downstream.add(group);
          } else {
            // The incident policy decides the severity, and the severity how it pages: the urgency is the policy's.
            Arrival worst = mostSevere(entry.getValue());
            Catalog all = catalogSnapshot.get();
            SeverityPolicy.Classification severity = SeverityPolicy.classify(all,
                serviceNames.get(group.serviceId()), worst.event().severity(), worst.event().labels());
            toOpen.add(new NewIncident(group, first.event().summary(), severity,
                SeverityPolicy.urgency(all.incidentPolicyOrDefault(), severity.severity())));
          }
        }
      }
      if (!toOpen.isEmpty()) {
        Map<Group, Long> inserted = ingest.openIncidents(integrationId, toOpen, now);
        for (NewIncident incident : toOpen) {
          Long id = inserted.get(incident.group());
          if (id == null) {
            lost.add(incident.group());
            continue;
          }
          incidentOf.put(incident.group(), id);
          opened.add(id);
          Arrival first = byGroup.get(incident.group()).get(0);
          SeverityPolicy.Classification severity = incident.severity();
          timelineEntries.add(new Timeline.Entry(id, null, first.event().source(),
              new TimelineEvent.Triggered(integration.name(), incident.urgency().value(),
                  first.event().summary(), severity.severity(), null)));
          timelineEntries.add(new Timeline.Entry(id, null, null,
              new TimelineEvent.SeveritySet(severity.severity(), severity.rule())));
          changed.add(new IncidentChanges.Pending(id, Change.OPENED, null));
        }
      }
      if (!lost.isEmpty()) {
        // Another transaction opened or re-opened these groups' incidents since we looked, and has committed.
        Map<Group, OpenIncident> joined = ingest.lockOpenIncidents(lost);
        for (Group group : lost) {
          OpenIncident incident = joined.get(group);
          if (incident == null) {
            throw new ConcurrencyFailureException("the open incident of " + group + " changed while joining it");
          }
          incidentOf.put(group, incident.id());
          joinedOpen.add(group);
        }
      }
    }

    List<NewAlert> inserts = new ArrayList<>();
    for (Arrival arrival : arrivals) {
      long incidentId = incidentOf.get(arrival.group());
      if (arrival.known() == null) {
        inserts.add(new NewAlert(incidentId, arrival.event()));
      } else {
        updates.add(new AlertUpdate(arrival.known().id(), incidentId, arrival.event(), true));
      }
      timelineEntries.add(new Timeline.Entry(incidentId, null, arrival.event().source(),
          new TimelineEvent.AlertAdded(arrival.event().fingerprint(), arrival.event().summary(),
              arrival.event().severity().value())));
    }
    Map<String, Long> insertedIds = inserts.isEmpty() ? Map.of() : ingest.insertAlerts(integrationId, inserts, now);
    if (!updates.isEmpty()) {
      ingest.updateAlerts(updates, now);
    }
    timeline.recordAll(timelineEntries);
    for (Arrival arrival : arrivals) {
      long incidentId = incidentOf.get(arrival.group());
      long alertId = arrival.known() == null ? insertedIds.get(arrival.event().fingerprint()) : arrival.known().id();
      results[arrival.index()] = new IngestedAlert(arrival.event().fingerprint(), alertId, incidentId,
          opened.contains(incidentId) && byGroup.get(arrival.group()).get(0) == arrival);
      if (downstream.contains(arrival.group())) {
        operations.attachDownstream(incidentId, serviceNames.get(arrival.group().serviceId()), alertId,
            arrival.event().source());
      }
    }
    // Alerts joining an open incident, here or downstream, may raise its severity by the policy, and with it the
    // urgency; the sender's severity alone never does, or a SEV3 would page at night where the policy says wait.
    for (Group group : byGroup.keySet()) {
      if (downstream.contains(group) || joinedOpen.contains(group)) {
        severityOfJoining(group, byGroup, incidentOf, serviceNames, catalogSnapshot);
      }
    }
    // Published once the alerts are on their incidents, so that escalation pages about complete incidents.
    changes.publish(changed);
    // A re-opened incident keeps its severity unless the alerts re-opening it rate worse. Judged after the re-open is
    // published, so that a raise finds its escalation running again (and pages now only if it was waiting).
    for (Group group : reopened) {
      severityOfJoining(group, byGroup, incidentOf, serviceNames, catalogSnapshot);
    }
    return Optional.empty();
  }

  private void severityOfJoining(Group group, Map<Group, List<Arrival>> byGroup, Map<Group, Long> incidentOf,
      Map<Long, String> serviceNames, java.util.function.Supplier<Catalog> catalogSnapshot) {
    Arrival worst = mostSevere(byGroup.get(group));
    operations.alertJoined(catalogSnapshot, incidentOf.get(group), serviceNames.get(group.serviceId()),
        worst.event().severity(), worst.event().labels(), worst.event().source());
  }

  /** The arrival whose alert the sender rates worst (the first of those when several tie). */
  private static Arrival mostSevere(List<Arrival> arrivals) {
    Arrival worst = arrivals.get(0);
    for (Arrival a : arrivals) {
      if (a.event().severity().ordinal() < worst.event().severity().ordinal()) {
        worst = a;
      }
    }
    return worst;
  }

  /** Whether an alert firing again re-opens its last incident: resolved within the window, same service and group. */
  private static boolean reopens(Arrival arrival, Catalog.Integration integration, Instant now) {
    KnownAlert previous = arrival.known();
    return previous != null && previous.incidentResolvedAt() != null
        && !previous.incidentResolvedAt().isBefore(now.minus(integration.reopenWindowOrDefault()))
        && previous.serviceId() == arrival.group().serviceId()
        && previous.groupingKey().equals(arrival.group().groupingKey());
  }

  private void resolveAlerts(Catalog.Integration integration, List<AlertEvent> batch, List<Integer> run,
      Map<String, KnownAlert> known, IngestedAlert[] results) {
    Instant now = clock.instant();
    List<Integer> firing = new ArrayList<>();
    for (int i : run) {
      AlertEvent event = batch.get(i);
      KnownAlert alert = known.get(event.fingerprint());
      results[i] = new IngestedAlert(event.fingerprint(), alert == null ? null : alert.id(),
          alert == null ? null : alert.incidentId(), false);
      if (alert != null && alert.firing()) {
        firing.add(i);
      }
    }
    if (firing.isEmpty()) {
      return;
    }
    List<Long> incidentIds = firing.stream().map(i -> known.get(batch.get(i).fingerprint()).incidentId())
        .distinct().sorted().toList();
    // Locked before the alerts change, so that no alert joins these incidents between our count and our resolve.
    List<Long> open = integration.autoResolves() ? ingest.lockOpenIncidentsForUpdate(incidentIds) : List.of();
    ingest.resolveAlerts(firing.stream().map(i -> known.get(batch.get(i).fingerprint()).id()).toList(),
        firing.stream().map(i -> batch.get(i).endsAt() == null ? now : batch.get(i).endsAt()).toList(), now);
    List<Timeline.Entry> entries = new ArrayList<>();
    for (int i : firing) {
      // The alert as it fired: a resolve need not repeat its summary and severity (PagerDuty's carries neither).
      KnownAlert alert = known.get(batch.get(i).fingerprint());
      entries.add(new Timeline.Entry(alert.incidentId(), null, batch.get(i).source(),
          new TimelineEvent.AlertResolved(alert.fingerprint(), alert.summary(), alert.severity())));
    }
    List<Long> resolved = List.of();
    if (!open.isEmpty()) {
      Set<Long> stillFiring = ingest.withFiringAlerts(open);
      List<Long> done = open.stream().filter(id -> !stillFiring.contains(id)).toList();
      resolved = done.isEmpty() ? List.of() : ingest.resolveIncidents(done, now);
      String source = batch.get(firing.get(0)).source();
      resolved.forEach(id -> entries.add(new Timeline.Entry(id, null, source,
          new TimelineEvent.Resolved("all alerts resolved"))));
    }
    timeline.recordAll(entries);
    changes.publish(resolved.stream()
        .map(id -> new IncidentChanges.Pending(id, Change.RESOLVED, null)).toList());
  }

  private IngestedAlert acknowledgeAlert(long integrationId, AlertEvent event) {
    Optional<AlertRow> existing = incidents.lockAlert(integrationId, event.fingerprint());
    existing.ifPresent(a -> lifecycle.acknowledgeLocked(a.incidentId(), event.source(), event.source()));
    return new IngestedAlert(event.fingerprint(), existing.map(AlertRow::id).orElse(null),
        existing.map(AlertRow::incidentId).orElse(null), false);
  }

  /**
   * The service an alert goes to: the integration's, else the first matching rule's, else the default; none when no
   * rule matches and there is no default.
   */
  static Optional<String> route(Catalog.Integration integration, Map<String, String> labels) {
    if (integration.service() != null) {
      return Optional.of(integration.service());
    }
    for (Catalog.RoutingRule rule : integration.routing()) {
      if (rule.match().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
        return Optional.of(rule.service());
      }
    }
    return Optional.ofNullable(integration.defaultService());
  }

  private static String unroutable(Catalog.Integration integration, Map<String, String> labels) {
    return "no routing rule of integration '" + integration.name() + "' matches the alert's labels "
        + new TreeMap<>(labels) + " and it has no default_service";
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

}
