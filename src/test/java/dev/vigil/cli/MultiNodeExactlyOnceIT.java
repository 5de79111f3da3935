package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Vigil processes on one real PostgreSQL share the escalation and delivery work of 500 incidents: every page
 * of every step is sent exactly once, whichever node ingested the alert or ran the job.
 */
class MultiNodeExactlyOnceIT {

  static final String ADMIN_TOKEN = "multi-node-test-admin-token-0123456789";
  static final String PASSWORD = "vigil-it-password";
  static final int INCIDENTS = 500;
  static final int BATCH = 50;
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path temp;

  @Test
  void everyPageOfEveryStepIsSentOnceAcrossTwoNodes() throws Exception {
    try (DebianPostgres postgres = DebianPostgres.start(temp.resolve("pg"));
        WebhookSink sink = new WebhookSink()) {
      postgres.createDatabase("vigil", "vigil", PASSWORD);
      Path config = temp.resolve("vigil.yaml");
      Files.writeString(config, catalog(sink, "1s"));
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Map<String, String> env = Map.of(
          "VIGIL_DATABASE_URL", postgres.jdbcUrl("vigil"),
          "VIGIL_DATABASE_USER", "vigil",
          "VIGIL_DATABASE_PASSWORD", PASSWORD,
          "VIGIL_ADMIN_TOKEN", ADMIN_TOKEN,
          "VIGIL_SECRET_KEY", Base64.getEncoder().encodeToString(key),
          "VIGIL_JOBS_POLLINGINTERVAL", "200ms",
          // The default of one message per address per minute would bundle: both users have one address each.
          "VIGIL_NOTIFY_DELIVERY_MININTERVAL", "0s");

      try (VigilProcess a = node(temp.resolve("a"), env, config)) {
        // A is ready before B starts, so that B's start-up apply of the same catalog finds nothing to change.
        a.awaitReady();
        try (VigilProcess b = node(temp.resolve("b"), env, config)) {
          b.awaitReady();
          HttpResponse<String> integrations = a.get("/api/v1/integrations", ADMIN_TOKEN);
          assertThat(integrations.statusCode()).as(integrations.body()).isEqualTo(200);
          String events = "/api/v1/integrations/" + JSON.readTree(integrations.body()).get(0).get("key").asString()
              + "/events";

          long started = System.nanoTime();
          List<Long> incidents = sendAlerts(List.of(a, b), events);
          assertThat(incidents).as("incidents opened").doesNotHaveDuplicates().hasSize(INCIDENTS);

          try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("vigil"), "vigil", PASSWORD)) {
            // Done when every step has paged and no job is left that could still send: a duplicate would be in by then.
            try {
              await("both steps paged for every incident, and no job left").atMost(Duration.ofSeconds(90))
                  .pollInterval(Duration.ofMillis(500))
                  .until(() -> sink.recipientsByIncident().values().stream()
                      .filter(r -> r.equals(List.of("first", "second"))).count() == INCIDENTS
                      && number(db, """
                              select count(*) from scheduled_tasks where task_name in
                              ('escalation-step', 'deliver-notification')""") == 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
              for (VigilProcess node : List.of(a, b)) {
                node.output().lines().filter(l -> l.contains("\"level\":\"WARN") || l.contains("\"level\":\"ERROR"))
                    .limit(20).forEach(l -> System.out.println("node " + node.port() + ": " + l));
              }
              throw new AssertionError(e.getMessage() + "\npages received: " + sink.pages().size()
                  + ", incidents fully paged: " + sink.recipientsByIncident().values().stream()
                  .filter(r -> r.equals(List.of("first", "second"))).count()
                  + "\nnotifications by state: " + rows(db, """
                          select state || ' bundled=' || (bundled_into is not null)
                          || ' attempts=' || attempts || ': ' || count(*) from notification
                          group by state, bundled_into is not null, attempts""")
                  + "\njobs left: " + rows(db, """
                          select task_name || ' picked=' || picked || ' failures='
                          || consecutive_failures || ': ' || count(*) from scheduled_tasks
                          group by task_name, picked, consecutive_failures""")
                  + "\nlast errors: " + rows(db, """
                          select distinct last_error from notification where last_error
                          is not null limit 5"""), e);
            }
            System.out.printf("MultiNodeExactlyOnceIT: %d incidents paged through both steps in %d ms%n", INCIDENTS,
                (System.nanoTime() - started) / 1_000_000);

            List<WebhookSink.Page> pages = sink.pages();
            assertThat(sink.unreadable()).as("webhook requests the sink could not read").isEmpty();
            assertThat(sink.countsByKey()).as("requests per idempotency key").hasSize(2 * INCIDENTS)
                .allSatisfy((k, n) -> assertThat(n).as("requests with key %s", k).isEqualTo(1));
            assertThat(pages).as("pages in all").hasSize(2 * INCIDENTS);
            assertThat(sink.recipientsByIncident().keySet()).as("incidents paged")
                .containsExactlyInAnyOrderElementsOf(incidents);

            // Each node's public URL is its own address, and the message links to the incident through it.
            Map<String, Long> byNode = WebhookSink.count(pages, p -> p.incidentUrl().replaceFirst("/api/v1/.*", ""));
            System.out.printf("MultiNodeExactlyOnceIT: pages sent per node %s%n", byNode);
            assertThat(byNode).as("pages sent by each node").containsOnlyKeys(
                "http://127.0.0.1:" + a.port(), "http://127.0.0.1:" + b.port());

            assertThat(number(db, "select count(*) from incident")).as("incidents").isEqualTo(INCIDENTS);
            assertThat(number(db, "select count(*) from alert")).as("alerts").isEqualTo(INCIDENTS);
            assertThat(number(db, "select count(*) from notification")).as("notifications").isEqualTo(2 * INCIDENTS);
            assertThat(number(db, """
                    select count(*) from notification where state = 'sent' and bundled_into is null
                    and attempts = 1""")).as("notifications sent on their first attempt, none bundled")
                .isEqualTo(2 * INCIDENTS);
            assertThat(number(db, """
                    select count(*) from (select incident_id from incident_event
                    where kind = 'escalated' group by incident_id having count(*) = 2) twice"""))
                .as("incidents with exactly two escalated events").isEqualTo(INCIDENTS);
            assertThat(number(db, "select count(*) from incident_event where kind = 'escalated'"))
                .as("escalated events in all").isEqualTo(2 * INCIDENTS);
          }
          b.stopAndCheckNothingLeft();
          a.stopAndCheckNothingLeft();
        }
      }
    }
  }

  private static VigilProcess node(Path data, Map<String, String> env, Path config) throws Exception {
    int port = VigilProcess.freePort();
    Map<String, String> own = new HashMap<>(env);
    own.put("VIGIL_PUBLIC_URL", "http://127.0.0.1:" + port);
    return VigilProcess.start(data, port, own, "--config", config.toString());
  }

  /** Sends the alerts in batches, alternately to each node, both nodes at once; returns the incidents opened. */
  private static List<Long> sendAlerts(List<VigilProcess> nodes, String events) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(nodes.size());
    try {
      List<Future<List<Long>>> sent = new ArrayList<>();
      for (int n = 0; n < nodes.size(); n++) {
        VigilProcess node = nodes.get(n);
        int first = n;
        sent.add(senders.submit(() -> {
          List<Long> opened = new ArrayList<>();
          for (int batch = first; batch * BATCH < INCIDENTS; batch += nodes.size()) {
            StringBuilder body = new StringBuilder("{\"events\":[");
            for (int i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
              body.append(i == batch * BATCH ? "" : ",").append("{\"fingerprint\":\"multi-node-").append(i)
                  .append("\",\"summary\":\"Alert ").append(i).append("\",\"severity\":\"critical\"}");
            }
            HttpResponse<String> response = node.postJson(events, body.append("]}").toString());
            assertThat(response.statusCode()).as("batch %d to port %d: %s", batch, node.port(), response.body())
                .isEqualTo(202);
            JsonNode ids = JSON.readTree(response.body()).get("incidents");
            ids.forEach(id -> opened.add(id.asLong()));
          }
          return opened;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : sent) {
        all.addAll(f.get());
      }
      return all;
    } finally {
      senders.shutdownNow();
    }
  }

  private static List<String> rows(Connection db, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (var statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  static long number(Connection db, String sql) throws SQLException {
    try (var statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from %s", sql).isTrue();
      return rs.getLong(1);
    }
  }

  /** A service whose policy pages {@code first}, after {@code firstStepDelay} {@code second}; by webhook only. */
  static String catalog(WebhookSink sink, String firstStepDelay) {
    return """
        version: 1
        teams:
          - name: platform
            members: [first, second]
        users:
          - name: first
            email: first@example.com
            contact_methods:
              - type: webhook
                address: %s
          - name: second
            email: second@example.com
            contact_methods:
              - type: webhook
                address: %s
        escalation_policies:
          - name: platform
            steps:
              - delay: %s
                targets: [{user: first}]
              - delay: 1s
                targets: [{user: second}]
        services:
          - name: api
            team: platform
            tier: 1
            kind: http-service
            escalation_policy: platform
        integrations:
          - name: monitoring
            type: events
            service: api
        """.formatted(sink.url("first"), sink.url("second"), firstStepDelay);
  }
}
