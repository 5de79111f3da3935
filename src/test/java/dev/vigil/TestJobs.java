package dev.vigil;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The shared test application's job table, cleared between tests without cutting into a job that is running. */
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
}
