package dev.vigil.system;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's job runner without its poller: db-scheduler's manual scheduler on the same table, tasks, clock
 * and job data format as {@link JobsConfiguration}, whose due jobs a test runs in its own thread. With
 * {@code vigil.jobs.enabled=false} nothing else runs jobs. The work {@link ImmediateJobs} does right after a
 * transaction commits (a message's first delivery attempt) waits in {@link AfterCommitWork} for the test to run it,
 * while its job waits out the grace in the table as it does on a running node.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ManualJobs {

  @Bean
  @Primary
  ManualScheduler manualScheduler(DataSource dataSource, List<Task<?>> tasks, TestClock clock, JsonMapper jsonMapper) {
    List<RecurringTask<?>> recurring = tasks.stream()
        .filter(RecurringTask.class::isInstance)
        .<RecurringTask<?>>map(t -> (RecurringTask<?>) t)
        .toList();
    List<Task<?>> oneTime = tasks.stream().filter(t -> !(t instanceof RecurringTask<?>)).toList();
    return (ManualScheduler) TestHelper.createManualScheduler(new TransactionAwareDataSourceProxy(dataSource), oneTime)
        .clock(new FollowingClock(clock))
        .startTasks(recurring)
        .serializer(new JsonTaskDataSerializer(jsonMapper))
        .build();
  }

  @Bean
  AfterCommitWork afterCommitWork() {
    return new AfterCommitWork();
  }

  /** The after-commit path of a running node, its work left for the test to run. */
  @Bean
  @Primary
  ImmediateJobs scenarioImmediateJobs(JdbcClient jdbc, AfterCommitWork work) {
    return new ImmediateJobs(jdbc, true, work);
  }

  /** Schedules the recurring tasks once the database is migrated, as the real runner does when it starts. */
  @Bean
  SmartLifecycle manualSchedulerStart(ManualScheduler scheduler) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        scheduler.start();
        running = true;
      }

      @Override
      public void stop() {
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  /** db-scheduler's settable clock reading and moving the application's test clock, so the two never disagree. */
  static final class FollowingClock extends SettableClock {
    private final TestClock clock;

    FollowingClock(TestClock clock) {
      this.clock = clock;
    }

    @Override
    public Instant now() {
      return clock.instant();
    }

    @Override
    public void set(Instant instant) {
      clock.set(instant);
    }

    @Override
    public void tick(Duration duration) {
      clock.advance(duration);
    }
  }
}
