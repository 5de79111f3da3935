package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import java.time.Clock;
import java.util.List;
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
 * given probe), and hands the scheduler the probes it owns. See ADR 0007.
 */
@Component
class ProbeCoordinator implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ProbeCoordinator.class);

  private final ProbeRepository repository;
  private final ProbeScheduler scheduler;
  private final ProbeResults results;
  private final CatalogQueries catalog;
  private final ProbeProperties properties;
  private final Clock clock;
  private ScheduledExecutorService ticker;
  private volatile boolean running;

  ProbeCoordinator(ProbeRepository repository, ProbeScheduler scheduler, ProbeResults results, CatalogQueries catalog,
      ProbeProperties properties, Clock clock) {
    this.repository = repository;
    this.scheduler = scheduler;
    this.results = results;
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
    List<Catalog.Service> services = catalog.all(CatalogKind.SERVICE, Catalog.Service.class).stream()
        .map(CatalogQueries.Managed::object).toList();
    repository.sync(services, clock.instant());
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
    scheduler.reconcile(owned.stream().map(ProbeRepository.ProbeRow::definition).toList());
    Set<Long> ids = owned.stream().map(r -> r.definition().id()).collect(Collectors.toSet());
    results.retainOnly(ids);
    repository.forgetStaleNodes(properties.leaseTime().multipliedBy(10));
  }
}
