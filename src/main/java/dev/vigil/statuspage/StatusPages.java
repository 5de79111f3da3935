package dev.vigil.statuspage;

import dev.vigil.availability.StateHistory;
import dev.vigil.availability.TimeSet;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.ServiceAges;
import dev.vigil.incident.IncidentIntervals;
import dev.vigil.incident.IncidentStatus;
import dev.vigil.incident.OpenIntervals;
import dev.vigil.incident.PublicIncidents.IncidentRow;
import dev.vigil.incident.PublicIncidents.UpdateRow;
import dev.vigil.incident.PublicIncidents;
import dev.vigil.probe.ProbeHistory.ProbeRow;
import dev.vigil.probe.ProbeHistory.Transition;
import dev.vigil.probe.ProbeHistory;
import dev.vigil.statuspage.Intervals.Interval;
import dev.vigil.system.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Builds what a public status page shows from its declaration, the incidents touching its components and their
 * probes: each component's state, the page's banner, incidents with their public updates, maintenance and uptime
 * bars. Only display names and the public text of status updates leave this class (ADR 0012).
 */
@Service
class StatusPages {

  /** How far ahead scheduled maintenance is listed. */
  static final Duration MAINTENANCE_AHEAD = Duration.ofDays(7);

  /** Most resolved incidents listed. */
  static final int MAX_RECENT = 50;

  /** A page as shown. */
  record PageView(Catalog.StatusPage page, ComponentState overall, List<GroupView> groups,
      List<IncidentView> active, List<IncidentView> recent, List<MaintenanceView> maintenance, Instant at) {

    /** Active incidents first, then resolved ones: what the feeds carry. */
    List<IncidentView> incidents() {
      List<IncidentView> all = new ArrayList<>(active);
      all.addAll(recent);
      return all;
    }

    Optional<ComponentView> component(String name) {
      return groups.stream().flatMap(g -> g.components().stream()).filter(c -> c.name().equals(name)).findFirst();
    }
  }

  /** Components under one heading; the heading is null for ungrouped components. */
  record GroupView(String name, List<ComponentView> components) {}

  /** A component as shown. */
  record ComponentView(String name, String description, ComponentState state, UptimeBars.Bars bars) {}

  /** An incident as the public sees it: a made-up title from its components, never its own. */
  record IncidentView(long id, String title, ComponentState impact, String status, Instant startedAt,
      Instant resolvedAt, List<String> components, List<UpdateView> updates) {
    boolean resolved() {
      return resolvedAt != null;
    }

    Instant lastChange() {
      Instant last = resolvedAt != null ? resolvedAt : startedAt;
      return updates.isEmpty() || updates.getFirst().at().isBefore(last) ? last : updates.getFirst().at();
    }
  }

  /** A status update's public part. */
  record UpdateView(long id, Instant at, String status, String text) {}

  /** A maintenance window's occurrence and the components it concerns. */
  record MaintenanceView(String name, Instant start, Instant end, boolean ongoing, List<String> components) {}

  private final CatalogQueries catalog;
  private final PublicIncidents publicIncidents;
  private final ProbeHistory probes;
  private final ServiceAges serviceAges;
  private final IncidentIntervals intervals;
  private final Clock clock;

  StatusPages(CatalogQueries catalog, PublicIncidents publicIncidents, ProbeHistory probes, ServiceAges serviceAges,
      IncidentIntervals intervals, Clock clock) {
    this.catalog = catalog;
    this.publicIncidents = publicIncidents;
    this.probes = probes;
    this.serviceAges = serviceAges;
    this.intervals = intervals;
    this.clock = clock;
  }

  /** The declared page, or a 404 that names the slug. */
  Catalog.StatusPage definition(String slug) {
    return catalog.one(CatalogKind.STATUS_PAGE, slug, Catalog.StatusPage.class).map(CatalogQueries.Managed::object)
        .orElseThrow(() -> new NotFoundException("There is no status page '" + slug + "'."));
  }

  List<Catalog.StatusPage> all() {
    return catalog.catalog().statusPages();
  }

  PageView view(String slug) {
    Catalog.StatusPage page = definition(slug);
    Catalog snapshot = catalog.catalog();
    Instant now = clock.instant();
    ZoneId zone = ZoneId.of(page.timeZoneOrDefault());
    Scope scope = Scope.of(page, probes);
    Instant barsFrom = now.atZone(zone).toLocalDate().minusDays(UptimeBars.DAYS - 1).atStartOfDay(zone).toInstant();
    Instant historyFrom = now.minus(Duration.ofDays(page.incidentsOrDefault().historyDaysOrDefault()));
    Instant since = barsFrom.isBefore(historyFrom) ? barsFrom : historyFrom;
    List<IncidentRow> incidents = publicIncidents.incidents(scope.services(), scope.fingerprints(), since).stream()
        .filter(i -> shown(page, snapshot.incidentPolicyOrDefault(), i.severity())).toList();
    Map<String, List<Catalog.MaintenanceWindow>> windows = new HashMap<>();
    for (String service : scope.services()) {
      windows.put(service, snapshot.service(service).map(Catalog.Service::maintenanceWindows).orElse(List.of()));
    }
    Map<Long, List<Transition>> transitions = new HashMap<>();
    probes.transitions(scope.probes().stream().map(ProbeRow::id).toList(), barsFrom)
        .forEach(t -> transitions.computeIfAbsent(t.probeId(), k -> new ArrayList<>()).add(t));
    Map<String, Instant> servicesCreated = serviceAges.servicesCreated(scope.services());
    Map<Long, OpenIntervals> open = page.showsUptimeBars()
        ? intervals.of(incidents.stream().map(IncidentRow::id).toList()) : Map.of();

    Map<String, List<ComponentView>> grouped = new LinkedHashMap<>();
    grouped.put(null, new ArrayList<>());
    ComponentState overall = ComponentState.OPERATIONAL;
    for (Catalog.StatusComponent component : page.components()) {
      List<ProbeRow> probes = scope.probesOf(component);
      List<IncidentRow> touching = incidents.stream().filter(i -> scope.touches(component, i)).toList();
      List<Catalog.MaintenanceWindow> componentWindows = component.services().stream()
          .flatMap(s -> windows.getOrDefault(s, List.of()).stream()).toList();
      ComponentState state = stateNow(snapshot.incidentPolicyOrDefault(), touching, probes, windows,
          componentWindows, now);
      overall = overall.worse(state);
      UptimeBars.Bars bars = page.showsUptimeBars() ? bars(snapshot.incidentPolicyOrDefault(), touching, open,
          probes, transitions, windows, unprobed(component, probes, servicesCreated, now), zone, barsFrom, now)
          : null;
      grouped.computeIfAbsent(component.group(), g -> new ArrayList<>())
          .add(new ComponentView(component.name(), component.description(), state, bars));
    }
    List<GroupView> groups = grouped.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(e -> new GroupView(e.getKey(), List.copyOf(e.getValue()))).toList();

    Map<Long, List<UpdateView>> updates = new HashMap<>();
    for (UpdateRow u : publicIncidents.updates(incidents.stream().map(IncidentRow::id).toList())) {
      updates.computeIfAbsent(u.incidentId(), k -> new ArrayList<>()).add(publicUpdate(u));
    }
    List<IncidentView> active = new ArrayList<>();
    List<IncidentView> recent = new ArrayList<>();
    for (IncidentRow i : incidents.reversed()) {
      IncidentView view = incidentView(page, scope, snapshot.incidentPolicyOrDefault(), i,
          updates.getOrDefault(i.id(), List.of()));
      if (!i.resolved()) {
        active.add(view);
      } else if (i.resolvedAt().isAfter(historyFrom) && recent.size() < MAX_RECENT) {
        recent.add(view);
      }
    }
    return new PageView(page, overall, groups, active, recent, maintenance(page, windows, now), now);
  }

  /**
   * One incident as the page shows it, if it touches the page and is shown there; without its updates, since a
   * message carries the one it is about.
   */
  Optional<IncidentView> incident(Catalog.StatusPage page, long incidentId) {
    Scope scope = Scope.of(page, probes);
    Catalog.IncidentPolicy policy = catalog.catalog().incidentPolicyOrDefault();
    return publicIncidents.incident(incidentId, scope.services(), scope.fingerprints())
        .filter(i -> shown(page, policy, i.severity()))
        .map(i -> incidentView(page, scope, policy, i, List.of()));
  }

  private static IncidentView incidentView(Catalog.StatusPage page, Scope scope, Catalog.IncidentPolicy policy,
      IncidentRow i, List<UpdateView> updates) {
    List<String> components = page.components().stream().filter(c -> scope.touches(c, i))
        .map(Catalog.StatusComponent::name).toList();
    ComponentState impact = impact(policy, i.severity(), false);
    String title = impact.label() + " affecting " + joined(components);
    return new IncidentView(i.id(), title, impact, publicStatus(i.status()), i.createdAt(), i.resolvedAt(),
        components, updates);
  }

  /** Whether the page shows incidents of this severity: at least its minimum, the unclassified only without one. */
  static boolean shown(Catalog.StatusPage page, Catalog.IncidentPolicy policy, String severity) {
    String min = page.incidentsOrDefault().minSeverity();
    if (min == null) {
      return true;
    }
    int rank = severity == null ? -1 : policy.rank(severity);
    return rank >= 0 && rank <= policy.rank(min);
  }

  /**
   * How bad an incident is for the public: the most severe severity is a major outage, the next a partial outage,
   * milder ones (and unclassified ones) degraded performance; a mitigated incident is degraded at most.
   */
  static ComponentState impact(Catalog.IncidentPolicy policy, String severity, boolean mitigated) {
    int rank = severity == null ? -1 : policy.rank(severity);
    if (mitigated) {
      return ComponentState.DEGRADED;
    }
    return switch (rank) {
      case 0 -> ComponentState.MAJOR_OUTAGE;
      case 1 -> ComponentState.PARTIAL_OUTAGE;
      default -> ComponentState.DEGRADED;
    };
  }

  /**
   * A component's state now: the worst of its open incidents and of its probes (all down is a major outage, some a
   * partial one; a probe whose service is in maintenance does not count), else under maintenance while a window of
   * its services is, else operational.
   */
  static ComponentState stateNow(Catalog.IncidentPolicy policy, List<IncidentRow> incidents, List<ProbeRow> probes,
      Map<String, List<Catalog.MaintenanceWindow>> windows, List<Catalog.MaintenanceWindow> componentWindows,
      Instant now) {
    ComponentState state = ComponentState.OPERATIONAL;
    for (IncidentRow i : incidents) {
      if (!i.resolved()) {
        state = state.worse(impact(policy, i.severity(), IncidentStatus.of(i.status()) == IncidentStatus.MITIGATED));
      }
    }
    List<ProbeRow> watched = probes.stream()
        .filter(p -> !inMaintenance(windows.getOrDefault(p.service(), List.of()), now)).toList();
    long down = watched.stream().filter(p -> p.state().equals("down")).count();
    if (down > 0) {
      state = state.worse(down == watched.size() ? ComponentState.MAJOR_OUTAGE : ComponentState.PARTIAL_OUTAGE);
    }
    if (state == ComponentState.OPERATIONAL && inMaintenance(componentWindows, now)) {
      state = ComponentState.UNDER_MAINTENANCE;
    }
    return state;
  }

  private static boolean inMaintenance(List<Catalog.MaintenanceWindow> windows, Instant at) {
    return !MaintenanceCalendar.between(windows, at, at.plusMillis(1)).isEmpty();
  }

  private static UptimeBars.Bars bars(Catalog.IncidentPolicy policy, List<IncidentRow> incidents,
      Map<Long, OpenIntervals> open, List<ProbeRow> probes, Map<Long, List<Transition>> transitions,
      Map<String, List<Catalog.MaintenanceWindow>> windows, List<Interval> unprobed, ZoneId zone, Instant from,
      Instant now) {
    List<Interval> outage = new ArrayList<>();
    List<Interval> degraded = new ArrayList<>();
    List<Interval> known = new ArrayList<>(unprobed);
    for (ProbeRow probe : probes) {
      StateHistory<String> history = history(transitions.getOrDefault(probe.id(), List.of()), from, now);
      known.addAll(Intervals.list(TimeSet.of(history.window()).minus(history.timeIn("unknown"))));
      List<Interval> down = Intervals.list(history.timeIn("down"));
      List<Interval> maintenance = MaintenanceCalendar.between(windows.getOrDefault(probe.service(), List.of()),
          from, now).stream().map(o -> new Interval(o.start(), o.end())).toList();
      outage.addAll(Intervals.subtract(down, maintenance));
    }
    for (IncidentRow i : incidents) {
      // Only while it was open: a re-opened incident's quiet time between a resolution and the re-opening is neither.
      // An outage lasts until mitigated, degraded performance after; a milder incident is degraded all along.
      boolean outageLevel = impact(policy, i.severity(), false).isOutage();
      for (OpenIntervals.Interval opening : open.get(i.id()).intervals()) {
        Instant end = opening.end(now);
        Instant restored = outageLevel ? opening.restored(now) : opening.opened();
        outage.add(new Interval(opening.opened(), restored));
        degraded.add(new Interval(restored, end));
      }
    }
    // An incident open is known trouble, whether or not a probe had decided a state then.
    known.addAll(outage);
    known.addAll(degraded);
    return UptimeBars.compute(Intervals.union(outage), Intervals.union(degraded), known, zone, now);
  }

  /** The times a probe was down between {@code from} and {@code now}, from its transitions in time order. */
  static List<Interval> downIntervals(List<Transition> transitions, Instant from, Instant now) {
    return Intervals.list(history(transitions, from, now).timeIn("down"));
  }

  /** A probe's states between {@code from} and {@code now}, from its transitions in time order. */
  private static StateHistory<String> history(List<Transition> transitions, Instant from, Instant now) {
    // A transition before the range is the state the range begins in; with none, the probe's state was unknown.
    return StateHistory.of(dev.vigil.availability.Interval.between(from, now), "unknown", transitions);
  }

  /**
   * The times the component's services without a probe on it have existed in Vigil: for them, no incident is the
   * only data there is. A service with a probe has data only while one had decided a state (or an incident was open).
   */
  private static List<Interval> unprobed(Catalog.StatusComponent component, List<ProbeRow> probes,
      Map<String, Instant> servicesCreated, Instant now) {
    List<Interval> known = new ArrayList<>();
    for (String service : component.services()) {
      Instant created = servicesCreated.get(service);
      if (created != null && probes.stream().noneMatch(p -> p.service().equals(service))) {
        known.add(new Interval(created, now));
      }
    }
    return known;
  }

  private static List<MaintenanceView> maintenance(Catalog.StatusPage page,
      Map<String, List<Catalog.MaintenanceWindow>> windows, Instant now) {
    Map<MaintenanceCalendar.Occurrence, Set<String>> byOccurrence = new LinkedHashMap<>();
    for (Catalog.StatusComponent component : page.components()) {
      for (String service : component.services()) {
        for (MaintenanceCalendar.Occurrence o : MaintenanceCalendar.between(windows.getOrDefault(service, List.of()),
            now, now.plus(MAINTENANCE_AHEAD))) {
          byOccurrence.computeIfAbsent(o, k -> new LinkedHashSet<>()).add(component.name());
        }
      }
    }
    return byOccurrence.entrySet().stream()
        .sorted(Comparator.comparing(e -> e.getKey().start()))
        .map(e -> new MaintenanceView(e.getKey().name() == null ? "Scheduled maintenance" : e.getKey().name(),
            e.getKey().start(), e.getKey().end(), !e.getKey().start().isAfter(now), List.copyOf(e.getValue())))
        .toList();
  }

  /**
   * The public part of a status update: a person's text as written; Vigil's own updates (which name internal
   * services) replaced by a plain sentence for their status.
   */
  static UpdateView publicUpdate(UpdateRow u) {
    String text = u.author() != null ? u.message() : IncidentStatus.parse(u.status()).orElse(null) == IncidentStatus.RESOLVED
        ? "This incident has been resolved." : "We are investigating this incident.";
    return new UpdateView(u.id(), u.at(), publicStatus(u.status()), text);
  }

  /** An incident status in the words status pages use. */
  static String publicStatus(String status) {
    return IncidentStatus.parse(status).map(s -> switch (s) {
      case TRIGGERED -> "Investigating";
      case ACKNOWLEDGED -> "Identified";
      case MITIGATED -> "Monitoring";
      case RESOLVED -> "Resolved";
    }).orElse("Update");
  }

  static String joined(List<String> names) {
    if (names.isEmpty()) {
      return "this service";
    }
    if (names.size() == 1) {
      return names.getFirst();
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
  }

  /** The services and probes a page watches, and which of them each component shows. */
  record Scope(Set<String> services, List<ProbeRow> probes) {

    static Scope of(Catalog.StatusPage page, ProbeHistory probes) {
      Set<String> services = new LinkedHashSet<>();
      Set<String> named = new LinkedHashSet<>();
      for (Catalog.StatusComponent c : page.components()) {
        services.addAll(c.services());
        named.addAll(c.probes());
      }
      return new Scope(services, probes.probes(services, named));
    }

    List<String> fingerprints() {
      return probes.stream().map(p -> "probe:" + p.qualifiedName()).toList();
    }

    List<ProbeRow> probesOf(Catalog.StatusComponent component) {
      return probes.stream().filter(p -> component.services().contains(p.service())
          || component.probes().contains(p.qualifiedName())).toList();
    }

    boolean touches(Catalog.StatusComponent component, IncidentRow incident) {
      return component.services().contains(incident.service())
          || incident.impacts().stream().anyMatch(component.services()::contains)
          || probesOf(component).stream().anyMatch(p -> incident.probes().contains("probe:" + p.qualifiedName()));
    }
  }
}
