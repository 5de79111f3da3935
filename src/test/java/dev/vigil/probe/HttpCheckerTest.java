package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.catalog.Catalog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP and HTTPS probes against real servers on 127.0.0.1, one with a self-signed certificate expiring in 3 days. */
class HttpCheckerTest {

  static HttpServer http;
  static HttpsServer https;
  static HttpsServer mutualTls;
  static TestCertificates.Issued serverCert;
  static TestCertificates.Issued clientCert;
  static String base;
  /** Requests that reached /slow, which answers them only once the test releases {@link #slowAnswers}. */
  static final Semaphore slowArrivals = new Semaphore(0);
  static final CountDownLatch slowAnswers = new CountDownLatch(1);
  static String secure;
  static String mutual;

  @TempDir
  static Path dir;

  final HttpChecker checker = new HttpChecker();

  @BeforeAll
  static void servers() throws Exception {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/ok", ex -> send(ex, 200, "{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"state\":\"ok\"}]}"));
    http.createContext("/error", ex -> send(ex, 500, "{\"status\":\"DOWN\"}"));
    http.createContext("/maintenance", ex -> send(ex, 200, "<html>Down for maintenance</html>"));
    http.createContext("/slow", ex -> {
      slowArrivals.release();
      waitFor(slowAnswers);
      send(ex, 200, "{\"status\":\"UP\"}");
    });
    http.createContext("/redirect", ex -> {
      ex.getResponseHeaders().add("Location", "/ok");
      send(ex, 302, "");
    });
    http.createContext("/echo", ex -> send(ex, 200, ex.getRequestMethod() + " "
        + ex.getRequestHeaders().getFirst("X-Probe") + " " + new String(ex.getRequestBody().readAllBytes(),
        StandardCharsets.UTF_8)));
    // A request waiting at /slow must not keep the next one from being read.
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.start();
    base = "http://127.0.0.1:" + http.getAddress().getPort();

    serverCert = TestCertificates.selfSigned("localhost", Duration.ofDays(3));
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(serverCert.configurator());
    https.createContext("/ok", ex -> send(ex, 200, "secure"));
    https.start();
    secure = "https://localhost:" + https.getAddress().getPort();

    clientCert = TestCertificates.selfSigned("probe-client", Duration.ofDays(30));
    mutualTls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    mutualTls.setHttpsConfigurator(new HttpsConfigurator(trustingClient()) {
      @Override
      public void configure(HttpsParameters params) {
        params.setNeedClientAuth(true);
      }
    });
    mutualTls.createContext("/ok", ex -> send(ex, 200, "hello client"));
    mutualTls.start();
    mutual = "https://localhost:" + mutualTls.getAddress().getPort();
  }

  /** The server's own certificate, and trust in the client's (and only that). */
  private static SSLContext trustingClient() throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(serverCert.keyStore("changeit"), "changeit".toCharArray());
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("client", clientCert.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  @AfterAll
  static void stop() {
    http.stop(0);
    https.stop(0);
    mutualTls.stop(0);
  }

  static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  static void waitFor(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  ProbeChecker.Outcome check(String yaml) throws Exception {
    var probe = TestProbes.probe(yaml);
    return checker.check(probe.name(), (Catalog.HttpProbe) probe.check(), probe.timeoutOrDefault());
  }

  @Test
  void healthyAnswerWithJsonPathAssertions() throws Exception {
    ProbeChecker.Outcome o = check("""
        kind: http
        http:
          url: %s/ok
          expected_status: [200]
          body_contains: UP
          json_path:
            - path: $.status
              equals: UP
            - path: $.checks[0].state
              matches: ^ok$
        """.formatted(base));
    assertThat(o.success()).as(o.message()).isTrue();
    assertThat(o.message()).isEqualTo("200 OK");
    assertThat(o.certExpiry()).as("plain http has no certificate").isNull();
  }

  @Test
  void jsonPathThatDoesNotHoldFails() throws Exception {
    ProbeChecker.Outcome wrongValue = check("""
        kind: http
        http:
          url: %s/ok
          json_path: [{path: $.status, equals: DOWN}]
        """.formatted(base));
    assertThat(wrongValue.success()).isFalse();
    assertThat(wrongValue.message()).isEqualTo("JSONPath $.status is 'UP', expected 'DOWN'");

    ProbeChecker.Outcome missing = check("""
        kind: http
        http:
          url: %s/ok
          json_path: [{path: $.version}]
        """.formatted(base));
    assertThat(missing.message()).isEqualTo("JSONPath $.version finds nothing");

    ProbeChecker.Outcome notJson = check("""
        kind: http
        http:
          url: %s/maintenance
          json_path: [{path: $.status}]
        """.formatted(base));
    assertThat(notJson.success()).isFalse();
    assertThat(notJson.message()).startsWith("body is not JSON");
  }

  @Test
  void wrongBodyFails() throws Exception {
    ProbeChecker.Outcome contains = check("""
        kind: http
        http:
          url: %s/maintenance
          body_contains: '"status":"UP"'
        """.formatted(base));
    assertThat(contains.success()).isFalse();
    assertThat(contains.message()).isEqualTo("body does not contain '\"status\":\"UP\"'");

    ProbeChecker.Outcome matches = check("""
        kind: http
        http:
          url: %s/maintenance
          body_matches: 'status.{0,5}UP'
        """.formatted(base));
    assertThat(matches.message()).isEqualTo("body does not match /status.{0,5}UP/");
  }

  @Test
  void serverErrorFailsUnlessExpected() throws Exception {
    ProbeChecker.Outcome error = check("kind: http\nhttp:\n  url: %s/error\n".formatted(base));
    assertThat(error.success()).isFalse();
    assertThat(error.message()).isEqualTo("status 500, expected 2xx");

    assertThat(check("kind: http\nhttp:\n  url: %s/error\n  expected_status: [500, 503]\n".formatted(base)).success())
        .isTrue();
  }

  @Test
  void slowAnswersFailTheResponseTimeThresholdAndTheTimeout() throws Exception {
    CompletableFuture<ProbeChecker.Outcome> answered = CompletableFuture.supplyAsync(() -> {
      try {
        return check("""
            kind: http
            timeout: 5s
            http:
              url: %s/slow
              max_response_time: PT0.3S
            """.formatted(base));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(slowArrivals.tryAcquire(30, TimeUnit.SECONDS)).as("the first check waits at the server").isTrue();

    // While the first check waits, a second one gives up after its timeout.
    ProbeChecker.Outcome timedOut = check("""
        kind: http
        timeout: PT0.3S
        interval: 10s
        http:
          url: %s/slow
        """.formatted(base));
    assertThat(timedOut.success()).isFalse();
    assertThat(timedOut.message()).contains("timed out");

    // Only now does the server answer: the first check started before the second and ends after it.
    slowAnswers.countDown();
    ProbeChecker.Outcome slow = answered.get(30, TimeUnit.SECONDS);
    assertThat(slow.success()).isFalse();
    assertThat(slow.message()).startsWith("answered in ").endsWith(", slower than 300ms");
    assertThat(slow.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(300))
        .isGreaterThanOrEqualTo(timedOut.duration());
  }

  @Test
  void redirectsAreFollowedOrJudged() throws Exception {
    ProbeChecker.Outcome followed = check("kind: http\nhttp:\n  url: %s/redirect\n  json_path: [{path: $.status}]\n"
        .formatted(base));
    assertThat(followed.success()).as(followed.message()).isTrue();

    ProbeChecker.Outcome refused = check("kind: http\nhttp:\n  url: %s/redirect\n  follow_redirects: false\n"
        .formatted(base));
    assertThat(refused.success()).isFalse();
    assertThat(refused.message()).isEqualTo("status 302, expected 2xx (redirects are not followed)");

    assertThat(check("kind: http\nhttp:\n  url: %s/redirect\n  follow_redirects: false\n  expected_status: [302]\n"
        .formatted(base)).success()).isTrue();
  }

  @Test
  void methodHeadersAndBodyAreSent() throws Exception {
    ProbeChecker.Outcome o = check("""
        kind: http
        http:
          url: %s/echo
          method: PUT
          headers: {X-Probe: vigil}
          body: 'hello'
          body_contains: PUT vigil hello
        """.formatted(base));
    assertThat(o.success()).as(o.message()).isTrue();
  }

  @Test
  void certificateExpiringInThreeDaysFailsAFourteenDayThreshold() throws Exception {
    Path pem = serverCert.writePem(dir);
    ProbeChecker.Outcome o = check("""
        kind: http
        http:
          url: %s/ok
          trusted_certificates: %s
          cert_expiry_days: 14
        """.formatted(secure, pem));
    assertThat(o.success()).isFalse();
    assertThat(o.message()).startsWith("certificate expires in 2 days").endsWith("within the 14-day threshold");
    assertThat(o.certExpiry()).isEqualTo(serverCert.certificate().getNotAfter().toInstant());

    ProbeChecker.Outcome relaxed = check("""
        kind: http
        http:
          url: %s/ok
          trusted_certificates: %s
          cert_expiry_days: 1
        """.formatted(secure, pem));
    assertThat(relaxed.success()).as(relaxed.message()).isTrue();
    assertThat(Duration.between(Instant.now(), relaxed.certExpiry()).toHours()).isCloseTo(72, within(1L));
  }

  @Test
  void untrustedCertificateFails() throws Exception {
    ProbeChecker.Outcome o = check("kind: http\nhttp:\n  url: %s/ok\n".formatted(secure));
    assertThat(o.success()).isFalse();
    assertThat(o.message()).startsWith("certificate is not trusted");
  }

  @Test
  void clientCertificateIsPresentedWhenAsked() throws Exception {
    Path pem = serverCert.writePem(dir);
    Path p12 = clientCert.writePkcs12(dir, "s3cret");
    ProbeChecker.Outcome with = check("""
        kind: http
        http:
          url: %s/ok
          trusted_certificates: %s
          client_certificate: {file: %s, password: s3cret}
          body_contains: hello client
        """.formatted(mutual, pem, p12));
    assertThat(with.success()).as(with.message()).isTrue();

    ProbeChecker.Outcome without = check("kind: http\nhttp:\n  url: %s/ok\n  trusted_certificates: %s\n"
        .formatted(mutual, pem));
    assertThat(without.success()).isFalse();
  }

  @Test
  void addressFamilyCanBeForced() throws Exception {
    ProbeChecker.Outcome v4 = check("kind: http\nhttp:\n  url: http://localhost:%d/ok\n  ip_version: ipv4\n"
        .formatted(http.getAddress().getPort()));
    assertThat(v4.success()).as(v4.message()).isTrue();

    ProbeChecker.Outcome v6 = check("kind: http\nhttp:\n  url: %s/ok\n  ip_version: ipv6\n".formatted(base));
    assertThat(v6.success()).isFalse();
    assertThat(v6.message()).isEqualTo("cannot resolve 127.0.0.1 has no IPv6 address");
  }

  @Test
  void refusedConnectionFails() throws Exception {
    int closed;
    try (var socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ProbeChecker.Outcome o = check("kind: http\nhttp:\n  url: http://127.0.0.1:%d/\n".formatted(closed));
    assertThat(o.success()).isFalse();
    assertThat(o.message()).startsWith("connection refused");
  }
}
