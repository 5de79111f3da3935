package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.catalog.CatalogLoader;
import dev.vigil.catalog.CatalogService;
import dev.vigil.catalog.LoadResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deleting an integration deletes its alerts, which have no foreign key to cascade by (ADR 0015), and an alert
 * arriving for it while it is being deleted is refused whole, never stored under an integration that is gone.
 */
@IntegrationTest
class IntegrationDeletionIT {

  static final String EVENTS = "/api/v1/integrations/" + IntakeCatalog.EVENTS_KEY + "/events";
  static final String PAGERDUTY = "/v2/enqueue";

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;
  Api api;
  /** Threads of their own: the deletion holds one until it may commit, and the common pool may have only one. */
  final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @BeforeEach
  void setUp() {
    IntakeCatalog.reset(catalog, jdbc);
    api = new Api(port);
  }

  @Test
  void anIntegrationRemovedFromTheCatalogTakesItsAlertsAndLeavesItsIncidents() {
    long batch = integrationId("batch");
    assertThat(api.post(EVENTS, null, "{\"fingerprint\": \"disk\", \"summary\": \"Disk 91%\"}").status())
        .isEqualTo(202);
    assertThat(api.post("/api/v1/integrations/" + IntakeCatalog.ALERTMANAGER_KEY + "/alertmanager", null,
        IntakeAlertmanagerIT.webhook(IntakeAlertmanagerIT.alert("firing", "api-1", "aaaa000000000001"))).status()).isEqualTo(202);

    applyWithout("batch");

    assertThat(jdbc.sql("select count(*) from alert where integration_id = :id").param("id", batch)
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from incident where integration_id is null").query(Long.class).single())
        .as("the incident stays, without its integration").isEqualTo(1);
    assertThat(api.post(EVENTS, null, "{\"fingerprint\": \"disk\", \"summary\": \"Disk 91%\"}").status())
        .isEqualTo(404);
  }

  @Test
  void anAlertArrivingWhileItsIntegrationIsDeletedIsRefusedAndNothingOfItStays() throws Exception {
    long batch = integrationId("batch");
    long before = IntakeCatalog.storedRows(jdbc);

    Api.Response response = whileDeleting("batch", () -> api.post(EVENTS, null,
        "{\"fingerprint\": \"raced\", \"summary\": \"Queue stuck\", \"severity\": \"critical\"}"));

    assertThat(response.status()).as(response.body()).isEqualTo(404);
    assertThat(response.body()).contains("unknown integration key");
    assertThat(jdbc.sql("select count(*) from alert where integration_id = :id").param("id", batch)
        .query(Long.class).single()).isZero();
    assertThat(IntakeCatalog.storedRows(jdbc)).isEqualTo(before);
  }

  @Test
  void aPagerDutyEventRacingItsIntegrationsDeletionGetsPagerDutysAnswerForAnUnknownKey() throws Exception {
    Api.Response response = whileDeleting("pagerduty", () -> api.post(PAGERDUTY, null,
        "{\"routing_key\": \"" + IntakeCatalog.PAGERDUTY_KEY + "\", \"event_action\": \"trigger\","
            + " \"payload\": {\"summary\": \"Replica lag\", \"source\": \"db-2\", \"severity\": \"error\"}}"));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("Invalid routing key");
    assertThat(IntakeCatalog.storedRows(jdbc)).isZero();
  }

  /**
   * Sends {@code request} while a transaction that deleted {@code integration} is still open: the request still
   * finds the integration, and must wait for the deletion to end (checked in pg_locks) before its answer.
   */
  private Api.Response whileDeleting(String integration, Supplier<Api.Response> request) throws Exception {
    CountDownLatch deleted = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    CompletableFuture<Void> deletion = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
      applyWithout(integration);
      deleted.countDown();
      await(commit);
    }), threads);
    assertThat(deleted.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Api.Response> answer = CompletableFuture.supplyAsync(request, threads);
    waitForAWaitingAdvisoryLock();
    commit.countDown();
    deletion.get(30, TimeUnit.SECONDS);
    return answer.get(30, TimeUnit.SECONDS);
  }

  private long integrationId(String name) {
    return jdbc.sql("select id from integration where name = :name").param("name", name).query(Long.class).single();
  }

  /** Applies the intake catalog without one of its integrations. */
  private void applyWithout(String integration) {
    String yaml = IntakeCatalog.YAML.replaceAll("(?s)\\n  - name: " + integration + "\\n.*?(?=\\n  - name: |\\n*$)", "");
    assertThat(yaml).doesNotContain("name: " + integration + "\n");
    LoadResult loaded = CatalogLoader.withEnvironment(name -> null).load("vigil.yaml", yaml);
    assertThat(loaded.ok()).as("%s", loaded.problems()).isTrue();
    catalog.apply(loaded.catalog(), "/etc/vigil/vigil.yaml", "without-" + integration);
  }

  private void waitForAWaitingAdvisoryLock() {
    org.awaitility.Awaitility.await("the request waits for the deletion").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted")
            .query(Long.class).single() > 0);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
