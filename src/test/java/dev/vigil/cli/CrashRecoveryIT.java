package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node on its embedded database is killed with SIGKILL while alerts stream in, and restarted on the same data
 * directory: every alert it had acknowledged with a 2xx is still there, and escalation steps that came due while it
 * was down page once it is back.
 */
class CrashRecoveryIT {

  static final String ADMIN_TOKEN = "crash-recovery-test-admin-token-0123456789";
  static final JsonMapper JSON = JsonMapper.builder().build();
  /** Between the first and the second step; shorter than the downtime, so second steps come due while it lasts. */
  static final Duration STEP_DELAY = Duration.ofSeconds(5);
  static final int PER_SECOND = 50;
  /** The least time alerts stream for; they stream on for a second after the kill, refused. */
  static final Duration STREAM = Duration.ofSeconds(6);
  /** The earliest kill; later if the node has not paged anybody by then (a cold JVM on a busy machine). */
  static final Duration KILL_AFTER = Duration.ofSeconds(3);

  @TempDir
  Path temp;

  @Test
  void acceptedAlertsSurviveSigkillAndStepsDueDuringTheDowntimeFireAfterTheRestart() throws Exception {
    Path data = temp.resolve("data");
    Path config = temp.resolve("vigil.yaml");
    Map<String, String> env = Map.of(
        "VIGIL_ADMIN_TOKEN", ADMIN_TOKEN,
        "VIGIL_JOBS_POLLINGINTERVAL", "200ms",
        // Jobs the killed node had picked are taken over after a few missed heartbeats; at the default of 10 s
        // that wait would be most of this test's run time.
        "VIGIL_JOBS_HEARTBEATINTERVAL", "1s",
        // Both users have one address each; the default rate limit would bundle the pages of different incidents.
        "VIGIL_NOTIFY_DELIVERY_MININTERVAL", "0s");
    try (WebhookSink sink = new WebhookSink()) {
      Files.writeString(config, MultiNodeExactlyOnceIT.catalog(sink, STEP_DELAY.toSeconds() + "s"));
      try (VigilProcess crashed = VigilProcess.start(data, env, "--config", config.toString())) {
        crashed.awaitReady();
        HttpResponse<String> integrations = crashed.get("/api/v1/integrations", ADMIN_TOKEN);
        assertThat(integrations.statusCode()).as(integrations.body()).isEqualTo(200);
        String events = "/api/v1/integrations/" + JSON.readTree(integrations.body()).get(0).get("key").asString()
            + "/events";

        Map<String, Long> accepted = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Instant streamStart = Instant.now();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(
            () -> stream(crashed.port(), events, accepted, stop));
        // Killed mid-stream once first steps are paging, so that some second steps come due while it is down.
        await("first steps paging").pollDelay(KILL_AFTER).atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> sink.pages().stream().filter(p -> p.recipient().equals("first")).count() >= 5);
        crashed.kill();
        Instant killedAt = Instant.now();
        assertThat(VigilProcess.postgresProcesses(data)).as("the killed node's PostgreSQL, orphaned").isNotEmpty();
        Thread.sleep(Math.max(1_000, Duration.between(Instant.now(), streamStart.plus(STREAM)).toMillis()));
        stop.set(true);
        stream.get(30, TimeUnit.SECONDS);
        System.out.printf("CrashRecoveryIT: %d alerts accepted in %d ms before SIGKILL%n", accepted.size(),
            Duration.between(streamStart, killedAt).toMillis());
        // A sanity check that the stream ran; what matters is below: every accepted alert is stored.
        assertThat(accepted).as("alerts accepted before the kill").hasSizeGreaterThanOrEqualTo(10);

        // Stay down past the due time of the second steps of incidents whose first step ran before the kill.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), killedAt.plus(STEP_DELAY).plusSeconds(1)).toMillis()));
        Instant restartedAt = Instant.now();
        try (VigilProcess restarted = VigilProcess.start(data, env, "--config", config.toString())) {
          restarted.awaitReady();
          System.out.printf("CrashRecoveryIT: down %d ms, restart ready in %d ms%n",
              Duration.between(killedAt, restartedAt).toMillis(),
              Duration.between(restartedAt, Instant.now()).toMillis());
          try (Connection db = embeddedDatabase(data)) {
            Set<String> stored = new HashSet<>();
            try (var statement = db.createStatement();
                ResultSet rs = statement.executeQuery("select fingerprint from alert")) {
              while (rs.next()) {
                stored.add(rs.getString(1));
              }
            }
            // Requests cut off by the kill may have committed without their answer arriving: more is fine, less not.
            assertThat(stored).as("alerts stored after the restart").containsAll(accepted.keySet());
          }

          try {
            await("both steps paged for every accepted alert's incident").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> accepted.values().stream().allMatch(
                    id -> sink.recipientsByIncident().getOrDefault(id, List.of()).equals(List.of("first", "second"))));
          } catch (org.awaitility.core.ConditionTimeoutException e) {
            Map<Long, List<String>> paged = sink.recipientsByIncident();
            List<Long> missing = accepted.values().stream()
                .filter(id -> !paged.getOrDefault(id, List.of()).equals(List.of("first", "second"))).sorted().toList();
            StringBuilder detail = new StringBuilder();
            try (Connection db = embeddedDatabase(data); var statement = db.prepareStatement("""
                select incident_id || ' ' || user_name || ' ' || state
                || ' bundled_into=' || coalesce(bundled_into::text, '-') || ' attempts=' || attempts
                from notification where incident_id = any(?) order by 1""")) {
              statement.setArray(1, db.createArrayOf("bigint", missing.stream().limit(10).toArray()));
              try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                  detail.append('\n').append(rs.getString(1));
                }
              }
            }
            throw new AssertionError(e.getMessage() + "\nincidents not fully paged: " + missing + " received "
                + missing.stream().limit(10).map(id -> id + "=" + paged.get(id)).toList() + detail, e);
          }

          try (Connection db = embeddedDatabase(data)) {
            assertThat(MultiNodeExactlyOnceIT.number(db, """
                    select count(*) from (select 1 from notification
                    group by incident_id, user_name having count(*) > 1) repeated"""))
                .as("incident and user pairs with more than one notification").isZero();
          }
          // A second step is due STEP_DELAY after its first step ran, which the timeline records a few milliseconds
          // late; the margin keeps a step that was due just before the kill, and may have run, out of the set.
          Set<Long> dueWhileDown = new HashSet<>();
          try (Connection db = embeddedDatabase(data); var statement = db.createStatement();
              ResultSet rs = statement.executeQuery("""
                      select incident_id, at from incident_event
                      where kind = 'escalated' and detail ->> 'step' = '1'""")) {
            while (rs.next()) {
              Instant due = rs.getTimestamp(2).toInstant().plus(STEP_DELAY);
              if (due.isAfter(killedAt.plusMillis(500)) && due.isBefore(restartedAt)) {
                dueWhileDown.add(rs.getLong(1));
              }
            }
          }
          assertThat(dueWhileDown).as("incidents whose second step came due while the node was down").isNotEmpty();
          List<WebhookSink.Page> pages = sink.pages();
          List<WebhookSink.Page> secondSteps = pages.stream()
              .filter(p -> p.recipient().equals("second") && dueWhileDown.contains(p.incidentId())).toList();
          assertThat(secondSteps).as("their second steps, sent after the restart")
              .extracting(WebhookSink.Page::receivedAt).allMatch(t -> t.isAfter(restartedAt));
          assertThat(secondSteps.stream().map(WebhookSink.Page::incidentId).distinct())
              .as("incidents whose overdue second step paged").containsExactlyInAnyOrderElementsOf(dueWhileDown);
          // Delivery is at least once: a send cut off by the kill may be repeated after the restart, with the same
          // key. So repeats are counted, not forbidden; the outbox itself must still hold one row per page.
          long repeats = pages.size() - sink.countsByKey().size();
          System.out.printf("CrashRecoveryIT: %d pages, %d of them repeats of a key; %d second steps overdue at"
              + " restart%n", pages.size(), repeats, dueWhileDown.size());
          assertThat(sink.unreadable()).as("webhook requests the sink could not read").isEmpty();

          restarted.stopAndCheckNothingLeft();
        }
      }
    }
  }

  /**
   * Sends one alert every 1/{@link #PER_SECOND} s until stopped (a minute at most) without waiting for answers,
   * recording the fingerprint and incident of each that was answered with a 2xx.
   */
  private static void stream(int port, String events, Map<String, Long> accepted, AtomicBoolean stop) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    List<CompletableFuture<?>> sent = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 60 * PER_SECOND && !stop.get(); i++) {
      long due = start + i * 1_000_000_000L / PER_SECOND;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      String fingerprint = "crash-" + i;
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + events))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"fingerprint\":\"" + fingerprint
              + "\",\"summary\":\"Alert " + i + "\",\"severity\":\"critical\"}"))
          .build();
      sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
        if (failure == null && response.statusCode() / 100 == 2) {
          accepted.put(fingerprint, JSON.readTree(response.body()).get("incidents").get(0).asLong());
        }
        return null; // refused or cut off by the kill: the sender would retry, and this test does not count it
      }));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
  }

  /** JDBC to the node's embedded PostgreSQL, at the port its postmaster records on line 4 of postmaster.pid. */
  /** A connection to the embedded PostgreSQL of the node whose data directory this is, as its superuser. */
  static Connection embeddedDatabase(Path data) throws Exception {
    List<String> pid = Files.readAllLines(data.resolve("postgres/postmaster.pid"));
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres",
        "postgres", "");
  }
}
