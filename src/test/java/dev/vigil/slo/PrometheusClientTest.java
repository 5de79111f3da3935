package dev.vigil.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.catalog.Catalog.BasicAuth;
import dev.vigil.catalog.Catalog.PrometheusSource;
import dev.vigil.slo.PrometheusAnswer.Series;
import dev.vigil.slo.PrometheusAnswer.Vector;
import dev.vigil.slo.PrometheusFailure.Cause;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a small local server that answers as Prometheus's query API does, checking the Authorization
 * header as a proxy in front of Prometheus would: what is sent, bearer and basic auth, and every failure as a typed
 * answer naming the source, the query and the cause.
 */
class PrometheusClientTest {

  static final Instant AT = Instant.parse("2026-03-01T12:00:00.250Z");
  static final String ONE = """
      {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1772366400.25,"42"]}]}}""";

  static HttpServer server;
  static final ExecutorService threads = Executors.newCachedThreadPool();
  static final AtomicReference<String> form = new AtomicReference<>();
  static final CountDownLatch release = new CountDownLatch(1);
  final PrometheusClient client = new PrometheusClient();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/ok/api/v1/query", exchange -> {
      form.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      answer(exchange, 200, ONE);
    });
    server.createContext("/guarded/api/v1/query", exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      boolean allowed = "Bearer s3cret".equals(auth) || "Basic dmlnaWw6cGFzcw==".equals(auth); // vigil:pass
      answer(exchange, allowed ? 200 : 401, allowed ? ONE : "Unauthorized\n");
    });
    server.createContext("/bad/api/v1/query", exchange -> answer(exchange, 400, """
        {"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:5: parse error"}"""));
    server.createContext("/proxy/api/v1/query", exchange -> answer(exchange, 502, "<html>Bad Gateway</html>"));
    server.createContext("/matrix/api/v1/query", exchange -> answer(exchange, 200, """
        {"status":"success","data":{"resultType":"matrix","result":[]}}"""));
    server.createContext("/slow/api/v1/query", exchange -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answer(exchange, 200, ONE);
    });
    server.setExecutor(threads);
    server.start();
  }

  @AfterAll
  static void stop() {
    release.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  PrometheusSource source(String path, String token, BasicAuth basic, Duration timeout) {
    return new PrometheusSource("main", "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + "/",
        token, basic, timeout);
  }

  @Test
  void anInstantQueryIsPostedAsAFormAtTheEvaluationTime() {
    PrometheusAnswer answer = client.query(source("ok", null, null, null), "sum(rate(x[5m]))", AT);
    assertThat(answer).isEqualTo(new Vector("main", "sum(rate(x[5m]))", List.of(new Series(Map.of(), 42))));
    assertThat(URLDecoder.decode(form.get(), StandardCharsets.UTF_8))
        .isEqualTo("query=sum(rate(x[5m]))&time=1772366400.250&timeout=10000ms");
  }

  @Test
  void aBearerTokenOrBasicAuthIsSentAndAWrongOneIsUnauthorized() {
    assertThat(client.query(source("guarded", "s3cret", null, null), "up", AT)).isInstanceOf(Vector.class);
    assertThat(client.query(source("guarded", null, new BasicAuth("vigil", "pass"), null), "up", AT))
        .isInstanceOf(Vector.class);
    PrometheusAnswer refused = client.query(source("guarded", "wrong", null, null), "up", AT);
    assertThat(refused).isInstanceOfSatisfying(PrometheusFailure.class, failure -> {
      assertThat(failure.cause()).isEqualTo(Cause.UNAUTHORIZED);
      assertThat(failure.message()).isEqualTo("Prometheus source 'main' gave no number for up: answered HTTP 401:"
          + " the source's bearer token or basic auth was refused: Unauthorized").doesNotContain("wrong");
    });
    assertThat(client.query(source("guarded", null, null, null), "up", AT))
        .isInstanceOfSatisfying(PrometheusFailure.class, f -> assertThat(f.cause()).isEqualTo(Cause.UNAUTHORIZED));
  }

  @Test
  void theApisOwnErrorIsAQueryError() {
    assertThat(client.query(source("bad", null, null, null), "sum(", AT))
        .isInstanceOfSatisfying(PrometheusFailure.class, failure -> {
          assertThat(failure.cause()).isEqualTo(Cause.QUERY_ERROR);
          assertThat(failure.message()).isEqualTo("Prometheus source 'main' gave no number for sum(: answered HTTP"
              + " 400, bad_data: invalid parameter \"query\": 1:5: parse error");
        });
  }

  @Test
  void anAnswerThatIsNotTheApisIsAnHttpFailureOrAnUnexpectedResult() {
    assertThat(client.query(source("proxy", null, null, null), "up", AT))
        .isInstanceOfSatisfying(PrometheusFailure.class, failure -> {
          assertThat(failure.cause()).isEqualTo(Cause.HTTP_STATUS);
          assertThat(failure.detail()).isEqualTo("answered HTTP 502 without a Prometheus API answer:"
              + " <html>Bad Gateway</html>");
        });
    assertThat(client.query(source("matrix", null, null, null), "up[5m]", AT))
        .isInstanceOfSatisfying(PrometheusFailure.class, failure -> {
          assertThat(failure.cause()).isEqualTo(Cause.UNEXPECTED_RESULT);
          assertThat(failure.detail()).isEqualTo("returned a matrix where an instant vector or scalar was expected");
        });
  }

  @Test
  void noAnswerWithinTheTimeoutIsATimeout() {
    PrometheusAnswer answer = client.query(source("slow", null, null, Duration.ofMillis(200)), "up", AT);
    assertThat(answer).isInstanceOfSatisfying(PrometheusFailure.class, failure -> {
      assertThat(failure.cause()).isEqualTo(Cause.TIMEOUT);
      assertThat(failure.detail()).endsWith("did not answer within 200 ms");
    });
  }

  @Test
  void aUrlThatIsNoHttpUrlIsAFailureToo() {
    PrometheusSource noScheme = new PrometheusSource("main", "prometheus:9090", null, null, null);
    assertThat(client.query(noScheme, "up", AT)).isInstanceOfSatisfying(PrometheusFailure.class, failure -> {
      assertThat(failure.cause()).isEqualTo(Cause.UNREACHABLE);
      assertThat(failure.detail()).isEqualTo("its URL 'prometheus:9090' is no http or https URL");
    });
    PrometheusSource blank = new PrometheusSource("main", "http://exa mple", null, null, null);
    assertThat(client.query(blank, "up", AT)).isInstanceOfSatisfying(PrometheusFailure.class, failure -> assertThat(
        failure.detail()).isEqualTo("its URL 'http://exa mple' is no http or https URL"));
  }

  @Test
  void scalarsVectorsAndPrometheusSpellingsOfInfinityAreParsed() {
    assertThat(PrometheusClient.parse("p", "1", 200, """
        {"status":"success","data":{"resultType":"scalar","result":[1.5,"1"]}}"""))
        .isEqualTo(new Vector("p", "1", List.of(new Series(Map.of(), 1))));
    Vector vector = (Vector) PrometheusClient.parse("p", "q", 200, """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"job":"a"},"value":[1,"+Inf"]},{"metric":{"job":"b"},"value":[1,"NaN"]}]}}""");
    assertThat(vector.series()).extracting(Series::value).containsExactly(Double.POSITIVE_INFINITY, Double.NaN);
    assertThat(vector.oneNumber()).isInstanceOfSatisfying(PrometheusFailure.class, failure -> assertThat(
        failure.detail()).isEqualTo("2 series where one number is needed ({job=\"a\"}, {job=\"b\"}); aggregate"
            + " them, e.g. with sum(...)"));
    assertThat(PrometheusClient.parse("p", "q", 200, """
        {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"lots"]}]}}"""))
        .isInstanceOfSatisfying(PrometheusFailure.class, f -> assertThat(f.detail())
            .isEqualTo("returned the sample [1,\"lots\"], whose value is not a number"));
    assertThat(PrometheusClient.parse("p", "q", 200, "not json")).isInstanceOfSatisfying(PrometheusFailure.class,
        f -> assertThat(f.cause()).isEqualTo(Cause.UNEXPECTED_RESULT));
  }
}
