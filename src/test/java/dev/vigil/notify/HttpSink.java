package dev.vigil.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.awaitility.Awaitility;

/** A real HTTP server on 127.0.0.1 that records what it receives and answers as a test tells it to. */
final class HttpSink implements AutoCloseable {

  /** One received request; header names are lower case. */
  record Request(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** What to answer. */
  record Reply(int status, String contentType, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Reply> responder = r -> new Reply(200, "text/plain", "ok");

  private HttpSink(HttpServer server) {
    this.server = server;
  }

  static HttpSink start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      HttpSink sink = new HttpSink(server);
      server.createContext("/", sink::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return sink;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
    Request request = new Request(exchange.getRequestMethod(), path, headers, body);
    requests.add(request);
    Reply reply = responder.apply(request);
    byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
    if (reply.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    }
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void respond(int status, String contentType, String body) {
    responder = r -> new Reply(status, contentType, body);
  }

  void respondWith(Function<Request, Reply> responder) {
    this.responder = responder;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Waits until {@code count} requests have arrived, for senders that post asynchronously. */
  List<Request> await(int count) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> requests.size() >= count);
    return requests();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
