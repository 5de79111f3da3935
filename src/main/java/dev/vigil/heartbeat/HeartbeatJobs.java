package dev.vigil.heartbeat;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable job of heartbeats: one recurring check that finds overdue heartbeats.
 *
 * <p>Why one recurring check rather than a one-time job per heartbeat rescheduled on every ping: a ping would then
 * have to move a job that may be running at that moment on another node (db-scheduler does not move a picked job),
 * and the job would have to re-read and re-schedule itself to cover that race. With the deadline in the heartbeat's
 * row, a ping only writes its own row, and the check is one indexed query. db-scheduler runs a recurring task on one
 * node at a time and starts it again after a crash; the check locks the rows it takes with SKIP LOCKED and clears
 * their deadline in the same transaction as the alert, so an overdue heartbeat goes down exactly once. Its schedule
 * and "now" both come from the injected clock, so fast-forwarded tests see heartbeats go down at once. The cost is
 * that an incident opens up to {@code vigil.heartbeat.check-interval} (10 s) after the grace time ends. See ADR 0008.
 */
@Configuration(proxyBeanMethods = false)
class HeartbeatJobs {

  @Bean
  RecurringTask<Void> heartbeatCheckTask(Heartbeats heartbeats, HeartbeatProperties properties) {
    return Tasks.recurring("heartbeat-check", FixedDelay.of(properties.checkInterval()))
        .execute((instance, context) -> heartbeats.checkOverdue());
  }
}
