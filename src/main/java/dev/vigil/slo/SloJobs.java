package dev.vigil.slo;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable job of SLOs: {@code slo-evaluation}, every minute, on one node at a time (db-scheduler runs a recurring
 * task on one node and starts it again after a crash). A minute is the finest step a burn rate over 5m needs to fire
 * within a minute of the burn, and costs one reading per SLO.
 */
@Configuration(proxyBeanMethods = false)
class SloJobs {

  static final String TASK = "slo-evaluation";

  @Bean
  RecurringTask<Void> sloEvaluationTask(SloEvaluator evaluator) {
    return Tasks.recurring(TASK, FixedDelay.of(Duration.ofMinutes(1)))
        .execute((instance, context) -> evaluator.evaluateAll());
  }
}
