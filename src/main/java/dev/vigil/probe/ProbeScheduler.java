package dev.vigil.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the probes this node owns, each every interval at a fixed phase derived from its id, so that a thousand
 * probes with the same interval spread over it instead of starting together. Checks run on virtual threads, at most
 * {@code vigil.probe.max-concurrency} at a time, each bounded by its timeout; a probe whose previous check is still
 * running skips a round rather than piling up.
 *
 * <p>Planning follows the injected clock (so a moved clock moves the plan), waiting uses real time.
 */
@Component
class ProbeScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

  /** How much longer than its timeout a check may take before it is abandoned; checkers stop themselves first. */
  static final Duration GRACE = Duration.ofSeconds(1);

  /** A probe in the plan: its definition, its next run, and whether a check of it is running. */
  private static final class Planned {
    final ProbeDefinition definition;
    final AtomicBoolean running = new AtomicBoolean();
    volatile ScheduledFuture<?> next;

    Planned(ProbeDefinition definition) {
      this.definition = definition;
    }
  }

  private final ProbeCheckers checkers;
  /** Where results go: {@link ProbeResults} on a Vigil node, the post to the hub in a remote agent. */
  interface Sink {
    void record(ProbeDefinition probe, ProbeResult result);
  }

  private final Sink results;
  private final ProbeMetrics metrics;
  private final Clock clock;
  private final Semaphore slots;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("vigil-probe-timer").factory());
  private final ExecutorService checks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("probe-", 0)
      .factory());
  private final Map<Long, Planned> plan = new ConcurrentHashMap<>();
  private volatile long leaseValidUntil = System.nanoTime();
  private volatile boolean paused;

  @org.springframework.beans.factory.annotation.Autowired
  ProbeScheduler(ProbeCheckers checkers, ProbeResults results, ProbeMetrics metrics, ProbeProperties properties,
      Clock clock) {
    this(checkers, (Sink) results::record, metrics, properties, clock);
  }

  ProbeScheduler(ProbeCheckers checkers, Sink results, ProbeMetrics metrics, ProbeProperties properties,
      Clock clock) {
    this.checkers = checkers;
    this.results = results;
    this.metrics = metrics;
    this.clock = clock;
    this.slots = new Semaphore(properties.maxConcurrency());
  }

  /** The first instant after {@code nowMillis} at the probe's phase: phase + k * interval. */
  static long nextRun(long probeId, Duration interval, long nowMillis) {
    long every = interval.toMillis();
    long phase = Math.floorMod(mix(probeId), every);
    return nowMillis - Math.floorMod(nowMillis - phase, every) + every;
  }

  /** A 64-bit mix of the id (SplitMix64's finaliser), so that neighbouring ids land far apart in the interval. */
  static long mix(long id) {
    long z = id + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Makes the plan exactly these probes: new ones start at their phase, changed ones are re-planned. */
  void reconcile(Collection<ProbeDefinition> owned) {
    Set<Long> keep = new HashSet<>();
    for (ProbeDefinition d : owned) {
      keep.add(d.id());
      Planned current = plan.get(d.id());
      if (current == null || !current.definition.equals(d)) {
        if (current != null) {
          current.next.cancel(false);
        }
        Planned p = new Planned(d);
        plan.put(d.id(), p);
        schedule(p);
      }
    }
    for (Long id : List.copyOf(plan.keySet())) {
      if (!keep.contains(id)) {
        Planned p = plan.remove(id);
        if (p != null) {
          p.next.cancel(false);
        }
      }
    }
  }

  /** This node may run its probes until {@code nanoTime}; past it, its lease may be another node's. */
  void leaseValidUntil(long nanoTime) {
    leaseValidUntil = nanoTime;
  }

  /** Stops starting checks (the plan goes on), for tests that feed results themselves. */
  void pause(boolean value) {
    paused = value;
  }

  Set<Long> planned() {
    return Set.copyOf(plan.keySet());
  }

  private void schedule(Planned p) {
    long now = clock.millis();
    long at = nextRun(p.definition.id(), p.definition.spec().intervalOrDefault(), now);
    p.next = timer.schedule(() -> fire(p, at), at - now, TimeUnit.MILLISECONDS);
  }

  private void fire(Planned p, long plannedAt) {
    if (plan.get(p.definition.id()) != p) {
      return; // re-planned or dropped since
    }
    schedule(p);
    if (paused || System.nanoTime() - leaseValidUntil > 0) {
      return;
    }
    if (!p.running.compareAndSet(false, true)) {
      log.debug("probe {} skips a round: its previous check is still running", p.definition.qualifiedName());
      return;
    }
    checks.execute(() -> {
      try {
        slots.acquire();
        metrics.lag(Duration.ofMillis(clock.millis() - plannedAt));
        results.record(p.definition, check(p.definition));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.warn("probe {}: {}", p.definition.qualifiedName(), e.toString());
      } finally {
        p.running.set(false);
      }
    });
  }

  /**
   * Runs one check of {@code probe} now, on a virtual thread bounded by the probe's timeout; the caller holds a
   * slot, which the check gives back when it really ends.
   */
  private ProbeResult check(ProbeDefinition probe) throws InterruptedException {
    // Milliseconds: what the database keeps (microseconds) would otherwise differ from what memory keeps.
    Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Duration timeout = probe.spec().timeoutOrDefault();
    Future<ProbeChecker.Outcome> running = checks.submit(() -> {
      try {
        return checkers.check(probe.spec(), timeout);
      } finally {
        slots.release();
      }
    });
    try {
      ProbeChecker.Outcome o = running.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
      return new ProbeResult(at, o.success(), o.duration(), o.message(), o.certExpiry());
    } catch (TimeoutException e) {
      running.cancel(true);
      return ProbeResult.timedOut(at, timeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return new ProbeResult(at, false, Duration.between(at, clock.instant()), message, null);
    }
  }

  /** Runs one check of {@code probe} at once and records it, as a scheduled run would; for tests and tools. */
  ProbeResult runNow(ProbeDefinition probe) throws InterruptedException {
    slots.acquire();
    ProbeResult result = check(probe);
    results.record(probe, result);
    return result;
  }

  @Override
  public void close() {
    plan.values().forEach(p -> p.next.cancel(false));
    plan.clear();
    timer.shutdownNow();
    checks.shutdownNow();
  }
}
