package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.TestJobs;
import dev.vigil.catalog.CatalogService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A job due at once runs on the node that scheduled it as soon as the scheduling transaction commits: never for a
 * rolled-back transaction, never alongside a poller that picked the job, and a new incident's first page is queued in
 * the very transaction that opens the incident and handed to its channel once.
 */
@IntegrationTest
class ImmediateJobsIT {

  static final TaskDescriptor<Long> PARKED = TaskDescriptor.of("immediate-jobs-it", Long.class);

  @LocalServerPort int port;
  @Autowired ImmediateJobs immediate;
  @Autowired SchedulerClient scheduler;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;

  HttpServer sink;
  final List<String> pages = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    TestJobs.quiesce(jdbc, "jobs-it");
    sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    sink.createContext("/", exchange -> {
      pages.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    sink.start();
  }

  @AfterEach
  void tearDown() {
    sink.stop(0);
    jdbc.sql("delete from scheduled_tasks where task_name = :t").param("t", PARKED.getTaskName()).update();
  }

  /** A row in db-scheduler's table far in the future, which no poller will run during the test. */
  TaskInstanceId park(String id, boolean picked) {
    jdbc.sql("""
            insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
            values (:t, :i, :at, :picked, 1)""")
        .param("t", PARKED.getTaskName()).param("i", id).param("at", Timestamp.from(Instant.now().plusSeconds(3600)))
        .param("picked", picked).update();
    return TaskInstanceId.of(PARKED.getTaskName(), id);
  }

  @Test
  void workRunsOnceTheTransactionCommitsAndNeverWhenItRollsBack() throws InterruptedException {
    CountDownLatch committed = new CountDownLatch(1);
    CountDownLatch rolledBack = new CountDownLatch(1);
    transactions.executeWithoutResult(tx -> {
      TaskInstanceId job = TaskInstanceId.of(PARKED.getTaskName(), "a");
      assertThat(immediate.afterCommit(job, committed::countDown)).isTrue();
      assertThat(ImmediateJobs.runsAfterCommit(job)).as("pollers need no wake-up for it").isTrue();
      assertThat(committed.getCount()).as("nothing runs before the commit").isEqualTo(1);
    });
    assertThat(committed.await(10, TimeUnit.SECONDS)).isTrue();

    transactions.executeWithoutResult(tx -> {
      immediate.afterCommit(TaskInstanceId.of(PARKED.getTaskName(), "b"), rolledBack::countDown);
      tx.setRollbackOnly();
    });
    assertThat(rolledBack.await(1, TimeUnit.SECONDS)).as("a rolled-back transaction's work never runs").isFalse();
    assertThat(ImmediateJobs.runsAfterCommit(TaskInstanceId.of(PARKED.getTaskName(), "a")))
        .as("outside the transaction nothing is pending").isFalse();
    assertThat(immediate.afterCommit(TaskInstanceId.of(PARKED.getTaskName(), "c"), () -> {}))
        .as("outside a transaction the caller schedules the job as usual").isFalse();
  }

  boolean leased(TaskInstanceId job, Instant until) {
    return Boolean.TRUE.equals(transactions.execute(tx -> immediate.lease(job, until)));
  }

  @Test
  void aLeaseKeepsPollersOutAndAJobAPollerPickedIsLeftToIt() {
    TaskInstanceId free = park("free", false);
    TaskInstanceId picked = park("picked", true);
    Instant until = Instant.now().plus(Duration.ofMinutes(7)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    assertThat(leased(free, until)).isTrue();
    assertThat(jdbc.sql("select execution_time from scheduled_tasks where task_name = :t and task_instance = 'free'")
        .param("t", PARKED.getTaskName()).query(Timestamp.class).single().toInstant()).isEqualTo(until);
    assertThat(leased(picked, until)).as("a poller has it").isFalse();
    assertThat(leased(TaskInstanceId.of(PARKED.getTaskName(), "gone"), until)).isFalse();

    transactions.executeWithoutResult(tx -> {
      immediate.remove(free);
      immediate.remove(picked);
    });
    assertThat(jdbc.sql("select task_instance from scheduled_tasks where task_name = :t")
        .param("t", PARKED.getTaskName()).query(String.class).list())
        .as("a done job goes; a picked one is its poller's to finish").containsExactly("picked");
  }

  @Test
  void theFirstStepPagesInTheTransactionThatOpensTheIncidentAndThePageGoesOutOnce() {
    TestCatalogs.reset(jdbc);
    String hook = "http://127.0.0.1:" + sink.getAddress().getPort() + "/ada";
    catalog.apply(TestCatalogs.load("""
        version: 1
        teams:
          - name: payments
            members: [ada, bo]
        users:
          - name: ada
            email: ada@example.com
            contact_methods:
              - type: webhook
                address: %s
          - name: bo
            email: bo@example.com
        escalation_policies:
          - name: payments
            steps:
              - delay: 5m
                targets: [{user: ada}]
              - delay: 5m
                targets: [{user: bo}]
        services:
          - name: payments-api
            team: payments
            tier: 1
            escalation_policy: payments
        integrations:
          - name: scripts
            type: events
            service: payments-api
        """.formatted(hook)), "/etc/vigil.yaml", "x");
    Api api = new Api(port);
    String key = api.get("/api/v1/integrations", IntegrationTest.ADMIN_TOKEN).json().get(0).get("key").asString();

    Api.Response sent = api.post("/api/v1/integrations/" + key + "/events", null,
        "{\"fingerprint\": \"card-auth\", \"summary\": \"card authorisations failing\", \"severity\": \"critical\"}");
    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    long incident = jdbc.sql("select id from incident order by id desc limit 1").query(Long.class).single();

    // When the 2xx is out, the first step has paged: it committed with the incident, no job in between.
    assertThat(jdbc.sql("select kind from incident_event where incident_id = :id order by id")
        .param("id", incident).query(String.class).list())
        .contains("escalated", "notification_queued");
    assertThat(jdbc.sql("select task_instance from scheduled_tasks where task_name = 'escalation-step'")
        .query(String.class).list()).as("only the second step waits as a job").containsExactly(incident + "-1-0-1");

    // Its delivery job waits out the grace, so no poller could send the page before then: arriving earlier, it
    // was sent by the node that queued it.
    Instant due = jdbc.sql("select min(execution_time) from scheduled_tasks where task_name = 'deliver-notification'")
        .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(Instant.MAX);
    assertThat(due).isAfter(Instant.now().plus(ImmediateJobs.GRACE).minusSeconds(5));
    await().atMost(ImmediateJobs.GRACE.minusSeconds(1)).until(() -> jdbc.sql(
        "select count(*) from notification where incident_id = :id and state = 'sent'").param("id", incident)
        .query(Long.class).single() == 1);
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
        "select count(*) from scheduled_tasks where task_name = 'deliver-notification'").query(Long.class)
        .single() == 0);
    assertThat(pages).hasSize(1);
    assertThat(pages.get(0)).contains("card authorisations failing");
  }
}
