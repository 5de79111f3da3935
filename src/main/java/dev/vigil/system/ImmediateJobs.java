package dev.vigil.system;

import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs the work of a job that is due at once on the node that scheduled it, right after the scheduling transaction
 * commits, instead of through a poll: a page then costs no pick, no second hop and no extra commits. The job row stays
 * in {@code scheduled_tasks} as the fallback: the work leases it (pushes it out) while it runs, removes it when done,
 * and any node's poller runs it if this node dies first, so nothing is lost and a lease taken by one side keeps the
 * other out.
 */
@Component
public class ImmediateJobs {

  private static final Logger log = LoggerFactory.getLogger(ImmediateJobs.class);
  private static final Object KEY = ImmediateJobs.class;

  private final JdbcClient jdbc;
  private final boolean enabled;
  /** A few workers over an unbounded queue: past their pace the work waits here, and the pollers take over. */
  private final ExecutorService executor;

  @Autowired
  ImmediateJobs(JdbcClient jdbc, JobsProperties properties) {
    // A process that runs no jobs (vigil apply) leaves them to the nodes that do.
    this(jdbc, properties.enabled(), Executors.newFixedThreadPool(properties.immediateConcurrency(),
        Thread.ofVirtual().name("vigil-immediate-", 0).factory()));
  }

  /** With the workers that run the work after commit: a test runs it in a thread of its choosing. */
  ImmediateJobs(JdbcClient jdbc, boolean enabled, ExecutorService executor) {
    this.jdbc = jdbc;
    this.enabled = enabled;
    this.executor = executor;
  }

  /**
   * Inside a transaction, before the job is scheduled in it: once the transaction commits, {@code work} runs on this
   * node. True when it will; the caller then schedules the job a grace period out (see {@link #GRACE}), so that
   * pollers take it only if this node has not got to it by then. False outside a transaction or on a node that runs
   * no jobs: schedule the job as usual.
   */
  public boolean afterCommit(TaskInstanceId job, Runnable work) {
    if (!enabled || !TransactionSynchronizationManager.isSynchronizationActive()) {
      return false;
    }
    @SuppressWarnings("unchecked")
    Map<TaskInstanceId, Runnable> pending = (Map<TaskInstanceId, Runnable>) TransactionSynchronizationManager
        .getResource(KEY);
    if (pending == null) {
      Map<TaskInstanceId, Runnable> created = new LinkedHashMap<>();
      pending = created;
      TransactionSynchronizationManager.bindResource(KEY, created);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
          if (status == STATUS_COMMITTED) {
            created.values().forEach(ImmediateJobs.this::submit);
          }
        }
      });
    }
    pending.put(job, work);
    return true;
  }

  /**
   * How long a job run after commit waits before pollers may take it: the node that queued it leases it long before,
   * so pollers only see it when that node died or fell this far behind; a lease taken by either side keeps the other
   * out.
   */
  public static final java.time.Duration GRACE = java.time.Duration.ofSeconds(10);

  /** Whether this transaction runs the job itself after it commits, so that pollers need no wake-up for it. */
  static boolean runsAfterCommit(TaskInstanceId job) {
    Object pending = TransactionSynchronizationManager.getResource(KEY);
    return pending instanceof Map<?, ?> map && map.containsKey(job);
  }

  private void submit(Runnable work) {
    try {
      executor.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          // The job row is still there: a poller runs it when its grace or lease ends.
          log.warn("Immediate run of a job failed; the scheduler will run it again: {}", e.toString());
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Shutting down: the job row is there for the next node.
    }
  }

  /**
   * In the caller's transaction: takes a job no poller has picked by moving it to {@code until}, when a poller will
   * run it should this node not finish it first. False when a poller already has it (or it is gone): then it is the
   * poller's to run.
   */
  public boolean lease(TaskInstanceId job, Instant until) {
    return jdbc.sql("update scheduled_tasks set execution_time = :until, version = version + 1"
            + " where task_name = :task and task_instance = :instance and not picked")
        .param("until", Timestamp.from(until)).param("task", job.getTaskName())
        .param("instance", job.getId()).update() == 1;
  }

  /** In the caller's transaction: removes a leased job whose work is done. */
  public void remove(TaskInstanceId job) {
    jdbc.sql("delete from scheduled_tasks where task_name = :task and task_instance = :instance and not picked")
        .param("task", job.getTaskName()).param("instance", job.getId()).update();
  }

  @jakarta.annotation.PreDestroy
  void shutdown() {
    executor.shutdown();
  }
}
