package dev.vigil.slo;

import dev.vigil.catalog.Catalog.PrometheusSource;
import dev.vigil.slo.PrometheusAnswer.Series;
import dev.vigil.slo.PrometheusFailure.Cause;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a Prometheus-compatible HTTP query API (Prometheus, Thanos, VictoriaMetrics) for an instant query at a given
 * time, with the source's bearer token or basic auth and timeout, and turns whatever happens into a
 * {@link PrometheusAnswer}: the series returned, or a {@link PrometheusFailure} naming the source, the query and the
 * cause. Nothing is thrown to the caller and no number is made up.
 */
@Component
class PrometheusClient {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_ERROR_BODY = 300;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(DEFAULT_TIMEOUT)
      // A redirect would send the credentials on to wherever it points.
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  /** The instant query {@code promql} evaluated at {@code at}, to the millisecond. */
  PrometheusAnswer query(PrometheusSource source, String promql, Instant at) {
    Duration timeout = source.timeout() == null ? DEFAULT_TIMEOUT : source.timeout();
    URI uri;
    HttpRequest.Builder request;
    try {
      uri = URI.create(source.url().strip().replaceAll("/+$", "") + "/api/v1/query");
      request = HttpRequest.newBuilder(uri).timeout(timeout);
    } catch (IllegalArgumentException | NullPointerException e) {
      return new PrometheusFailure(source.name(), promql, Cause.UNREACHABLE, "its URL '" + source.url()
          + "' is no http or https URL");
    }
    // A form POST, as the API allows, since one SLO's batched query is longer than URLs comfortably get.
    String form = "query=" + encode(promql) + "&time=" + seconds(at) + "&timeout=" + timeout.toMillis() + "ms";
    request.header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("User-Agent", "Vigil")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    authorization(source).ifPresent(value -> request.header("Authorization", value));
    String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return parse(source.name(), promql, response.statusCode(), response.body());
    } catch (HttpTimeoutException e) {
      return new PrometheusFailure(source.name(), promql, Cause.TIMEOUT, where + " did not answer within "
          + timeout.toMillis() + " ms");
    } catch (IOException | IllegalArgumentException e) {
      return new PrometheusFailure(source.name(), promql, Cause.UNREACHABLE, "could not reach " + where + " (" + e
          + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PrometheusFailure(source.name(), promql, Cause.UNREACHABLE, "interrupted while waiting for "
          + where);
    }
  }

  private static Optional<String> authorization(PrometheusSource source) {
    if (source.bearerToken() != null && !source.bearerToken().isBlank()) {
      return Optional.of("Bearer " + source.bearerToken().strip());
    }
    if (source.basicAuth() != null) {
      String password = source.basicAuth().password() == null ? "" : source.basicAuth().password();
      String pair = source.basicAuth().username() + ":" + password;
      return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  /**
   * The answer in an HTTP response of the query API: the API's JSON ({@code status} success with a vector or scalar,
   * or error with {@code errorType} and {@code error}, whatever the HTTP status), or a failure for anything else.
   */
  static PrometheusAnswer parse(String source, String query, int status, String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JacksonException e) {
      root = null;
    }
    if (root == null || !root.isObject() || !root.path("status").isString()) {
      return status == 401 || status == 403
          ? new PrometheusFailure(source, query, Cause.UNAUTHORIZED, "answered HTTP " + status
              + ": the source's bearer token or basic auth was refused" + excerpt(body))
          : new PrometheusFailure(source, query, status / 100 == 2 ? Cause.UNEXPECTED_RESULT : Cause.HTTP_STATUS,
              "answered HTTP " + status + " without a Prometheus API answer" + excerpt(body));
    }
    if (!"success".equals(root.path("status").asString())) {
      return new PrometheusFailure(source, query, status == 401 || status == 403 ? Cause.UNAUTHORIZED
          : Cause.QUERY_ERROR, "answered HTTP " + status + ", " + root.path("errorType").asString("error") + ": "
          + root.path("error").asString("no reason given"));
    }
    JsonNode data = root.path("data");
    String type = data.path("resultType").asString("");
    try {
      return switch (type) {
        case "vector" -> {
          List<Series> series = new ArrayList<>();
          for (JsonNode element : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            element.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            series.add(new Series(labels, value(element.path("value"))));
          }
          yield new PrometheusAnswer.Vector(source, query, series);
        }
        case "scalar" -> new PrometheusAnswer.Vector(source, query, List.of(new Series(Map.of(),
            value(data.path("result")))));
        default -> new PrometheusFailure(source, query, Cause.UNEXPECTED_RESULT, "returned a " + (type.isEmpty()
            ? "result without a type" : type) + " where an instant vector or scalar was expected");
      };
    } catch (IllegalArgumentException e) {
      return new PrometheusFailure(source, query, Cause.UNEXPECTED_RESULT, e.getMessage());
    }
  }

  /** A sample's value, written by the API as [time, "text"], with Prometheus's own spellings of infinity. */
  private static double value(JsonNode sample) {
    String text = sample.path(1).asString("");
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("returned the sample " + sample + ", whose value is not a number", e);
        }
      }
    };
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String line = body.strip().replaceAll("\\s+", " ");
    return ": " + (line.length() > MAX_ERROR_BODY ? line.substring(0, MAX_ERROR_BODY) + "..." : line);
  }

  /** An instant as the API's time parameter: seconds since the epoch, to the millisecond. */
  static String seconds(Instant at) {
    return BigDecimal.valueOf(at.toEpochMilli(), 3).toPlainString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
