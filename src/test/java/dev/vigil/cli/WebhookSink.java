package dev.vigil.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A local HTTP server standing in for the receiver of Vigil's webhook pages; it records every request it gets. */
final class WebhookSink implements AutoCloseable {

  /**
   * One webhook request: its {@code Idempotency-Key}, who it pages about which incident, and the incident link, whose
   * host and port say which node built the message (each node's public URL is its own address), and when it came.
   */
  record Page(String idempotencyKey, String recipient, long incidentId, String incidentUrl, Instant receivedAt) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ConcurrentLinkedQueue<Page> pages = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> unreadable = new ConcurrentLinkedQueue<>();

  WebhookSink() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        String body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
          JsonNode json = JSON.readTree(body);
          pages.add(new Page(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
              json.get("recipient").asString(), json.get("incident").get("id").asLong(),
              json.get("incident").get("url").asString(), Instant.now()));
        } catch (RuntimeException e) {
          // Kept for the failure message: a page the test cannot read must not vanish from the counts.
          unreadable.add(exchange.getRequestURI() + " " + body);
        }
        exchange.sendResponseHeaders(204, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  /** The address of a contact method whose pages arrive here; the path names the user for readable failures. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  List<Page> pages() {
    return List.copyOf(pages);
  }

  List<String> unreadable() {
    return List.copyOf(unreadable);
  }

  /** How many times each idempotency key arrived. */
  Map<String, Long> countsByKey() {
    return pages().stream().collect(Collectors.groupingBy(Page::idempotencyKey, Collectors.counting()));
  }

  /** Distinct (incident, recipient) pairs paged, whatever the number of repeats. */
  Map<Long, List<String>> recipientsByIncident() {
    return pages().stream().collect(Collectors.groupingBy(Page::incidentId,
        Collectors.mapping(Page::recipient, Collectors.collectingAndThen(Collectors.toSet(),
            s -> s.stream().sorted().toList()))));
  }

  static <T> Map<T, Long> count(List<Page> pages, Function<Page, T> by) {
    return pages.stream().collect(Collectors.groupingBy(by, Collectors.counting()));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
