package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.WebSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node whose database freezes (its embedded PostgreSQL and every backend stopped with SIGSTOP, as a hung host or
 * a network partition leaves it) answers every route that needs the database with 503 and Retry-After within a
 * bounded time: the API behind its bearer token, the UI behind its session, sign-in, intake, heartbeat pings,
 * status pages, and a request that held a connection when the freeze began. Once the database resumes, the node
 * serves again by itself. A node of its own, so that no other test's database is frozen.
 */
class DatabaseOutageIT {

  static final String ADMIN_TOKEN = "database-outage-test-admin-token-0123456789";
  static final String PASSWORD = "correct horse battery";
  static final JsonMapper JSON = JsonMapper.builder().build();
  /** What a bounded time means here: a client that waits this long gets its answer, whatever it asked. */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(25);

  static final String CONFIG = """
      version: 1
      teams:
        - name: platform
      users:
        - name: alice
          email: alice@example.com
      services:
        - name: api
          team: platform
          tier: 1
          kind: http-service
          heartbeats:
            - name: nightly
              period: 1h
      integrations:
        - name: monitoring
          type: events
          service: api
      status_pages:
        - slug: public
          title: Example status
          components:
            - name: API
              services: [api]
      """;

  @TempDir
  Path temp;

  /** An answer and how long it took. */
  record Answer(String what, int status, String retryAfter, String contentType, String body, long millis) {
    Answer named(String name) {
      return new Answer(name, status, retryAfter, contentType, body, millis);
    }
  }

  @Test
  void everyRouteAnswers503WithinABoundedTimeWhileTheDatabaseIsFrozenAndRecoversByItself() throws Exception {
    Path data = temp.resolve("data");
    Path config = Files.writeString(temp.resolve("vigil.yaml"), CONFIG);
    try (VigilProcess node = VigilProcess.start(data, Map.of("VIGIL_ADMIN_TOKEN", ADMIN_TOKEN),
        "--config", config.toString())) {
      node.awaitReady();
      int port = node.port();
      HttpResponse<String> integrations = node.get("/api/v1/integrations", ADMIN_TOKEN);
      assertThat(integrations.statusCode()).as(integrations.body()).isEqualTo(200);
      String events = "/api/v1/integrations/" + JSON.readTree(integrations.body()).get(0).get("key").asString()
          + "/events";
      JsonNode heartbeat = JSON.readTree(node.get("/api/v1/heartbeats", ADMIN_TOKEN).body()).get(0);
      String ping = URI.create(heartbeat.get("pingUrl").asString()).getPath();

      WebSession signedIn = new WebSession(port);
      signedIn.get("/setup");
      WebSession.Page setup = signedIn.post("/setup", Map.of("token", ADMIN_TOKEN, "username", "root",
          "password", PASSWORD, "confirm", PASSWORD, "user", "alice"));
      assertThat(setup.location()).as(setup.body()).isEqualTo("/login");
      assertThat(signedIn.signIn("root", PASSWORD).location()).isEqualTo("/");
      assertThat(signedIn.get("/").status()).isEqualTo(200);
      WebSession signingIn = new WebSession(port);
      signingIn.get("/login");

      Map<String, Supplier<Answer>> requests = new LinkedHashMap<>();
      requests.put("API with a bearer token", () -> send(port, "GET", "/api/v1/incidents", ADMIN_TOKEN, null));
      requests.put("UI page with a session", () -> page(() -> signedIn.get("/", Map.of("Accept", "text/html"))));
      requests.put("sign-in page", () -> page(() -> new WebSession(port).get("/login", Map.of("Accept", "text/html"))));
      requests.put("sign-in", () -> page(() -> signingIn.post("/login",
          Map.of("username", "root", "password", PASSWORD))));
      requests.put("intake", () -> send(port, "POST", events, null, alert("during")));
      requests.put("heartbeat ping", () -> send(port, "GET", ping, null, null));
      requests.put("status page", () -> send(port, "GET", "/status/public", null, null));

      try (Connection db = CrashRecoveryIT.embeddedDatabase(data);
          ExecutorService clients = Executors.newCachedThreadPool()) {
        // A request that holds a connection when the database freezes: an alert whose ingest waits for a lock this
        // test holds on its integration (the lock a catalog apply deleting the integration would take).
        long integration = MultiNodeExactlyOnceIT.number(db,
            "select id from integration where name = 'monitoring'");
        try (PreparedStatement lock = db.prepareStatement("select pg_advisory_lock(0, ?)")) {
          lock.setInt(1, Math.toIntExact(integration));
          lock.execute();
        }
        CompletableFuture<Answer> held = CompletableFuture.supplyAsync(
            () -> send(port, "POST", events, null, alert("held")).named("request holding a connection"), clients);
        await("the alert's ingest waiting for the lock").atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> MultiNodeExactlyOnceIT.number(db,
                "select count(*) from pg_locks where locktype = 'advisory' and not granted") > 0);

        List<Long> frozen = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        try {
          freeze(data, frozen);
          List<CompletableFuture<Answer>> during = new ArrayList<>();
          requests.forEach((what, request) -> during.add(
              CompletableFuture.supplyAsync(() -> request.get().named(what), clients)));
          answers.add(held.get(ANSWER_WITHIN.toSeconds() + 10, TimeUnit.SECONDS));
          for (CompletableFuture<Answer> answer : during) {
            answers.add(answer.get(ANSWER_WITHIN.toSeconds() + 10, TimeUnit.SECONDS));
          }
        } finally {
          signal("CONT", frozen);
        }
        answers.forEach(a -> System.out.printf("DatabaseOutageIT: %s answered %d in %d ms%n", a.what(), a.status(),
            a.millis()));
        for (Answer answer : answers) {
          assertThat(answer.status())
              .as(() -> answer.what() + ": " + answer.body() + "\nthe node's output:\n" + node.outputTail())
              .isEqualTo(503);
          assertThat(answer.retryAfter()).as("%s: Retry-After", answer.what()).isNotNull();
          assertThat(answer.millis()).as("%s: milliseconds to answer", answer.what())
              .isLessThan(ANSWER_WITHIN.toMillis());
        }
        Map<String, Answer> byName = new LinkedHashMap<>();
        answers.forEach(a -> byName.put(a.what(), a));
        assertThat(byName.get("API with a bearer token").contentType()).startsWith("application/problem+json");
        assertThat(byName.get("UI page with a session").contentType()).as("for a browser").startsWith("text/html");
        assertThat(byName.get("UI page with a session").body()).contains("Vigil's database is unavailable");
        assertThat(byName.get("sign-in page").body()).contains("Vigil's database is unavailable");
      }

      // Back by itself: no restart, nothing done to the node.
      await("the API serving again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> send(port, "GET", "/api/v1/incidents", ADMIN_TOKEN, null).status() == 200);
      assertThat(signedIn.get("/").status()).as("the same session").isEqualTo(200);
      assertThat(send(port, "POST", events, null, alert("after")).status()).isEqualTo(202);
      assertThat(send(port, "GET", ping, null, null).status()).isEqualTo(200);
      assertThat(send(port, "GET", "/status/public", null, null).status()).isEqualTo(200);
      assertThat(new WebSession(port).signIn("root", PASSWORD).location()).isEqualTo("/");
      node.stopAndCheckNothingLeft();
    }
  }

  static String alert(String fingerprint) {
    return "{\"fingerprint\": \"" + fingerprint + "\", \"summary\": \"Checkout errors\", \"severity\": \"warning\"}";
  }

  static Answer send(int port, String method, String path, String token, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(ANSWER_WITHIN)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      return new Answer(method + " " + path, response.statusCode(),
          response.headers().firstValue("Retry-After").orElse(null),
          response.headers().firstValue("Content-Type").orElse(""), response.body(), millisSince(start));
    } catch (IOException e) {
      return noAnswer(method + " " + path, e, start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Answer page(Supplier<WebSession.Page> request) {
    long start = System.nanoTime();
    try {
      WebSession.Page page = request.get();
      return new Answer("page", page.status(), page.headers().firstValue("Retry-After").orElse(null),
          page.headers().firstValue("Content-Type").orElse(""), page.body(), millisSince(start));
    } catch (java.io.UncheckedIOException e) {
      return noAnswer("page", e.getCause(), start);
    }
  }

  /** A request that got no answer (status 0), which every assertion on it then reports. */
  static Answer noAnswer(String what, IOException e, long start) {
    return new Answer(what, 0, null, "", "no answer: " + e, millisSince(start));
  }

  static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  /**
   * Stops the embedded postmaster, then every process under it, with SIGSTOP: the server then accepts connections
   * and reads nothing, as a hung host does. The postmaster first, so that it starts no backend the list misses.
   * Each process goes into {@code stopped} before its signal, for the caller's SIGCONT whatever happens.
   */
  static void freeze(Path data, List<Long> stopped) {
    long postmaster = Long.parseLong(lines(data.resolve("postgres/postmaster.pid")).get(0).trim());
    stopped.add(postmaster);
    signal("STOP", List.of(postmaster));
    List<Long> backends = ProcessHandle.of(postmaster).orElseThrow().descendants().map(ProcessHandle::pid).toList();
    stopped.addAll(backends);
    signal("STOP", backends);
  }

  static void signal(String signal, List<Long> pids) {
    if (pids.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    try {
      Process kill = new ProcessBuilder(command).inheritIO().start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } catch (IOException e) {
      throw new AssertionError("cannot run kill -" + signal, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

}
