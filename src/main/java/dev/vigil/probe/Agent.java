package dev.vigil.probe;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A remote agent ({@code vigil agent}): runs the probes a hub assigns to its location with the same checkers and
 * scheduler as a Vigil node, and posts their results to the hub in batches. Plain Java: no database, no web server,
 * no Spring context. See ADR 0011.
 */
public final class Agent implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** How often results go to the hub; a result counts at the hub within about this plus its one-second poll. */
  static final Duration POST_INTERVAL = Duration.ofSeconds(1);
  /** Results kept while the hub cannot be reached; the oldest go first beyond this. */
  static final int MAX_BUFFERED = 50_000;

  /** Thrown when the hub refuses the agent for good (wrong token, wrong location): retrying cannot help. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private final URI hub;
  private final String token;
  private final String location;
  private final Duration refresh;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Deque<ObjectNode> buffer = new ArrayDeque<>();
  private final ProbeCheckers checkers = ProbeCheckers.standalone();
  private final ProbeScheduler scheduler;
  private volatile boolean stopped;

  /**
   * @param hub the hub's base URL, such as https://vigil.example.com
   * @param token an API token of role agent for {@code location}
   * @param location the location this agent serves, as in the probes' {@code locations}
   * @param refresh how often the agent asks the hub for its probes
   * @param maxConcurrency checks in progress at once
   */
  public Agent(URI hub, String token, String location, Duration refresh, int maxConcurrency) {
    this.hub = hub;
    this.token = token;
    this.location = location;
    this.refresh = refresh;
    ProbeProperties properties = new ProbeProperties(true, maxConcurrency, null, null, null, null, null,
        "agent " + location, null);
    this.scheduler = new ProbeScheduler(checkers, this::buffer, new ProbeMetrics(new SimpleMeterRegistry()),
        properties, Clock.systemUTC());
    // An agent holds no lease: it runs what the hub assigned until told otherwise.
    scheduler.leaseValidUntil(System.nanoTime() + Duration.ofDays(365).toNanos());
  }

  /** Fetches the assignment, then keeps probing and posting until {@link #close()}; throws {@link Refused}. */
  public void run() throws InterruptedException {
    long nextFetch = 0;
    while (!stopped) {
      if (System.nanoTime() - nextFetch >= 0) {
        try {
          fetch();
        } catch (IOException e) {
          log.warn("cannot fetch this location's probes from {}: {}; running the ones known", hub, e.toString());
        }
        nextFetch = System.nanoTime() + refresh.toNanos();
      }
      Thread.sleep(POST_INTERVAL.toMillis());
      try {
        post();
      } catch (IOException e) {
        log.warn("cannot post results to {}: {}; {} kept for the next try", hub, e.toString(), buffered());
      }
    }
  }

  /** Asks the hub for this location's probes and runs exactly those. */
  void fetch() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request("/api/v1/agent/probes").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    refusedFor(response);
    if (response.statusCode() != 200) {
      throw new IOException("GET /api/v1/agent/probes answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode body = JSON.readTree(response.body());
    String served = body.path("location").asString("");
    if (!served.equals(location)) {
      throw new Refused("this token is for location '" + served + "', not '" + location + "'");
    }
    List<ProbeDefinition> probes = new ArrayList<>();
    for (JsonNode p : body.path("probes")) {
      probes.add(new ProbeDefinition(p.path("id").asLong(), p.path("service").asString(),
          ProbeRepository.SPEC.treeToValue(p.path("spec"), dev.vigil.catalog.Catalog.Probe.class), List.of()));
    }
    if (!probes.stream().map(ProbeDefinition::id).collect(java.util.stream.Collectors.toSet())
        .equals(scheduler.planned())) {
      log.info("location {}: running {} probes", location, probes.size());
    }
    scheduler.reconcile(probes);
  }

  private void buffer(ProbeDefinition probe, ProbeResult result) {
    ObjectNode r = JSON.createObjectNode();
    r.put("probeId", probe.id());
    r.put("at", result.at().toString());
    r.put("success", result.success());
    r.put("durationMs", result.duration().toNanos() / 1e6);
    r.put("message", result.message());
    r.put("certExpiry", result.certExpiry() == null ? null : result.certExpiry().toString());
    synchronized (buffer) {
      buffer.addLast(r);
      while (buffer.size() > MAX_BUFFERED) {
        buffer.removeFirst();
      }
    }
  }

  private int buffered() {
    synchronized (buffer) {
      return buffer.size();
    }
  }

  /** Posts what is buffered, in batches; a batch the hub refuses as bad is dropped, not retried forever. */
  void post() throws IOException, InterruptedException {
    while (true) {
      List<ObjectNode> batch = new ArrayList<>();
      synchronized (buffer) {
        while (batch.size() < AgentController.MAX_BATCH && !buffer.isEmpty()) {
          batch.add(buffer.removeFirst());
        }
      }
      if (batch.isEmpty()) {
        return;
      }
      ObjectNode body = JSON.createObjectNode();
      ArrayNode results = body.putArray("results");
      batch.forEach(results::add);
      HttpResponse<String> response;
      try {
        response = http.send(request("/api/v1/agent/results").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        requeue(batch);
        throw e;
      }
      refusedFor(response);
      if (response.statusCode() >= 500) {
        requeue(batch);
        throw new IOException("POST /api/v1/agent/results answered " + response.statusCode());
      }
      if (response.statusCode() != 202) {
        // A probe was unassigned from this location since the last fetch, or the hub found a result bad.
        log.warn("the hub refused {} results: {} {}", batch.size(), response.statusCode(), response.body());
      }
    }
  }

  private void requeue(List<ObjectNode> batch) {
    synchronized (buffer) {
      for (int i = batch.size() - 1; i >= 0; i--) {
        buffer.addFirst(batch.get(i));
      }
    }
  }

  private void refusedFor(HttpResponse<String> response) {
    if (response.statusCode() == 401) {
      throw new Refused("the hub refused the token (401): " + response.body());
    }
    if (response.statusCode() == 403 && response.request().method().equals("GET")) {
      throw new Refused("the token may not act as an agent (403); create one with role agent: " + response.body());
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(hub.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json");
  }

  @Override
  public void close() {
    stopped = true;
    scheduler.close();
    checkers.release();
  }
}
