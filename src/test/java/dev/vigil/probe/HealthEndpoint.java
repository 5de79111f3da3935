package dev.vigil.probe;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.TestCatalogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A service's health endpoint on 127.0.0.1 for the real probe scheduler to check: {@code /health} answers the status
 * a test sets, with {@code {"status":"UP"}} for 200 and {@code {"status":"DOWN"}} otherwise, and counts its checks.
 */
final class HealthEndpoint {

  final AtomicInteger status;
  final AtomicInteger hits = new AtomicInteger();
  final HttpServer server;

  private HealthEndpoint(int status) throws IOException {
    this.status = new AtomicInteger(status);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/health", ex -> {
      hits.incrementAndGet();
      byte[] body = (this.status.get() == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}")
          .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(this.status.get(), body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  /**
   * An endpoint answering {@code status}, after clearing what an earlier test left: the probes' results in memory,
   * the catalog, and every job but the test jobs'.
   */
  static HealthEndpoint start(int status, ProbeResults results, JdbcClient jdbc) {
    try {
      HealthEndpoint endpoint = new HealthEndpoint(status);
      results.retainOnly(Set.of());
      results.flush();
      TestCatalogs.reset(jdbc);
      jdbc.sql("delete from scheduled_tasks where task_name <> 'jobs-it'").update();
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
  }
}
