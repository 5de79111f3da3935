package dev.vigil;

import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shared test application's job table: cleared between tests without cutting into a job that is running, and
 * watched until the work the clock allows is done.
 */
public final class TestJobs {

  private TestJobs() {}

  /**
   * Removes every waiting job except {@code keep}, then waits for running ones to finish: a delivery of an earlier
   * test, retried after the mail server restarted between tests, would otherwise send into the next test's mailbox.
   */
  public static void quiesce(JdbcClient jdbc, String keep) {
    jdbc.sql("delete from scheduled_tasks where task_name <> :keep and not picked").param("keep", keep).update();
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
            "select count(*) from scheduled_tasks where picked and task_name <> :keep").param("keep", keep)
        .query(Long.class).single() == 0);
  }

  /**
   * Waits until the running application has done everything the clock allows by now: no job due or running, and
   * no page waiting for its first attempt (which the node that queued it makes right after commit, without a job)
   * or on its way. Then what has not happened will not happen without the clock moving on.
   */
  public static void awaitSettled(JdbcClient jdbc, Clock clock) {
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
            select (select count(*) from scheduled_tasks where picked or execution_time <= :now)
                 + (select count(*) from notification where state = 'sending' or (state = 'queued' and attempts = 0))
            """).param("now", Timestamp.from(clock.instant())).query(Long.class).single() == 0);
  }
}
