package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.catalog.Catalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch and OpenSearch probes against a local HTTP server that answers {@code _cluster/health} and
 * {@code _nodes/stats/thread_pool/search} in the documented shape of both products. Neither is packaged by Debian, so
 * a real cluster cannot run here; the answers are the documented ones, the HTTP is real.
 */
class ElasticsearchCheckerTest {

  HttpServer server;
  final AtomicReference<String> status = new AtomicReference<>("green");
  final AtomicInteger unassigned = new AtomicInteger();
  final AtomicInteger rejected = new AtomicInteger();
  final AtomicReference<String> expectedAuthorization = new AtomicReference<>();
  final ElasticsearchChecker checker = new ElasticsearchChecker();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/_cluster/health", e -> answer(e, """
        {"cluster_name":"search","status":"%s","timed_out":false,"number_of_nodes":2,"number_of_data_nodes":2,
         "active_primary_shards":5,"active_shards":%d,"relocating_shards":0,"initializing_shards":0,
         "unassigned_shards":%d,"delayed_unassigned_shards":0,"number_of_pending_tasks":0,
         "active_shards_percent_as_number":100.0}""".formatted(status.get(), 10 - unassigned.get(), unassigned.get())));
    server.createContext("/_nodes/stats/thread_pool/search", e -> answer(e, """
        {"_nodes":{"total":2,"successful":2,"failed":0},"cluster_name":"search","nodes":{
         "n1":{"name":"node-1","thread_pool":{"search":{"threads":13,"queue":0,"active":0,"rejected":%d,
               "largest":13,"completed":4711}}},
         "n2":{"name":"node-2","thread_pool":{"search":{"threads":13,"queue":0,"active":0,"rejected":%d,
               "largest":13,"completed":815}}}}}""".formatted(rejected.get(), rejected.get())));
    server.start();
  }

  private void answer(HttpExchange e, String body) throws IOException {
    String expected = expectedAuthorization.get();
    if (expected != null && !expected.equals(e.getRequestHeaders().getFirst("Authorization"))) {
      byte[] denied = """
          {"error":{"type":"security_exception","reason":"unable to authenticate user"},"status":401}"""
          .getBytes(StandardCharsets.UTF_8);
      e.sendResponseHeaders(401, denied.length);
      e.getResponseBody().write(denied);
      e.close();
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().add("Content-Type", "application/json");
    e.sendResponseHeaders(200, bytes.length);
    e.getResponseBody().write(bytes);
    e.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ProbeChecker.Outcome check(String settings) throws Exception {
    Catalog.Probe probe = TestProbes.probe("""
        kind: elasticsearch
        elasticsearch:
          url: http://127.0.0.1:%d
        """.formatted(server.getAddress().getPort())
        + settings.stripIndent().lines().map(l -> "  " + l + "\n").reduce("", String::concat));
    return checker.check(probe.name(), (Catalog.ElasticsearchProbe) probe.check(), Duration.ofSeconds(3));
  }

  @Test
  void healthNoWorseThanAccepted() throws Exception {
    ProbeChecker.Outcome green = check("");
    assertThat(green.success()).as(green.message()).isTrue();
    assertThat(green.message()).isEqualTo("search green, 0 unassigned shards");

    status.set("yellow");
    unassigned.set(3);
    ProbeChecker.Outcome yellow = check("");
    assertThat(yellow.success()).isFalse();
    assertThat(yellow.message()).isEqualTo("cluster search is yellow, worse than worst_status green (3 unassigned"
        + " shards)");
    assertThat(check("worst_status: yellow\n").success()).isTrue();

    ProbeChecker.Outcome shards = check("worst_status: yellow\nmax_unassigned_shards: 2\n");
    assertThat(shards.success()).isFalse();
    assertThat(shards.message()).isEqualTo("3 unassigned shards in cluster search, above max_unassigned_shards 2");

    status.set("red");
    assertThat(check("worst_status: yellow\n").message()).startsWith("cluster search is red, worse than worst_status"
        + " yellow");
    assertThat(check("worst_status: red\n").success()).isTrue();
  }

  @Test
  void searchRejectionsCountSinceThePreviousCheck() throws Exception {
    rejected.set(100);
    ProbeChecker.Outcome first = check("max_search_rejections: 10\n");
    assertThat(first.success()).as(first.message()).isTrue();
    assertThat(first.message()).endsWith("0 search rejections");

    rejected.set(104); // 8 more over two nodes
    ProbeChecker.Outcome few = check("max_search_rejections: 10\n");
    assertThat(few.success()).as(few.message()).isTrue();
    assertThat(few.message()).endsWith("8 search rejections");

    rejected.set(110); // 12 more
    ProbeChecker.Outcome many = check("max_search_rejections: 10\n");
    assertThat(many.success()).isFalse();
    assertThat(many.message()).isEqualTo("12 search requests rejected since the previous check, above"
        + " max_search_rejections 10");
  }

  @Test
  void basicAuthAndApiKeyHeaders() throws Exception {
    expectedAuthorization.set("Basic " + Base64.getEncoder().encodeToString("vigil:s3cret".getBytes(
        StandardCharsets.UTF_8)));
    assertThat(check("username: vigil\npassword: s3cret\n").success()).isTrue();
    ProbeChecker.Outcome wrong = check("username: vigil\npassword: wrong\n");
    assertThat(wrong.success()).isFalse();
    assertThat(wrong.message()).startsWith("GET http://127.0.0.1:" + server.getAddress().getPort()
        + "/_cluster/health answered 401 (check the credentials)");

    expectedAuthorization.set("ApiKey a2V5LWlkOmtleS1zZWNyZXQ=");
    assertThat(check("api_key: a2V5LWlkOmtleS1zZWNyZXQ=\n").success()).isTrue();
  }

  @Test
  void notAClusterOrNotThere() throws Exception {
    server.removeContext("/_cluster/health");
    server.createContext("/_cluster/health", e -> answer(e, "<html>proxy error</html>"));
    ProbeChecker.Outcome html = check("");
    assertThat(html.success()).isFalse();
    assertThat(html.message()).contains("answered with something that is not JSON: <html>proxy error</html>");

    int port = server.getAddress().getPort();
    server.stop(0);
    ProbeChecker.Outcome gone = check("");
    assertThat(gone.success()).isFalse();
    assertThat(gone.message()).isEqualTo("connection refused by http://127.0.0.1:" + port);
  }
}
