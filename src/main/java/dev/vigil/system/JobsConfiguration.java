package dev.vigil.system;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable job runner: db-scheduler on PostgreSQL. Features declare their tasks as beans and schedule them
 * through {@link com.github.kagkarlsson.scheduler.SchedulerClient}; a job survives restarts and runs once across
 * all nodes sharing the database.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

  @Bean
  Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, Clock clock, JobsProperties properties,
      JsonMapper jsonMapper) {
    List<RecurringTask<?>> recurring = tasks.stream()
        .filter(RecurringTask.class::isInstance)
        .<RecurringTask<?>>map(t -> (RecurringTask<?>) t)
        .toList();
    // Recurring tasks are known to the scheduler through startTasks; listing them twice is refused.
    List<Task<?>> others = tasks.stream().filter(t -> !(t instanceof RecurringTask)).toList();
    // Through the proxy, a job scheduled inside a transaction is stored in that transaction: an incident and the
    // first step of its escalation commit together or not at all.
    AtomicReference<Scheduler> built = new AtomicReference<>();
    Scheduler scheduler = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), others)
        .clock(clock::instant)
        .serializer(new JsonTaskDataSerializer(jsonMapper))
        .pollingInterval(properties.pollingInterval())
        .heartbeatInterval(properties.heartbeatInterval())
        .threads(properties.threads())
        // PostgreSQL has SELECT ... FOR UPDATE SKIP LOCKED: pick and lock due jobs in one statement.
        .pollUsingLockAndFetch(0.5, 1.0)
        .addSchedulerListener(new DueJobWakeUp(built::get, clock))
        .startTasks(recurring)
        .shutdownMaxWait(Duration.ofSeconds(10))
        .build();
    built.set(scheduler);
    return scheduler;
  }

  /** Starts the runner once the application is up and stops it before the database pool closes. */
  @Bean
  SmartLifecycle schedulerLifecycle(Scheduler scheduler, JobsProperties properties) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        if (!properties.enabled()) {
          return;
        }
        scheduler.start();
        running = true;
      }

      @Override
      public void stop() {
        if (running) {
          scheduler.stop();
        }
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public int getPhase() {
        // After the web server stops taking requests (graceful shutdown), before anything else goes. Stop runs from
        // the highest phase down; in the graceful shutdown's own phase the order of the two would be arbitrary.
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1;
      }
    };
  }
}
