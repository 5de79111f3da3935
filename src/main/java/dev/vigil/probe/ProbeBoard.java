package dev.vigil.probe;

import dev.vigil.availability.Interval;
import dev.vigil.maintenance.AdHocMaintenance;
import dev.vigil.maintenance.MaintenanceWindows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Probes as other features' pages show them: a service's, the probes down now, every probe with where it stands,
 * and a probe's history over a range: exact uptime from its state transitions, in slots, and latency percentiles
 * from its five-minute rollups, merged per step.
 */
@Service
public class ProbeBoard {

  /** A probe and its agreed state since when. */
  public record ProbeLine(long id, String service, String name, String kind, String target, Duration interval,
      String state, Instant since) {}

  /** Up time as a share of the known time of [start, end); null when the state was never known in it. */
  public record UptimeSlot(Instant start, Instant end, Double percent, Duration down) {}

  /** The checks of one step and their latency percentiles in milliseconds (null without a successful check). */
  public record LatencyPoint(Instant start, int checks, int failures, Double p50, Double p95, Double p99) {}

  /**
   * A probe over [from, to): exact uptime (null when never known) with its up, down and unknown time and the part of
   * the range it covers (null when never known: from the first known instant to the last), the checks and failures
   * the rollups counted, latency percentiles over the whole range, uptime per slot and latency per step.
   */
  public record History(Instant from, Instant to, Double uptimePercent, Duration up, Duration down, Duration unknown,
      Interval covered, long checks, long failures, Double p50, Double p95, Double p99, List<UptimeSlot> uptime,
      List<LatencyPoint> latency) {}

  /**
   * A probe and where it stands now: whether a maintenance window holds its alerts, its latest result as this node
   * keeps it (null when this node has none), and for a probe run by agents each location's vote and the quorum.
   */
  public record Standing(ProbeLine probe, boolean maintenance, ProbeResult last, List<LocationVote> locations,
      Integer quorum) {

    /** How many locations vote up. */
    public long locationsUp() {
      return locations.stream().filter(l -> l.state().equals(ProbeState.UP.value())).count();
    }
  }

  /** One location's vote on a probe (unknown until this node has counted a result from it) and its latest result. */
  public record LocationVote(String location, String state, ProbeResult last) {}

  /**
   * Exact uptime over [from, to) (null when the state was never known in it) and the part of the range it covers,
   * from the first known instant to the last (null likewise).
   */
  public record UptimeFigure(Instant from, Instant to, Double percent, Interval covered) {}

  /** A change of a probe's agreed state, with what the result that decided it said. */
  public record Transition(Instant at, String state, String message) {}

  private final ProbeRepository probes;
  private final ProbeResults results;
  private final AdHocMaintenance adHocMaintenance;
  private final Clock clock;

  ProbeBoard(ProbeRepository probes, ProbeResults results, AdHocMaintenance adHocMaintenance, Clock clock) {
    this.probes = probes;
    this.results = results;
    this.adHocMaintenance = adHocMaintenance;
    this.clock = clock;
  }

  /** Every probe and where it stands, down first, then unknown, then up, each by service and name. */
  public List<Standing> standings() {
    List<AdHocMaintenance.Window> windows = adHocMaintenance.activeAt(clock.instant());
    return probes.all().stream().map(row -> standing(row, windows))
        .sorted(Comparator.comparingInt((Standing s) -> urgency(s.probe().state()))).toList();
  }

  /** One probe and where it stands; empty when there is no such probe. */
  public Optional<Standing> standing(long probeId) {
    return probes.find(probeId).map(row -> standing(row, adHocMaintenance.activeAt(clock.instant())));
  }

  /** The probe's exact uptime over the {@code range} up to now. */
  public UptimeFigure uptime(long probeId, Duration range) {
    Instant to = clock.instant();
    Instant from = to.minus(range);
    Uptime u = probes.uptime(probeId, from, to);
    return new UptimeFigure(from, to, u.percent(), u.covered());
  }

  /**
   * The checks of one five minutes of a probe, across its locations: how many ran, how many failed, and how many
   * succeeded faster than the threshold asked for (as {@link #checks} says).
   */
  public record Checks(Instant start, int count, int failures, int fast) {}

  /**
   * The checks of the service's probe in each five minutes that started in [from, to), oldest first, from its stored
   * rollups: five minutes without a check are absent, and so are the five minutes under way, which the probe's node
   * still holds in memory. {@code fasterThan} (null: no threshold) counts the successful checks whose latency bucket
   * lies wholly below it. Empty when the service has no such probe.
   */
  public Optional<List<Checks>> checks(String service, String probe, Instant from, Instant to, Duration fasterThan) {
    return probes.ofService(service).stream().filter(row -> row.definition().name().equals(probe)).findFirst()
        .map(row -> {
          List<Checks> out = new ArrayList<>();
          probes.eachRollup(row.definition().id(), from, to, r -> out.add(new Checks(r.start(), r.count(),
              r.failures(), fasterThan == null ? r.count() - r.failures() : r.successesFasterThan(fasterThan))));
          return out;
        });
  }

  /** The probe's latest changes of state, newest first. */
  public List<Transition> transitions(long probeId, int limit) {
    return probes.latestTransitions(probeId, limit);
  }

  /**
   * Whether a maintenance window holds the probe's alerts at {@code now}: one the service declares, or one made
   * through the API ({@code windows}, those in force now) for the whole service or this probe.
   */
  static boolean held(ProbeDefinition d, List<AdHocMaintenance.Window> windows, Instant now) {
    return MaintenanceWindows.active(d.maintenance(), now)
        || windows.stream().anyMatch(w -> w.service().equals(d.service()) && w.covers(d.name(), now));
  }

  private Standing standing(ProbeRepository.ProbeRow row, List<AdHocMaintenance.Window> windows) {
    ProbeDefinition d = row.definition();
    List<String> assigned = d.spec().locationsOrEmpty();
    List<LocationVote> votes = List.of();
    if (!assigned.isEmpty()) {
      Map<String, ProbeState> known = results.locationStates(d.id());
      List<ProbeResult> recent = results.recent(d.id());
      votes = assigned.stream().map(l -> new LocationVote(l, known.getOrDefault(l, ProbeState.UNKNOWN).value(),
          recent.reversed().stream().filter(r -> l.equals(r.location())).findFirst().orElse(null))).toList();
    }
    return new Standing(line(row), held(d, windows, clock.instant()), results.lastResult(d.id()).orElse(null), votes,
        assigned.isEmpty() ? null : d.spec().quorumOrDefault());
  }

  /** Down first: what needs someone now leads. */
  private static int urgency(String state) {
    return state.equals(ProbeState.DOWN.value()) ? 0 : state.equals(ProbeState.UNKNOWN.value()) ? 1 : 2;
  }

  public List<ProbeLine> ofService(String service) {
    return probes.ofService(service).stream().map(ProbeBoard::line).toList();
  }

  /** The probes down now, the longest down first. */
  public List<ProbeLine> down() {
    return probes.inState(ProbeState.DOWN).stream().map(ProbeBoard::line).toList();
  }

  /**
   * The probe's history over the {@code range} up to now: uptime in {@code slots} equal slots, latency merged per
   * {@code step} (a multiple of five minutes). Null when there is no such probe.
   */
  public History history(long probeId, Duration range, int slots, Duration step) {
    if (probes.find(probeId).isEmpty()) {
      return null;
    }
    Instant to = clock.instant();
    Instant from = to.minus(range);
    ProbeState before = probes.stateAt(probeId, from);
    List<Uptime.Change> changes = probes.transitions(probeId, from, to);
    Uptime total = Uptime.over(from, to, before, changes);

    List<UptimeSlot> uptime = new ArrayList<>(slots);
    long slotMillis = range.toMillis() / slots;
    ProbeState state = before;
    int next = 0;
    for (int i = 0; i < slots; i++) {
      Instant start = from.plusMillis(i * slotMillis);
      Instant end = i == slots - 1 ? to : start.plusMillis(slotMillis);
      List<Uptime.Change> inside = new ArrayList<>();
      while (next < changes.size() && changes.get(next).at().isBefore(end)) {
        inside.add(changes.get(next++));
      }
      Uptime u = Uptime.over(start, end, state, inside);
      uptime.add(new UptimeSlot(start, end, u.percent(), u.down()));
      if (!inside.isEmpty()) {
        state = inside.getLast().state();
      }
    }

    // Steps start at five-minute boundaries, so that every rollup falls in exactly one.
    Instant first = Rollup.startOf(from);
    int steps = (int) ((to.toEpochMilli() - first.toEpochMilli() + step.toMillis() - 1) / step.toMillis());
    Rollup[] merged = new Rollup[steps];
    Rollup all = new Rollup(first);
    probes.eachRollup(probeId, from, to, r -> {
      int i = (int) ((r.start().toEpochMilli() - first.toEpochMilli()) / step.toMillis());
      if (merged[i] == null) {
        merged[i] = new Rollup(first.plus(step.multipliedBy(i)));
      }
      merged[i].merge(r);
      all.merge(r);
    });
    List<LatencyPoint> latency = new ArrayList<>();
    for (Rollup r : merged) {
      if (r != null) {
        latency.add(new LatencyPoint(r.start(), r.count(), r.failures(), r.shownPercentileMillis(0.5),
            r.shownPercentileMillis(0.95), r.shownPercentileMillis(0.99)));
      }
    }
    return new History(from, to, total.percent(), total.up(), total.down(), total.unknown(), total.covered(),
        all.count(),
        all.failures(), all.shownPercentileMillis(0.5), all.shownPercentileMillis(0.95),
        all.shownPercentileMillis(0.99), uptime, latency);
  }

  private static ProbeLine line(ProbeRepository.ProbeRow row) {
    ProbeDefinition d = row.definition();
    return new ProbeLine(d.id(), d.service(), d.name(), d.kind().value(), d.target(), d.spec().intervalOrDefault(),
        row.state().value(), row.since());
  }
}
