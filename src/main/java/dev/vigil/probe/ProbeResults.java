package dev.vigil.probe;

import dev.vigil.maintenance.AdHocMaintenance;
import dev.vigil.maintenance.MaintenanceWindows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one path every probe result takes, whoever ran the check (this node's scheduler, or a remote agent whose results
 * this node takes from the queue because it owns the probe): count it towards the probe's state (a change after N
 * results in a row, stored as a transition; for a probe with locations, each location counts its own results and
 * the probe is down when a quorum of them is), alert or resolve
 * through the incident intake unless a maintenance window is on, keep it in memory for the UI, add it to the
 * five-minute rollup, and publish the metrics.
 */
@Service
public class ProbeResults {

  private static final Logger log = LoggerFactory.getLogger(ProbeResults.class);

  /** What this node knows of a probe it runs. */
  private static final class Live {
    ProbeDefinition definition;
    final ProbeStatus status;
    final ArrayDeque<ProbeResult> recent = new ArrayDeque<>();
    /** Per location, for probes run by agents: each location's own streak and state. */
    final Map<String, ProbeStatus> locations = new java.util.TreeMap<>();
    /** Per location, when this node last took a result from it (its own clock, not the agent's). */
    final Map<String, Instant> heard = new java.util.HashMap<>();
    /** Locations silent for longer than the probe's silence: they vote unknown until they report again. */
    final Set<String> silent = new java.util.TreeSet<>();
    /** When this node started counting the probe: the silence of a location never heard from counts from here. */
    final Instant created;
    Rollup rollup;

    Live(ProbeDefinition definition, ProbeStatus status, Instant created) {
      this.definition = definition;
      this.status = status;
      this.created = created;
    }
  }

  private final ProbeRepository repository;
  private final ProbeAlerts alerts;
  private final AdHocMaintenance adHocMaintenance;
  private final ProbeMetrics metrics;
  private final ProbeProperties properties;
  private final Clock clock;
  private final Map<Long, Live> live = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<ProbeRepository.RollupAppend> finished = new ConcurrentLinkedQueue<>();
  private volatile Instant lastRetention = Instant.EPOCH;

  ProbeResults(ProbeRepository repository, ProbeAlerts alerts, AdHocMaintenance adHocMaintenance,
      ProbeMetrics metrics, ProbeProperties properties, Clock clock) {
    this.repository = repository;
    this.alerts = alerts;
    this.adHocMaintenance = adHocMaintenance;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Records one result of {@code probe}, which this node runs. Results of one probe must arrive in time order; they
   * may arrive concurrently with other probes' results.
   */
  public void record(ProbeDefinition probe, ProbeResult result) {
    Live l = live(probe);
    if (l == null) {
      return; // the probe was removed from the catalog while this check ran
    }
    synchronized (l) {
      l.definition = probe;
      if (result.location() != null) {
        l.heard.put(result.location(), clock.instant());
        l.silent.remove(result.location());
      }
      l.recent.addLast(result);
      while (l.recent.size() > properties.recentResults()) {
        l.recent.removeFirst();
      }
      rollup(probe.id(), l, result);
      metrics.record(probe, result);
      ProbeStatus.Transition t = result.location() == null
          ? l.status.apply(result, probe.spec().failuresBeforeDownOrDefault(), probe.spec().successesBeforeUpOrDefault())
          : quorum(l, probe, result);
      if (t != null && !repository.transition(probe.id(), properties.node(), t, clock.instant())) {
        log.info("probe {} is run by another node now; dropping this node's state of it", probe.qualifiedName());
        forget(probe.id());
        return;
      }
      alert(l, t != null && result.location() != null
          ? new ProbeResult(result.at(), result.success(), result.duration(), t.message(), result.certExpiry(),
              result.location())
          : result);
    }
  }

  /** What this node knows of the probe, from its stored state the first time; null when the probe is gone. */
  private Live live(ProbeDefinition probe) {
    Live l = live.get(probe.id());
    if (l == null) {
      Optional<ProbeRepository.StoredState> stored = repository.state(probe.id());
      if (stored.isEmpty()) {
        return null;
      }
      ProbeRepository.StoredState s = stored.get();
      Instant now = clock.instant();
      l = live.computeIfAbsent(probe.id(), id -> new Live(probe, new ProbeStatus(s.state(), s.since(), s.alerted()),
          now));
    }
    return l;
  }

  /**
   * Counts a location's result towards that location's state; the probe is down when at least a quorum of its
   * locations are down, and up when so many are up that a quorum can no longer be down. Otherwise it keeps its state
   * (locations not yet heard from), unless a location has gone silent: then it is unknown (see {@link #silence}).
   */
  private ProbeStatus.Transition quorum(Live l, ProbeDefinition probe, ProbeResult result) {
    List<String> assigned = probe.spec().locationsOrEmpty();
    if (!assigned.contains(result.location())) {
      return null; // posted before the location was taken off the probe: measured, but it no longer votes
    }
    ProbeStatus location = l.locations.computeIfAbsent(result.location(),
        k -> new ProbeStatus(ProbeState.UNKNOWN, null, false));
    ProbeStatus.Transition changed = location.apply(result, probe.spec().failuresBeforeDownOrDefault(),
        probe.spec().successesBeforeUpOrDefault());
    if (changed == null) {
      return null;
    }
    return vote(l, probe, changed.at(), result.location() + ": " + result.message());
  }

  /**
   * The probe's state from its locations' states, or null when it stays as it is: down when a quorum of locations is
   * down, up when so many are up that a quorum can no longer be down, else unknown if a location is silent (its last
   * state must not stand in for it: a dead agent would hide an outage). {@code detail} ends the message.
   */
  private ProbeStatus.Transition vote(Live l, ProbeDefinition probe, Instant at, String detail) {
    List<String> assigned = probe.spec().locationsOrEmpty();
    l.locations.keySet().retainAll(assigned);
    l.silent.retainAll(assigned);
    int quorum = probe.spec().quorumOrDefault();
    List<String> down = new ArrayList<>();
    int up = 0;
    for (Map.Entry<String, ProbeStatus> e : l.locations.entrySet()) {
      if (e.getValue().state() == ProbeState.DOWN) {
        down.add(e.getKey());
      } else if (e.getValue().state() == ProbeState.UP) {
        up++;
      }
    }
    if (down.size() >= quorum) {
      return l.status.decide(ProbeState.DOWN, at, "down from " + down.size() + " of " + assigned.size()
          + " locations (quorum " + quorum + "): " + String.join(", ", down) + "; " + detail);
    }
    if (up > assigned.size() - quorum) {
      return l.status.decide(ProbeState.UP, at, "up from " + up + " of " + assigned.size() + " locations");
    }
    if (!l.silent.isEmpty()) {
      return l.status.decide(ProbeState.UNKNOWN, at, "unknown: up from " + up + " and down from " + down.size()
          + " of " + assigned.size() + " locations (quorum " + quorum + "), silent: " + String.join(", ", l.silent)
          + "; " + detail);
    }
    return null;
  }

  /**
   * Marks the locations that sent no result of a probe for longer than its silence ({@link
   * ProbeProperties#agentSilence}) as unknown, and decides the probe again: a location whose agent stopped reporting
   * no longer votes with its last state. Called every second by the probe's owner, for the probes with locations it
   * runs. The transition is dated when the silence is noticed.
   */
  void silence(Collection<ProbeDefinition> probes, Instant now) {
    for (ProbeDefinition probe : probes) {
      if (probe.spec().locationsOrEmpty().isEmpty()) {
        continue;
      }
      Live l = live(probe);
      if (l == null) {
        continue;
      }
      synchronized (l) {
        Duration silence = properties.agentSilence(probe.spec());
        List<String> newlySilent = new ArrayList<>();
        for (String location : probe.spec().locationsOrEmpty()) {
          Instant last = l.heard.getOrDefault(location, l.created);
          if (!l.silent.contains(location) && Duration.between(last, now).compareTo(silence) > 0) {
            l.silent.add(location);
            l.locations.put(location, new ProbeStatus(ProbeState.UNKNOWN, now, false));
            newlySilent.add(location);
          }
        }
        if (newlySilent.isEmpty()) {
          continue;
        }
        log.info("probe {}: no results from {} for more than {}; counted as unknown there", probe.qualifiedName(),
            newlySilent, ProbeDefinition.human(silence));
        ProbeStatus.Transition t = vote(l, probe, now, "no results from " + String.join(", ", newlySilent)
            + " for more than " + ProbeDefinition.human(silence));
        if (t != null && !repository.transition(probe.id(), properties.node(), t, now)) {
          forget(probe.id());
        }
      }
    }
  }

  /** Each location's state of a probe run by agents, for listings. */
  public Map<String, ProbeState> locationStates(long probeId) {
    Live l = live.get(probeId);
    if (l == null) {
      return Map.of();
    }
    synchronized (l) {
      Map<String, ProbeState> out = new LinkedHashMap<>();
      l.locations.forEach((k, v) -> out.put(k, v.state()));
      return out;
    }
  }

  private void rollup(long probeId, Live l, ProbeResult result) {
    Instant start = Rollup.startOf(result.at());
    if (l.rollup != null && start.isBefore(l.rollup.start())) {
      // A late result for five minutes already closed: stored as a record of its own, which readers merge.
      Rollup late = new Rollup(start);
      late.add(result.success(), result.duration());
      finished.add(new ProbeRepository.RollupAppend(probeId, Rollup.hourOf(start), late.encode()));
      return;
    }
    if (l.rollup == null || !l.rollup.start().equals(start)) {
      close(probeId, l);
      l.rollup = new Rollup(start);
    }
    l.rollup.add(result.success(), result.duration());
  }

  private void close(long probeId, Live l) {
    if (l.rollup != null && l.rollup.count() > 0) {
      finished.add(new ProbeRepository.RollupAppend(probeId, Rollup.hourOf(l.rollup.start()), l.rollup.encode()));
    }
    l.rollup = null;
  }

  /**
   * Pages when the probe is down and has not paged yet, unless one of its service's maintenance windows is on, declared
   * or made through the API (then it pages when the window ends, if it is still down); resolves when it is up again,
   * windows or not.
   */
  private void alert(Live l, ProbeResult result) {
    ProbeDefinition probe = l.definition;
    ProbeStatus status = l.status;
    try {
      if (status.state() == ProbeState.DOWN && !status.alerted()
          && !MaintenanceWindows.active(probe.maintenance(), result.at())
          && !adHocMaintenance.active(probe.service(), probe.name(), result.at())) {
        alerts.down(probe, result, status.since());
        status.alerted(true);
        repository.alerted(probe.id(), true);
      } else if (status.state() == ProbeState.UP && status.alerted()) {
        alerts.up(probe, result, status.since());
        status.alerted(false);
        repository.alerted(probe.id(), false);
      }
    } catch (RuntimeException e) {
      // Tried again with the next result: the alerted flag only changes once the alert is stored.
      log.warn("could not send the alert of probe {}: {}", probe.qualifiedName(), e.toString());
    }
  }

  /** The results this node keeps of a probe, oldest first. */
  public List<ProbeResult> recent(long probeId) {
    Live l = live.get(probeId);
    if (l == null) {
      return List.of();
    }
    synchronized (l) {
      return new ArrayList<>(l.recent);
    }
  }

  /** The probe's latest result on this node, if this node has results of it. */
  Optional<ProbeResult> lastResult(long probeId) {
    Live l = live.get(probeId);
    if (l == null) {
      return Optional.empty();
    }
    synchronized (l) {
      return Optional.ofNullable(l.recent.peekLast());
    }
  }

  /** Drops what this node knows of probes it no longer runs, keeping their unfinished rollups. */
  void retainOnly(Set<Long> probeIds) {
    for (Long id : List.copyOf(live.keySet())) {
      if (!probeIds.contains(id)) {
        forget(id);
      }
    }
  }

  private void forget(long probeId) {
    Live l = live.remove(probeId);
    if (l != null) {
      synchronized (l) {
        close(probeId, l);
      }
    }
    metrics.remove(probeId);
  }

  /**
   * Writes the rollups of every five minutes that has ended, appending to each hour's row; drops rollups older than
   * the retention now and then.
   */
  public void flush() {
    Instant now = clock.instant();
    for (Map.Entry<Long, Live> e : live.entrySet()) {
      Live l = e.getValue();
      synchronized (l) {
        if (l.rollup != null && !l.rollup.start().plus(Rollup.LENGTH).isAfter(now)) {
          close(e.getKey(), l);
        }
      }
    }
    Map<List<Object>, byte[]> rows = new LinkedHashMap<>();
    for (ProbeRepository.RollupAppend a; (a = finished.poll()) != null; ) {
      rows.merge(List.of(a.probeId(), a.hour()), a.data(), ProbeResults::concat);
    }
    Collection<ProbeRepository.RollupAppend> appends = rows.entrySet().stream()
        .map(e -> new ProbeRepository.RollupAppend((Long) e.getKey().get(0), (Instant) e.getKey().get(1), e.getValue()))
        .toList();
    try {
      repository.appendRollups(appends);
    } catch (RuntimeException e) {
      finished.addAll(appends); // kept for the next flush; the database may be back by then
      throw e;
    }
    if (lastRetention.isBefore(now.minus(java.time.Duration.ofHours(1)))) {
      repository.deleteRollupsBefore(now.minus(properties.rollupRetention()));
      lastRetention = now;
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
