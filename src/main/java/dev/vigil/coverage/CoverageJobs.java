package dev.vigil.coverage;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable job of the scorecard: {@code coverage-snapshot}, every hour, on one node at a time. Hourly rather than
 * at midnight so that a node down at midnight still files the day's point; the first run of a day writes it and the
 * others find it written.
 */
@Configuration(proxyBeanMethods = false)
class CoverageJobs {

  static final String TASK = "coverage-snapshot";

  @Bean
  RecurringTask<Void> coverageSnapshotTask(CoverageBoard board) {
    return Tasks.recurring(TASK, FixedDelay.ofHours(1)).execute((instance, context) -> board.snapshot());
  }
}
