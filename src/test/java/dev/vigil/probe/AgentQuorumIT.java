package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.catalog.CatalogService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Two agent processes ({@code java -jar vigil.jar agent}) at locations east and west report one HTTP probe to this
 * test application as their hub, with a quorum of two. Each agent resolves the target's name through its own hosts
 * file, so the test can break one location's path (the name stops resolving there) while the other still reaches the
 * target: one failing location does not page, two do, and recovery resolves the incident. Also the hub's answers to
 * bad agent input.
 */
@IntegrationTest
class AgentQuorumIT {

  static final String TARGET = "shop.vigil.test";

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired ProbeCoordinator coordinator;
  @Autowired ProbeResults results;
  @Autowired ProbeRepository probes;
  @Autowired dev.vigil.system.TestClock clock;

  @TempDir Path dir;

  Api api;
  HttpServer target;
  final AtomicInteger status = new AtomicInteger(200);
  final List<Process> agents = new ArrayList<>();
  final StringBuffer agentOutput = new StringBuffer();

  @BeforeEach
  void setUp() throws IOException {
    api = new Api(port);
    // What earlier tests left in memory goes out before the ids restart.
    results.retainOnly(java.util.Set.of());
    TestCatalogs.reset(jdbc);
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext("/", e -> {
      byte[] body = ("status " + status.get()).getBytes(StandardCharsets.UTF_8);
      e.sendResponseHeaders(status.get(), body.length);
      e.getResponseBody().write(body);
      e.close();
    });
    target.start();
    catalog.apply(TestCatalogs.load("""
        version: 1
        teams: [{name: web}]
        services:
          - name: shop
            team: web
            tier: 2
            probes:
              - name: home
                kind: http
                interval: 1s
                timeout: 1s
                locations: [east, west]
                quorum: 2
                http: {url: "http://%s:%d/"}
              - name: three
                kind: http
                interval: 30s
                locations: [a, b, c]
                http: {url: "http://127.0.0.1:9/"}
              - name: local
                kind: tcp
                interval: 1m
                tcp: {host: 127.0.0.1, port: %d}
        """.formatted(TARGET, target.getAddress().getPort(), target.getAddress().getPort())), "/etc/vigil.yaml", "x");
    coordinator.coordinate();
  }

  @AfterEach
  void tearDown() {
    agents.forEach(Process::destroy);
    target.stop(0);
  }

  long probeId(String name) {
    return jdbc.sql("select id from probe where name = :name").param("name", name).query(Long.class).single();
  }

  String agentToken(String location) {
    Api.Response created = api.post("/api/v1/tokens", IntegrationTest.ADMIN_TOKEN,
        "{\"name\": \"agent " + location + "\", \"role\": \"agent\", \"location\": \"" + location + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("location").asString()).isEqualTo(location);
    return created.json().get("token").asString();
  }

  /** A hosts file for one agent: the target's name resolves to 127.0.0.1, or not at all when the path is broken. */
  Path hosts(String location, boolean reachable) throws IOException {
    Path file = dir.resolve("hosts-" + location);
    Files.writeString(file, "127.0.0.1 localhost\n" + (reachable ? "127.0.0.1 " + TARGET + "\n" : ""));
    return file;
  }

  void startAgent(String location, String token) throws IOException {
    String jar = System.getProperty("vigil.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      fail("system property vigil.jar must name the packaged jar (run the integration tests with ./mvnw verify)");
    }
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
        "-Djdk.net.hosts.file=" + hosts(location, true), "-Dsun.net.inetaddr.ttl=0",
        "-Dsun.net.inetaddr.negative.ttl=0", "-jar", jar, "agent", "--hub", "http://127.0.0.1:" + port,
        "--token", token, "--location", location, "--refresh", "2")
        .redirectErrorStream(true).start();
    agents.add(p);
    Thread.ofVirtual().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          agentOutput.append(location).append(": ").append(line).append('\n');
        }
      } catch (IOException e) {
        // the process ended
      }
    });
  }

  long openIncidents() {
    return jdbc.sql("select count(*) from incident where status <> 'resolved'").query(Long.class).single();
  }

  String state(long probe) {
    return api.get("/api/v1/probes/" + probe, IntegrationTest.ADMIN_TOKEN).json().get("state").asString();
  }

  @Test
  void oneFailingLocationDoesNotPageTwoDoAndRecoveryResolves() throws Exception {
    long probe = probeId("home");
    startAgent("east", agentToken("east"));
    startAgent("west", agentToken("west"));
    Duration within = Duration.ofSeconds(60);

    await().atMost(within).untilAsserted(() -> {
      assertThat(agents).allMatch(Process::isAlive);
      assertThat(results.locationStates(probe)).as(agentOutput.toString())
          .isEqualTo(Map.of("east", ProbeState.UP, "west", ProbeState.UP));
      assertThat(state(probe)).isEqualTo("up");
    });
    assertThat(results.recent(probe)).extracting(ProbeResult::location).contains("east", "west");

    // West's path breaks: the target's name no longer resolves there.
    hosts("west", false);
    await().atMost(within).untilAsserted(() ->
        assertThat(results.locationStates(probe)).isEqualTo(Map.of("east", ProbeState.UP, "west", ProbeState.DOWN)));
    // More results from both, still only one location down.
    Map<String, Instant> seen = new java.util.HashMap<>();
    results.recent(probe).forEach(r -> seen.merge(r.location(), r.at(), (x, y) -> x.isAfter(y) ? x : y));
    await("two more results from each location").atMost(within).until(() -> Stream.of("east", "west").allMatch(l ->
        results.recent(probe).stream().filter(r -> l.equals(r.location()) && r.at().isAfter(seen.get(l))).count() >= 2));
    assertThat(state(probe)).isEqualTo("up");
    assertThat(openIncidents()).as("one bad network path does not page").isZero();
    JsonNode view = api.get("/api/v1/probes/" + probe, IntegrationTest.ADMIN_TOKEN).json();
    assertThat(view.get("locations").get("west").asString()).isEqualTo("down");
    assertThat(view.get("locations").get("east").asString()).isEqualTo("up");
    assertThat(view.get("quorum").asInt()).isEqualTo(2);

    // The target itself fails: both locations see it.
    status.set(503);
    await().atMost(within).untilAsserted(() -> assertThat(openIncidents()).isEqualTo(1));
    assertThat(state(probe)).isEqualTo("down");
    JsonNode incident = api.get("/api/v1/incidents", IntegrationTest.ADMIN_TOKEN).json().get("incidents").get(0);
    JsonNode alert = api.get("/api/v1/incidents/" + incident.get("id").asLong(), IntegrationTest.ADMIN_TOKEN).json()
        .get("alerts").get(0);
    assertThat(alert.get("source").asString()).isEqualTo("probe");
    assertThat(alert.get("summary").asString()).startsWith("Probe shop/home is down: down from 2 of 2 locations"
        + " (quorum 2): east, west;");

    // Recovery everywhere resolves it.
    status.set(200);
    hosts("west", true);
    await().atMost(within).untilAsserted(() -> assertThat(openIncidents()).isZero());
    assertThat(state(probe)).isEqualTo("up");
    assertThat(agents).allMatch(Process::isAlive);
  }

  @Test
  void aSilentAgentCountsAsUnknownSoItCannotHideAnOutage() throws Exception {
    long probe = probeId("home");
    startAgent("east", agentToken("east"));
    startAgent("west", agentToken("west"));
    Duration within = Duration.ofSeconds(60);
    await().atMost(within).untilAsserted(() -> {
      assertThat(results.locationStates(probe)).as(agentOutput.toString())
          .isEqualTo(Map.of("east", ProbeState.UP, "west", ProbeState.UP));
      assertThat(state(probe)).isEqualTo("up");
    });

    // West's agent dies; past the silence (3 intervals of 1 s, at least 10 s) its last state stops counting.
    Process west = agents.get(1);
    west.destroy();
    assertThat(west.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    clock.advance(Duration.ofSeconds(15));
    await().atMost(within).untilAsserted(() ->
        assertThat(results.locationStates(probe)).isEqualTo(Map.of("east", ProbeState.UP, "west", ProbeState.UNKNOWN)));
    JsonNode view = api.get("/api/v1/probes/" + probe, IntegrationTest.ADMIN_TOKEN).json();
    assertThat(view.get("locations").get("west").asString()).isEqualTo("unknown");
    assertThat(view.get("state").asString()).as("east alone still sees it up; a quorum of 2 can no longer be down")
        .isEqualTo("up");
    java.time.Instant westSeen = java.time.Instant.parse(view.get("locationsLastSeen").get("west").asString());
    // East posts about once a second: its next post is dated on the moved clock, west's last one is not.
    await().atMost(within).untilAsserted(() -> assertThat(java.time.Instant.parse(api.get("/api/v1/probes/" + probe,
        IntegrationTest.ADMIN_TOKEN).json().get("locationsLastSeen").get("east").asString()))
        .isAfter(westSeen.plusSeconds(10)));
    JsonNode locations = api.get("/api/v1/probes/locations", IntegrationTest.ADMIN_TOKEN).json();
    assertThat(locations.findValuesAsString("location")).contains("east", "west", "a", "b", "c");
    for (JsonNode l : locations) {
      if (l.get("location").asString().equals("west")) {
        assertThat(java.time.Instant.parse(l.get("lastSeen").asString())).isEqualTo(westSeen);
        assertThat(l.get("probes").toString()).contains("shop/home");
      }
    }

    // The target fails. East sees it down; west's stale "up" no longer outvotes it: the probe is unknown, not up.
    status.set(503);
    await().atMost(within).untilAsserted(() -> assertThat(state(probe)).isEqualTo("unknown"));
    assertThat(results.locationStates(probe)).containsEntry("east", ProbeState.DOWN);
    String message = jdbc.sql("select message from probe_transition where probe_id = :id order by at desc limit 1")
        .param("id", probe).query(String.class).single();
    assertThat(message).contains("silent: west");

    // West comes back and sees the outage too: a quorum of two is down, and it pages.
    agents.remove(west);
    startAgent("west", agentToken("west"));
    await().atMost(within).untilAsserted(() -> {
      assertThat(state(probe)).isEqualTo("down");
      assertThat(openIncidents()).isEqualTo(1);
    });
  }

  /**
   * Feeds one location's result straight into the results path, 10 s after the previous one: well within the 90 s
   * after which a location that sends nothing counts as unknown.
   */
  void feed(ProbeDefinition probe, String location, boolean success) {
    clock.advance(Duration.ofSeconds(10));
    results.record(probe, new ProbeResult(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), success,
        Duration.ofMillis(5), success ? "200 OK" : "status 502, expected 2xx", null, location));
  }

  @Test
  void aMajorityOfThreeLocationsDecides() {
    ProbeDefinition probe = probes.find(probeId("three")).orElseThrow().definition();
    assertThat(probe.spec().quorumOrDefault()).isEqualTo(2);
    feed(probe, "a", false);
    feed(probe, "a", false);
    assertThat(results.locationStates(probe.id())).isEqualTo(Map.of("a", ProbeState.DOWN));
    assertThat(state(probe.id())).as("one location of three, the others unknown").isEqualTo("unknown");
    for (String location : new String[] {"b", "c"}) {
      feed(probe, location, true);
      feed(probe, location, true);
    }
    assertThat(state(probe.id())).as("two of three up: a quorum can no longer be down").isEqualTo("up");
    assertThat(openIncidents()).isZero();

    feed(probe, "b", false);
    feed(probe, "b", false);
    assertThat(state(probe.id())).isEqualTo("down");
    assertThat(openIncidents()).isEqualTo(1);

    feed(probe, "z", true); // a location the probe does not list: counted nowhere
    assertThat(results.locationStates(probe.id())).doesNotContainKey("z");
    feed(probe, "b", true);
    feed(probe, "b", true);
    assertThat(state(probe.id())).isEqualTo("up");
    assertThat(openIncidents()).isZero();
  }

  @Test
  void anAgentWithAWrongTokenStopsAndSaysWhy() throws Exception {
    startAgent("east", "vgl_not-a-real-token-0123456789abcdefghijklmnopq");
    Process p = agents.getFirst();
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(agentOutput.toString()).contains("the hub refused the token (401)"));
  }

  @Test
  void badAgentInputIsRefusedWithA4xx() {
    String east = agentToken("east");
    long home = probeId("home");
    long local = probeId("local");

    JsonNode assigned = api.get("/api/v1/agent/probes", east).json();
    assertThat(assigned.get("location").asString()).isEqualTo("east");
    assertThat(assigned.get("probes")).hasSize(1);
    assertThat(assigned.get("probes").get(0).get("id").asLong()).isEqualTo(home);
    assertThat(assigned.get("probes").get(0).get("spec").get("http").get("url").asString()).startsWith("http://"
        + TARGET);

    assertThat(api.get("/api/v1/agent/probes", "vgl_wrong-token-0123456789abcdefghijklmnopqrstuv").status())
        .isEqualTo(401);
    Api.Response asAdmin = api.post("/api/v1/agent/results", IntegrationTest.ADMIN_TOKEN, "{\"results\": []}");
    assertThat(asAdmin.status()).as("agents only").isEqualTo(403);

    String ok = "{\"probeId\": %d, \"at\": \"2026-01-01T00:00:00Z\", \"success\": true, \"durationMs\": 3.5}";
    Api.Response accepted = api.post("/api/v1/agent/results", east, "{\"results\": [" + ok.formatted(home) + "]}");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

    Api.Response notJson = api.post("/api/v1/agent/results", east, "{\"results\": [");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.contentType()).startsWith("application/problem+json");

    Api.Response empty = api.post("/api/v1/agent/results", east, "{\"results\": []}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("detail").asString()).contains("at least one result");

    Api.Response missing = api.post("/api/v1/agent/results", east, "{\"results\": [{\"probeId\": " + home + "}]}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("detail").asString()).contains("results[0] needs probeId, at, success and"
        + " durationMs");

    Api.Response negative = api.post("/api/v1/agent/results", east, "{\"results\": [" + ok.formatted(home) + ", "
        + ok.formatted(home).replace("3.5", "-1") + "]}");
    assertThat(negative.status()).isEqualTo(400);
    assertThat(negative.json().get("detail").asString()).contains("results[1].durationMs");

    Api.Response future = api.post("/api/v1/agent/results", east, "{\"results\": ["
        + ok.formatted(home).replace("2026-01-01", "2999-01-01") + "]}");
    assertThat(future.status()).isEqualTo(400);
    assertThat(future.json().get("detail").asString()).contains("in the future");

    Api.Response notAssigned = api.post("/api/v1/agent/results", east, "{\"results\": [" + ok.formatted(local) + "]}");
    assertThat(notAssigned.status()).isEqualTo(403);
    assertThat(notAssigned.json().get("detail").asString()).contains("probe " + local
        + " is not assigned to location east");
    Api.Response unknown = api.post("/api/v1/agent/results", east, "{\"results\": [" + ok.formatted(987654321L)
        + "]}");
    assertThat(unknown.status()).isEqualTo(403);

    Api.Response noLocation = api.post("/api/v1/tokens", IntegrationTest.ADMIN_TOKEN,
        "{\"name\": \"agent\", \"role\": \"agent\"}");
    assertThat(noLocation.status()).isEqualTo(400);
    assertThat(noLocation.json().get("detail").asString()).contains("an agent token needs 'location'");
    Api.Response viewerWithLocation = api.post("/api/v1/tokens", IntegrationTest.ADMIN_TOKEN,
        "{\"name\": \"v\", \"role\": \"viewer\", \"location\": \"east\"}");
    assertThat(viewerWithLocation.status()).isEqualTo(400);
    Api.Response badLocation = api.post("/api/v1/tokens", IntegrationTest.ADMIN_TOKEN,
        "{\"name\": \"a\", \"role\": \"agent\", \"location\": \"East Coast\"}");
    assertThat(badLocation.status()).isEqualTo(400);
  }
}
