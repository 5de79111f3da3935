package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's share of the probes: every coordination interval it heartbeats, brings the probe table in step
 * with the catalog, balances probes with the other live nodes (each runs about total / nodes, and exactly one runs a
 * given probe), and hands the scheduler the probes it owns. See ADR 0007. Probes with locations are owned the same
 * way but run by remote agents: their owner takes the agents' queued results every second and records them (ADR 0011).
 */
@Component
class ProbeCoordinator implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ProbeCoordinator.class);

  private final ProbeRepository repository;
  private final ProbeScheduler scheduler;
  private final ProbeResults results;
  private final ProbeAlerts alerts;
  private final AgentResultQueue agentResults;
  private final CatalogQueries catalog;
  private final ProbeProperties properties;
  private final Clock clock;
  private ScheduledExecutorService ticker;
  private volatile boolean running;
  /** The probes this node owns, as of its last round, for recording agents' results. */
  private volatile Map<Long, ProbeDefinition> owned = Map.of();
  /** The catalog stamp the last round synced at; a different stamp means the catalog changed since. */
  private volatile long syncedStamp = Long.MIN_VALUE;

  /** How often the owner takes agents' results; an agent's result counts within about this time. */
  static final Duration AGENT_RESULTS_INTERVAL = Duration.ofSeconds(1);
  /**
   * How often a node reads the catalog stamp to pick up probes changed through the API or an apply, on any node,
   * without waiting for the next coordination round.
   */
  static final Duration CATALOG_CHECK_INTERVAL = Duration.ofSeconds(1);
  /** Results waiting longer than this had no live owner to take them; counting them late would date state wrongly. */
  static final Duration AGENT_RESULTS_KEPT = Duration.ofMinutes(10);

  ProbeCoordinator(ProbeRepository repository, ProbeScheduler scheduler, ProbeResults results, ProbeAlerts alerts,
      AgentResultQueue agentResults, CatalogQueries catalog, ProbeProperties properties, Clock clock) {
    this.repository = repository;
    this.scheduler = scheduler;
    this.results = results;
    this.alerts = alerts;
    this.agentResults = agentResults;
    this.catalog = catalog;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void start() {
    ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("vigil-probe-coordinator")
        .factory());
    if (properties.enabled()) {
      ticker.scheduleWithFixedDelay(this::coordinateQuietly, 0, properties.coordinationInterval().toMillis(),
          TimeUnit.MILLISECONDS);
      ticker.scheduleWithFixedDelay(this::takeAgentResultsQuietly, AGENT_RESULTS_INTERVAL.toMillis(),
          AGENT_RESULTS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      ticker.scheduleWithFixedDelay(this::followCatalogQuietly, CATALOG_CHECK_INTERVAL.toMillis(),
          CATALOG_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }
    ticker.scheduleWithFixedDelay(this::flushQuietly, properties.flushInterval().toMillis(),
        properties.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.close();
    flushQuietly();
    try {
      repository.leave(properties.node());
    } catch (RuntimeException e) {
      log.warn("could not hand back this node's probes; others take them over when its lease runs out: {}", e.toString());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void coordinateQuietly() {
    try {
      coordinate();
    } catch (RuntimeException e) {
      log.warn("probe coordination failed; this node stops running probes when its lease runs out: {}", e.toString());
    }
  }

  private void followCatalogQuietly() {
    try {
      followCatalog();
    } catch (RuntimeException e) {
      log.warn("could not check the catalog for probe changes; the next coordination round picks them up: {}",
          e.toString());
    }
  }

  /** Runs a round at once when the catalog changed since the last one. Returns whether it did. */
  boolean followCatalog() {
    if (catalog.stamp() == syncedStamp) {
      return false;
    }
    coordinate();
    return true;
  }

  private void takeAgentResultsQuietly() {
    try {
      takeAgentResults();
    } catch (RuntimeException e) {
      log.warn("could not take the agents' probe results; they stay queued: {}", e.toString());
    }
  }

  /**
   * Records the queued results of remote agents for the probes this node runs, then counts the locations that went
   * silent as unknown.
   */
  void takeAgentResults() {
    List<AgentResultQueue.Queued> taken;
    do {
      taken = agentResults.take(properties.node(), 1000);
      for (AgentResultQueue.Queued q : taken) {
        ProbeDefinition probe = owned.get(q.probeId());
        if (probe == null) {
          probe = repository.find(q.probeId()).map(ProbeRepository.ProbeRow::definition).orElse(null);
        }
        if (probe != null) {
          results.record(probe, q.result());
        }
      }
    } while (taken.size() == 1000);
    results.silence(owned.values(), clock.instant());
  }

  private void flushQuietly() {
    try {
      results.flush();
    } catch (RuntimeException e) {
      log.warn("could not write probe rollups; they are kept for the next try: {}", e.toString());
    }
  }

  /** One round: heartbeat, catalog sync, balance, plan. Runs on the coordinator's thread, or a test's. */
  synchronized void coordinate() {
    long started = System.nanoTime();
    String node = properties.node();
    repository.heartbeat(node);
    // Read before the services: a change committed in between bumps it again, so the next tick syncs once more.
    syncedStamp = catalog.stamp();
    List<Catalog.Service> services = catalog.all(CatalogKind.SERVICE, Catalog.Service.class).stream()
        .map(CatalogQueries.Managed::object).toList();
    for (ProbeDefinition removed : repository.sync(services, clock.instant())) {
      try {
        alerts.removed(removed, clock.instant());
      } catch (RuntimeException e) {
        // Its service went too (or the database is away): the incident stays for people to resolve.
        log.warn("could not resolve the alert of removed probe {}: {}", removed.qualifiedName(), e.toString());
      }
    }
    int total = repository.probeCount();
    int nodes = Math.max(1, repository.liveNodes(properties.leaseTime()));
    int fair = (total + nodes - 1) / nodes;
    int mine = repository.owned(node).size();
    if (mine > fair) {
      repository.release(node, mine - fair);
    } else if (mine < fair) {
      repository.claim(node, fair - mine, properties.leaseTime());
    }
    List<ProbeRepository.ProbeRow> owned = repository.ownedBy(node);
    // The lease counts from before the heartbeat, less a margin, so this node stops before others may start.
    scheduler.leaseValidUntil(started + properties.leaseTime().minus(properties.coordinationInterval()).toNanos());
    // Probes with locations are run by the agents there; this node only records their results.
    scheduler.reconcile(owned.stream().map(ProbeRepository.ProbeRow::definition)
        .filter(d -> d.spec().locationsOrEmpty().isEmpty()).toList());
    this.owned = owned.stream().collect(Collectors.toUnmodifiableMap(r -> r.definition().id(), r -> r.definition()));
    Set<Long> ids = owned.stream().map(r -> r.definition().id()).collect(Collectors.toSet());
    results.retainOnly(ids);
    repository.forgetStaleNodes(properties.leaseTime().multipliedBy(10));
    agentResults.dropOlderThan(clock.instant().minus(AGENT_RESULTS_KEPT));
  }
}
