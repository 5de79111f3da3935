package dev.vigil.system;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The workers of {@link ImmediateJobs} in a scenario: the work a node does right after a transaction commits waits
 * here until a test runs it, in the thread that asks, so that a send leaves when the scenario says and not behind
 * its back.
 */
public final class AfterCommitWork extends AbstractExecutorService {

  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

  /** Runs the waiting work one piece at a time, and what it adds, until none is left; false when none was. */
  public boolean run() {
    boolean ran = false;
    for (Runnable work = waiting.poll(); work != null; work = waiting.poll()) {
      work.run();
      ran = true;
    }
    return ran;
  }

  public boolean isEmpty() {
    return waiting.isEmpty();
  }

  /** Forgets the waiting work: a scenario starting afresh has none. */
  public void clear() {
    waiting.clear();
  }

  @Override
  public void execute(Runnable work) {
    waiting.add(work);
  }

  // The application never ends this test's workers: a scenario's work outlives nothing but its context.
  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
