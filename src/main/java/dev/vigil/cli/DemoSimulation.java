package dev.vigil.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulation of the worked example's HTTP endpoints (gateway, web, api, search, payment), only for {@code vigil
 * demo}: each answers {@code GET /SERVICE/health} on 127.0.0.1, and each can be switched to a fault (slow, 5xx, down)
 * on the page at {@code /} or with {@code POST /faults/SERVICE/MODE}, so that a newcomer can watch a probe fail, an
 * incident open and a page go out. Nothing here is a real service; every answer says so.
 */
final class DemoSimulation implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DemoSimulation.class);

  /** The port the worked example's probes use unless {@code VIGIL_DEMO_SIMULATION_PORT} says otherwise. */
  static final int DEFAULT_PORT = 8089;
  static final List<String> SERVICES = List.of("gateway", "web", "api", "search", "payment");
  /** How long a slow endpoint takes: above the example's max_response_time (1s) and its timeout (2s). */
  static final long SLOW_MILLIS = 3000;

  /** What a simulated endpoint does. */
  enum Mode {
    OK, SLOW, ERROR, DOWN;

    static Mode of(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "ok" -> OK;
        case "slow" -> SLOW;
        case "5xx", "error" -> ERROR;
        case "down" -> DOWN;
        default -> throw new IllegalArgumentException(value);
      };
    }

    String shown() {
      return this == ERROR ? "5xx" : name().toLowerCase(Locale.ROOT);
    }
  }

  private final HttpServer server;
  private final int vigilPort;
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();

  private DemoSimulation(HttpServer server, int vigilPort) {
    this.server = server;
    this.vigilPort = vigilPort;
    SERVICES.forEach(s -> modes.put(s, Mode.OK));
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
  }

  /** Starts the simulation on 127.0.0.1:{@code port}; {@code vigilPort} is where the demo's Vigil listens. */
  static DemoSimulation start(int port, int vigilPort) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    DemoSimulation simulation = new DemoSimulation(server, vigilPort);
    server.start();
    log.info("SIMULATION: the worked example's endpoints ({}) are simulated on http://127.0.0.1:{}/ for this demo;"
        + " they are not real services. Switch faults (slow, 5xx, down) there.", String.join(", ", SERVICES), port);
    return simulation;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange e) throws IOException {
    String[] parts = e.getRequestURI().getPath().split("/");
    String method = e.getRequestMethod();
    if (parts.length == 3 && SERVICES.contains(parts[1]) && parts[2].equals("health") && method.equals("GET")) {
      health(e, parts[1]);
    } else if (parts.length == 4 && parts[1].equals("faults") && method.equals("POST")) {
      fault(e, parts[2], parts[3]);
    } else if (parts.length <= 1 && method.equals("GET")) {
      send(e, 200, "text/html; charset=utf-8", page());
    } else {
      send(e, 404, "text/plain; charset=utf-8", "not part of the demo simulation: try GET / or GET /api/health\n");
    }
  }

  private void health(HttpExchange e, String service) throws IOException {
    Mode mode = modes.get(service);
    switch (mode) {
      case DOWN -> e.close(); // the connection drops without an answer, as from a crashed process behind a proxy
      case ERROR -> send(e, 503, "application/json", "{\"service\":\"" + service
          + "\",\"status\":\"unavailable\",\"simulated\":true}");
      case SLOW, OK -> {
        if (mode == Mode.SLOW) {
          try {
            Thread.sleep(SLOW_MILLIS);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
        }
        send(e, 200, "application/json", "{\"service\":\"" + service + "\",\"status\":\"ok\",\"simulated\":true}");
      }
    }
  }

  private void fault(HttpExchange e, String service, String value) throws IOException {
    if (!SERVICES.contains(service)) {
      send(e, 404, "text/plain; charset=utf-8", "no simulated service '" + service + "'; there are "
          + String.join(", ", SERVICES) + "\n");
      return;
    }
    Mode mode;
    try {
      mode = Mode.of(value);
    } catch (IllegalArgumentException ex) {
      send(e, 400, "text/plain; charset=utf-8", "unknown fault '" + value + "': use ok, slow, 5xx or down\n");
      return;
    }
    modes.put(service, mode);
    log.info("SIMULATION: {} is now {}", service, switch (mode) {
      case OK -> "healthy again";
      case SLOW -> "slow (answers after " + SLOW_MILLIS + " ms)";
      case ERROR -> "failing (503)";
      case DOWN -> "down (drops connections)";
    });
    if ("application/x-www-form-urlencoded".equals(e.getRequestHeaders().getFirst("Content-Type"))) {
      e.getResponseHeaders().add("Location", "/");
      e.sendResponseHeaders(303, -1);
      e.close();
      return;
    }
    send(e, 200, "text/plain; charset=utf-8", service + " is now " + mode.shown() + "\n");
  }

  private String page() {
    StringBuilder rows = new StringBuilder();
    for (String s : SERVICES) {
      rows.append("<tr><td><a href=\"/").append(s).append("/health\">").append(s).append("</a></td><td><b>")
          .append(modes.get(s).shown()).append("</b></td><td>");
      for (Mode m : Mode.values()) {
        rows.append("<form method=\"post\" action=\"/faults/").append(s).append('/').append(m.shown())
            .append("\" style=\"display:inline\"><button>").append(m.shown()).append("</button></form> ");
      }
      rows.append("</td></tr>\n");
    }
    return """
        <!doctype html><html><head><meta charset="utf-8"><title>Vigil demo simulation</title></head><body>
        <h1>Vigil demo: simulated endpoints</h1>
        <p><b>This is a simulation</b> of the worked example's HTTP endpoints, run by <code>vigil demo</code> only.
        Vigil's probes check <code>GET /SERVICE/health</code> here. Switch a fault, wait about half a minute, and
        watch the probe go down, the incident open, and the page arrive at
        <a href="http://localhost:%d/demo/mail">/demo/mail</a>. From a shell:
        <code>curl -X POST http://127.0.0.1:%d/faults/payment/5xx</code>.</p>
        <table border="1" cellpadding="4"><tr><th>service</th><th>now</th><th>switch to</th></tr>
        %s</table></body></html>
        """.formatted(vigilPort, port(), rows);
  }

  private static void send(HttpExchange e, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().add("Content-Type", type);
    e.getResponseHeaders().add("X-Vigil-Demo", "simulation");
    e.sendResponseHeaders(status, bytes.length);
    e.getResponseBody().write(bytes);
    e.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
