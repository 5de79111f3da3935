package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's real Prometheus for tests: history loaded with {@code promtool tsdb create-blocks-from openmetrics}, the
 * server started on a free port of 127.0.0.1 and waited for until ready, and its own count of the queries it answered.
 * A missing binary fails the test with the package to install.
 */
public final class PrometheusServer implements AutoCloseable {

  static final String PACKAGE = "prometheus";

  private final Process process;
  private final String url;

  private PrometheusServer(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Writes OpenMetrics {@code history} into TSDB blocks under {@code data}, in blocks of up to {@code days} days. */
  static void load(Path history, Path data, int days) throws Exception {
    Path log = history.resolveSibling("promtool.log");
    Process load = new ProcessBuilder(binary("promtool").toString(), "tsdb", "create-blocks-from", "openmetrics",
        "--max-block-duration=" + days * 24 + "h", "--quiet", history.toString(), data.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(load.waitFor(60, TimeUnit.SECONDS)).as("promtool finishes").isTrue();
    assertThat(load.exitValue()).as(Files.readString(log)).isZero();
  }

  /** Starts Prometheus with this configuration on {@code data} in {@code dir}, and waits until it is ready. */
  public static PrometheusServer start(Path dir, String config, Path data) throws Exception {
    Path file = Files.writeString(dir.resolve("prometheus.yml"), config);
    int port = freePort();
    Process process = new ProcessBuilder(binary("prometheus").toString(), "--config.file=" + file,
        "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=50y",
        "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    PrometheusServer server = new PrometheusServer(process, "http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(() -> http.send(HttpRequest.newBuilder(URI.create(server.url + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return server;
  }

  /** Where its HTTP API answers. */
  public String url() {
    return url;
  }

  /** The instant queries it has answered, from its own metrics. */
  long queriesServed() throws IOException, InterruptedException {
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines().filter(line -> line.startsWith("prometheus_http_requests_total{")
            && line.contains("handler=\"/api/v1/query\""))
        .mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  /** The Debian binary of this name, or a failure naming the package that has it. */
  static Path binary(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
    return Stream.of(path.split(":")).filter(d -> !d.isBlank()).map(d -> Path.of(d, name))
        .filter(Files::isExecutable).findFirst()
        .orElseGet(() -> fail("This test runs the real Prometheus and promtool: install the Debian package "
            + PACKAGE + " (apt-get install " + PACKAGE + ")."));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
