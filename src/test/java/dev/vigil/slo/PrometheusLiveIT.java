package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.IntegrationTest;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The live test: Debian's real Prometheus scrapes, every second, a small exporter on 127.0.0.1 whose error
 * ratio the test sets; the SLO on it is evaluated until its fast-burn rule pages a person by email, and again until
 * the page resolves once the errors stop.
 *
 * <p>How the two clocks meet: Prometheus scrapes and stamps samples on real time, and refuses samples stamped far
 * ahead of it; the application evaluates at the test clock's instant, which earlier tests of the shared application
 * may have moved days ahead (it never goes back; this test moves it an hour on), but which runs at the pace of real
 * time. So the SLO's source is a small proxy in the test that takes the test clock's lead off each query's
 * {@code time} before passing it to Prometheus: every evaluation reads what was scraped up to the real moment its
 * test-clock instant stands for, and the evaluation itself (instants stored, lookbacks, alerts) runs on the test
 * clock as in production. The workbook's 14.4x over 1h and 5m is declared at 1/100 of its lookbacks, 36 s and 3 s,
 * through {@code burn_rate_rules}, so that the test takes seconds; nothing else in the evaluation changes.
 */
@IntegrationTest
class PrometheusLiveIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  @TempDir static Path dir;
  /** The exporter, and the proxy that is the SLO's Prometheus source. */
  static HttpServer exporter;
  static PrometheusServer prometheus;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Requests failing of the 100 each scrape counts. */
  static volatile int failing;
  /** The application's clock, whose lead over real time the proxy takes off. */
  static volatile TestClock testClock;
  static long requests;
  static long failed;

  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired SloEvaluator evaluator;
  @Autowired SloBoard board;

  @BeforeEach
  void startOnce() throws Exception {
    clean();
    testClock = clock;
    if (exporter == null) {
      exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      exporter.createContext("/metrics", exchange -> {
        byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      exporter.createContext("/api/v1/query", PrometheusLiveIT::shifted);
      exporter.start();
      prometheus = PrometheusServer.start(dir, """
          global:
            scrape_interval: 1s
          scrape_configs:
            - job_name: shop
              static_configs: [{targets: ["127.0.0.1:%d"]}]
          """.formatted(exporter.getAddress().getPort()), dir.resolve("data"));
    }
  }

  /** Each scrape counts 100 more requests, {@link #failing} of them failed. */
  private static synchronized String scrape() {
    requests += 100;
    failed += failing;
    return "# TYPE shop_requests_total counter\nshop_requests_total " + requests + "\n"
        + "# TYPE shop_requests_failed_total counter\nshop_requests_failed_total " + failed + "\n";
  }

  /**
   * Passes a query on to Prometheus with its {@code time} moved back by the test clock's lead over real time, and
   * Prometheus's answer back.
   */
  private static void shifted(HttpExchange exchange) throws IOException {
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    BigDecimal lead = BigDecimal.valueOf(Duration.between(Instant.now(), testClock.instant()).toMillis(), 3);
    String shifted = Stream.of(form.split("&")).map(pair -> pair.startsWith("time=")
        ? "time=" + new BigDecimal(pair.substring(5)).subtract(lead).toPlainString() : pair)
        .collect(Collectors.joining("&"));
    try {
      HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus.url()
              + "/api/v1/query")).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(shifted)).build(), HttpResponse.BodyHandlers.ofByteArray());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
      exchange.getResponseBody().write(answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(503, -1);
    } finally {
      exchange.close();
    }
  }

  @AfterEach
  void clean() {
    PrometheusSloCatalog.reset(jdbc);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (exporter != null) {
      exporter.stop(0);
    }
  }

  @Test
  void errorsOnALivePrometheusPageAPersonAndThePageResolvesWhenTheyStop() {
    failing = 0;
    // Ahead of real time whichever tests ran before, so that the proxy's shift is always part of the test.
    clock.advance(Duration.ofHours(1));
    apply();
    SloBoard.Status good = evaluateUntil(s -> "measured".equals(s.state()) && s.burnRates()
        .containsKey(Duration.ofSeconds(3)));
    assertThat(good.sli()).isEqualByComparingTo("1");
    assertThat(good.raised()).isEmpty();

    failing = 50;
    SloBoard.Status burning = evaluateUntil(s -> !s.raised().isEmpty());
    assertThat(burning.firing()).containsExactly("page 14.4 PT36S/PT3S");
    assertThat(burning.raised()).containsExactly("page");
    assertThat(burning.burnRates().get(Duration.ofSeconds(3))).as("towards 50x: half failing at 99 %")
        .isGreaterThan(new BigDecimal("14.4")).isLessThanOrEqualTo(new BigDecimal("50"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(smtp.getReceivedMessagesForDomain(
        "ana@example.com")).anySatisfy(m -> assertThat(m.getSubject()).contains("SLO shop-availability of shop"
            + " burns")));

    failing = 0;
    SloBoard.Status calm = evaluateUntil(s -> s.raised().isEmpty());
    assertThat(calm.firing()).isEmpty();
    assertThat(calm.burnRates().get(Duration.ofSeconds(3))).isLessThanOrEqualTo(new BigDecimal("14.4"));
    assertThat(jdbc.sql("select status from incident").query(String.class).list()).containsExactly("resolved");
  }

  /** Evaluates, at the test clock's instant, as Prometheus scrapes on, until the SLO's state is as expected. */
  private SloBoard.Status evaluateUntil(Predicate<SloBoard.Status> expected) {
    AtomicReference<SloBoard.Status> last = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
      evaluator.evaluateAll();
      Optional<SloBoard.Status> status = board.one("shop-availability").orElseThrow().status();
      status.ifPresent(last::set);
      return status.filter(expected).isPresent();
    });
    return last.get();
  }

  private void apply() {
    String proxy = "http://127.0.0.1:" + exporter.getAddress().getPort();
    PrometheusSloCatalog.apply(catalog, jdbc, "live", proxy, "shop", """
        - name: shop-availability
          objective: 99
          window: 1d
          burn_rate_rules:
            - {response: page, burn_rate: 14.4, long_window: 36s, short_window: 3s}
          sli:
            prometheus:
              source: live
              bad: shop_requests_failed_total
              total: shop_requests_total
        """);
  }
}
