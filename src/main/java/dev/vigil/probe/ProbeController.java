package dev.vigil.probe;

import dev.vigil.availability.Interval;
import dev.vigil.maintenance.AdHocMaintenance;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.web.RequestTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The probes API: every probe with its state, a probe's recent results, its exact uptime over a range, and its
 * five-minute rollups. Probes are declared per service in the catalog; this API only reads them.
 */
@RestController
@RequestMapping("/api/v1/probes")
class ProbeController {

  /** Most rollups one request returns: 30 days of five minutes. */
  static final int MAX_ROLLUPS = 30 * 24 * 12;

  private final ProbeRepository repository;
  private final ProbeResults results;
  private final AdHocMaintenance adHocMaintenance;
  private final AgentLocations agentLocations;
  private final Clock clock;

  ProbeController(ProbeRepository repository, ProbeResults results, AdHocMaintenance adHocMaintenance,
      AgentLocations agentLocations, Clock clock) {
    this.repository = repository;
    this.results = results;
    this.adHocMaintenance = adHocMaintenance;
    this.agentLocations = agentLocations;
    this.clock = clock;
  }

  /** One result as the API shows it. */
  record ResultView(Instant at, boolean success, double latencyMs, String message, Instant certExpiry,
      String location) {
    static ResultView of(ProbeResult r) {
      return r == null ? null : new ResultView(r.at(), r.success(), r.duration().toNanos() / 1e6, r.message(),
          r.certExpiry(), r.location());
    }
  }

  /**
   * A probe and its standing. {@code state} and {@code since} are the stored, agreed state; {@code lastResult} is
   * known on the node that runs the probe ({@code node}), null elsewhere. For a probe run by agents,
   * {@code locations} is each location's state as that node counts it, and {@code quorum} how many must be down.
   */
  record ProbeView(long id, String service, String name, String kind, String target, Duration interval,
      Duration timeout, int failuresBeforeDown, int successesBeforeUp, String state, Instant since, boolean alerting,
      boolean maintenance, ResultView lastResult, String node, Map<String, String> locations, Integer quorum,
      Map<String, Instant> locationsLastSeen) {}

  /**
   * A remote agent location: when its agent was last heard from (fetched its probes or posted results), and the
   * probes assigned to it.
   */
  record LocationView(String location, Instant lastSeen, List<String> probes) {}

  /**
   * Up, down and unknown time over a range, the part of it the percentage covers (from the first instant the state
   * was known to the last; null when it never was), and the checks counted in it.
   */
  record UptimeView(long id, Instant from, Instant to, Double uptimePercent, double upSeconds, double downSeconds,
      double unknownSeconds, Instant coveredFrom, Instant coveredTo, Double coveredSeconds, long checks,
      long failures) {}

  /** Five minutes of results. */
  record RollupView(Instant start, int checks, int failures, Double p50Ms, Double p95Ms, Double p99Ms) {}

  /** Every probe with its state, last result, owner node and, for remote ones, each location's state. */
  @GetMapping
  List<ProbeView> list() {
    List<AdHocMaintenance.Window> windows = adHocMaintenance.activeAt(clock.instant());
    Map<String, Instant> seen = agentLocations.lastSeen();
    return repository.all().stream().map(row -> view(row, windows, seen)).toList();
  }

  /** One probe with its state, last result, owner node and, for a remote one, each location's state. */
  @GetMapping("/{id}")
  ProbeView one(@PathVariable String id) {
    return view(row(id), adHocMaintenance.activeAt(clock.instant()), agentLocations.lastSeen());
  }

  /** Every location that probes list or whose agent has been heard from, with when it was last heard from. */
  @GetMapping("/locations")
  List<LocationView> locations() {
    Map<String, Instant> seen = agentLocations.lastSeen();
    Map<String, List<String>> assigned = new java.util.TreeMap<>();
    seen.keySet().forEach(l -> assigned.put(l, new java.util.ArrayList<>()));
    for (ProbeRepository.ProbeRow row : repository.all()) {
      for (String location : row.definition().spec().locationsOrEmpty()) {
        assigned.computeIfAbsent(location, l -> new java.util.ArrayList<>()).add(row.definition().qualifiedName());
      }
    }
    return assigned.entrySet().stream().map(e -> new LocationView(e.getKey(), seen.get(e.getKey()), e.getValue()))
        .toList();
  }

  /** The probe's most recent results, newest first, as the node answering keeps them in memory. */
  @GetMapping("/{id}/results")
  List<ResultView> results(@PathVariable String id) {
    ProbeRepository.ProbeRow row = row(id);
    return results.recent(row.definition().id()).reversed().stream().map(ResultView::of).toList();
  }

  /**
   * The probe's exact uptime over a range, from its changes of state, and the checks counted in it.
   *
   * @param from an ISO-8601 instant (a day before {@code to} when absent)
   * @param to an ISO-8601 instant, at the latest now (now when absent)
   */
  @GetMapping("/{id}/uptime")
  UptimeView uptime(@PathVariable String id, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    ProbeRepository.ProbeRow row = row(id);
    Instant now = clock.instant();
    Instant end = to == null ? now : RequestTimes.instant("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(1)) : RequestTimes.instant("from", from);
    // Time after now has not been measured yet.
    if (end.isAfter(now)) {
      end = now;
    }
    if (!start.isBefore(end)) {
      throw new InvalidException("from: " + start + " must be before to (" + end + ", which is never later than"
          + " now)");
    }
    long probeId = row.definition().id();
    Uptime u = repository.uptime(probeId, start, end);
    long checks = 0;
    long failures = 0;
    for (Rollup r : repository.rollups(probeId, start, end)) {
      checks += r.count();
      failures += r.failures();
    }
    Interval covered = u.covered();
    return new UptimeView(probeId, start, end, u.percent(), u.up().toMillis() / 1000.0, u.down().toMillis() / 1000.0,
        u.unknown().toMillis() / 1000.0, covered == null ? null : covered.start(),
        covered == null ? null : covered.end(), covered == null ? null : covered.duration().toMillis() / 1000.0,
        checks, failures);
  }

  /**
   * The probe's five-minute rollups (checks, failures, latency percentiles) over at most 30 days.
   *
   * @param from an ISO-8601 instant (a day before {@code to} when absent)
   * @param to an ISO-8601 instant (now when absent)
   */
  @GetMapping("/{id}/rollups")
  List<RollupView> rollups(@PathVariable String id, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    ProbeRepository.ProbeRow row = row(id);
    Instant end = to == null ? clock.instant() : RequestTimes.instant("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(1)) : RequestTimes.instant("from", from);
    if (!start.isBefore(end)) {
      throw new InvalidException("from: " + start + " must be before to (" + end + ")");
    }
    if (Duration.between(start, end).compareTo(Rollup.LENGTH.multipliedBy(MAX_ROLLUPS)) > 0) {
      throw new InvalidException("from, to: at most 30 days at a time");
    }
    return repository.rollups(row.definition().id(), start, end).stream()
        .map(r -> new RollupView(r.start(), r.count(), r.failures(), r.shownPercentileMillis(0.5),
            r.shownPercentileMillis(0.95), r.shownPercentileMillis(0.99)))
        .toList();
  }

  /** The probe's view; {@code windows} are the API's maintenance windows in force now. */
  private ProbeView view(ProbeRepository.ProbeRow row, List<AdHocMaintenance.Window> windows,
      Map<String, Instant> seen) {
    ProbeDefinition d = row.definition();
    ProbeResult last = results.lastResult(d.id()).orElse(null);
    Instant now = clock.instant();
    return new ProbeView(d.id(), d.service(), d.name(), d.kind().value(), d.target(), d.spec().intervalOrDefault(),
        d.spec().timeoutOrDefault(), d.spec().failuresBeforeDownOrDefault(), d.spec().successesBeforeUpOrDefault(),
        row.state().value(), row.since(), row.alerted(),
        ProbeBoard.held(d, windows, now),
        last == null ? null : ResultView.of(last), row.owner(), locations(d),
        d.spec().locationsOrEmpty().isEmpty() ? null : d.spec().quorumOrDefault(), lastSeen(d, seen));
  }

  /** When each assigned location's agent was last heard from; null for a location never heard from. */
  private static Map<String, Instant> lastSeen(ProbeDefinition d, Map<String, Instant> seen) {
    if (d.spec().locationsOrEmpty().isEmpty()) {
      return null;
    }
    Map<String, Instant> out = new java.util.LinkedHashMap<>();
    d.spec().locationsOrEmpty().forEach(l -> out.put(l, seen.get(l)));
    return out;
  }

  /** Every assigned location, "unknown" until this node has counted a result from it. */
  private Map<String, String> locations(ProbeDefinition d) {
    if (d.spec().locationsOrEmpty().isEmpty()) {
      return null;
    }
    Map<String, ProbeState> known = results.locationStates(d.id());
    Map<String, String> out = new java.util.LinkedHashMap<>();
    d.spec().locationsOrEmpty().forEach(l -> out.put(l, known.getOrDefault(l, ProbeState.UNKNOWN).value()));
    return out;
  }

  private ProbeRepository.ProbeRow row(String id) {
    long probeId;
    try {
      probeId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new InvalidException("id: '" + id + "' is not a probe id; probe ids are numbers, as GET /api/v1/probes"
          + " lists them");
    }
    return repository.find(probeId).orElseThrow(() -> new NotFoundException("no probe with id " + probeId));
  }
}
