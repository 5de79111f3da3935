package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.vigil.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable job runner on the embedded PostgreSQL: jobs survive a runner that stops before they are due, and
 * several runners on one database execute each job exactly once.
 */
@IntegrationTest
class JobsIT {

  record Payload(String incident, int step) {}

  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper jsonMapper;
  /**
   * The application's clock, which other tests fast-forward: the application's own runner shares this table and
   * deletes jobs it cannot run once they look two weeks overdue by that clock, so these runners must keep the same time.
   */
  @Autowired java.time.Clock clock;

  final ConcurrentHashMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  final List<Scheduler> runners = new java.util.concurrent.CopyOnWriteArrayList<>();
  OneTimeTask<Payload> task;

  @BeforeEach
  void task() {
    jdbc.sql("delete from scheduled_tasks where task_name = 'jobs-it'").update();
    task = Tasks.oneTime("jobs-it", Payload.class).execute((instance, context) ->
        runs.computeIfAbsent(instance.getData().incident() + "/" + instance.getData().step(),
            k -> new AtomicInteger()).incrementAndGet());
  }

  @AfterEach
  void stop() {
    runners.forEach(Scheduler::stop);
  }

  Scheduler runner(String name) {
    Scheduler s = Scheduler.create(dataSource, List.of(task))
        .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(name))
        .serializer(new JsonTaskDataSerializer(jsonMapper))
        .clock(clock::instant)
        .pollingInterval(Duration.ofMillis(50))
        .pollUsingLockAndFetch(0.5, 1.0)
        .threads(4)
        .build();
    runners.add(s);
    return s;
  }

  @Test
  void twoRunnersExecuteEveryJobExactlyOnce() {
    Scheduler a = runner("node-a");
    Scheduler b = runner("node-b");
    Instant now = clock.instant();
    for (int i = 0; i < 300; i++) {
      a.schedule(task.instance("job-" + i, new Payload("incident-" + i, 1)), now.plusMillis(i % 50));
    }
    a.start();
    b.start();

    await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() == 300
        && jdbc.sql("select count(*) from scheduled_tasks where task_name = 'jobs-it'").query(Long.class).single() == 0);
    assertThat(runs.values()).allMatch(n -> n.get() == 1);
  }

  @Test
  void aJobScheduledBeforeARestartRunsAfterIt() {
    Scheduler first = runner("before-restart");
    first.start();
    first.schedule(task.instance("survivor", new Payload("incident-7", 2)), clock.instant().plusMillis(1500));
    first.stop();
    assertThat(runs).isEmpty();

    Scheduler second = runner("after-restart");
    second.start();
    await().atMost(Duration.ofSeconds(15)).until(() -> runs.containsKey("incident-7/2"));
    assertThat(runs.get("incident-7/2").get()).isEqualTo(1);
  }
}
