package dev.vigil.system;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starts a job that is due at once as soon as the transaction that scheduled it commits, instead of at the next
 * poll. db-scheduler's own immediate execution looks for the job when it is scheduled, which is before the commit,
 * so it cannot see it; a page would then wait up to a polling interval at each hop (escalation step, delivery).
 */
final class DueJobWakeUp extends AbstractSchedulerListener {

  private static final Object KEY = DueJobWakeUp.class;

  private final Supplier<Scheduler> scheduler;
  private final Clock clock;

  DueJobWakeUp(Supplier<Scheduler> scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  @Override
  public void onExecutionScheduled(TaskInstanceId taskInstanceId, Instant executionTime) {
    if (executionTime.isAfter(clock.instant()) || ImmediateJobs.runsAfterCommit(taskInstanceId)) {
      return; // not due yet, or this node runs it itself once the transaction commits
    }
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      wake();
      return;
    }
    // One wake-up per transaction is enough: a poll takes every due job.
    if (TransactionSynchronizationManager.hasResource(KEY)) {
      return;
    }
    TransactionSynchronizationManager.bindResource(KEY, Boolean.TRUE);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        if (status == STATUS_COMMITTED) {
          wake();
        }
      }
    });
  }

  private void wake() {
    Scheduler running = scheduler.get();
    if (running != null) {
      running.triggerCheckForDueExecutions();
    }
  }
}
