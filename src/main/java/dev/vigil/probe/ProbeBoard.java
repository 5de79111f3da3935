package dev.vigil.probe;

import dev.vigil.availability.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Probes as other features' pages show them: a service's, the probes down now, and a probe's history over a range: exact uptime from its state transitions, in slots, and latency
 * percentiles from its five-minute rollups, merged per step.
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

  private final ProbeRepository probes;
  private final Clock clock;

  ProbeBoard(ProbeRepository probes, Clock clock) {
    this.probes = probes;
    this.clock = clock;
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
