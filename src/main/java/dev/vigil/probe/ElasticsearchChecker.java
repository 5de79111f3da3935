package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Elasticsearch and OpenSearch probes, through their REST API: {@code GET _cluster/health} (status no worse than the
 * probe accepts, unassigned shards), and {@code GET _nodes/stats/thread_pool/search} for search requests rejected
 * since the previous check. Both products answer these in the same documented shape.
 *
 * <p>Rejections are a counter per node since it started, so this checker remembers each probe's last total: the one
 * piece of state it keeps.
 */
@Component
class ElasticsearchChecker implements ProbeChecker<Catalog.ElasticsearchProbe> {

  static final List<String> STATUSES = List.of("green", "yellow", "red");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, Long> rejectedBefore = new ConcurrentHashMap<>();

  @Override
  public Outcome check(String probe, Catalog.ElasticsearchProbe es, Duration timeout) throws Exception {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (es.trustedCertificates() != null) {
      builder.sslContext(TlsMaterial.context(es.trustedCertificates(), null));
    }
    String base = es.url().endsWith("/") ? es.url().substring(0, es.url().length() - 1) : es.url();
    try (HttpClient client = builder.build()) {
      JsonNode health = get(client, es, base + "/_cluster/health", deadline);
      String status = health.path("status").asString("");
      if (!STATUSES.contains(status)) {
        return Outcome.failed(TcpChecker.since(started), "_cluster/health has no status green, yellow or red: "
            + abbreviated(health.toString()), null);
      }
      String cluster = health.path("cluster_name").asString("cluster");
      if (STATUSES.indexOf(status) > STATUSES.indexOf(es.worstStatusOrDefault())) {
        return Outcome.failed(TcpChecker.since(started), "cluster " + cluster + " is " + status
            + ", worse than worst_status " + es.worstStatusOrDefault() + " (" + health.path("unassigned_shards").asInt()
            + " unassigned shards)", null);
      }
      int unassigned = health.path("unassigned_shards").asInt();
      if (es.maxUnassignedShards() != null && unassigned > es.maxUnassignedShards()) {
        return Outcome.failed(TcpChecker.since(started), unassigned + " unassigned shards in cluster " + cluster
            + ", above max_unassigned_shards " + es.maxUnassignedShards(), null);
      }
      String seen = cluster + " " + status + ", " + unassigned + " unassigned shards";
      if (es.maxSearchRejections() != null) {
        JsonNode stats = get(client, es, base + "/_nodes/stats/thread_pool/search", deadline);
        long rejected = 0;
        for (JsonNode node : stats.path("nodes")) {
          rejected += node.path("thread_pool").path("search").path("rejected").asLong();
        }
        Long before = rejectedBefore.put(probe + "@" + base, rejected);
        long since = before == null ? 0 : rejected >= before ? rejected - before : rejected;
        if (since > es.maxSearchRejections()) {
          return Outcome.failed(TcpChecker.since(started), since + " search requests rejected since the previous"
              + " check, above max_search_rejections " + es.maxSearchRejections(), null);
        }
        seen += ", " + since + " search rejections";
      }
      return Outcome.ok(TcpChecker.since(started), seen, null);
    } catch (HttpConnectTimeoutException e) {
      return Outcome.failed(TcpChecker.since(started), "no connection to " + base + " within "
          + ProbeDefinition.human(timeout), null);
    } catch (HttpTimeoutException e) {
      return Outcome.failed(TcpChecker.since(started), "no answer from " + base + " within "
          + ProbeDefinition.human(timeout), null);
    } catch (java.net.ConnectException e) {
      return Outcome.failed(TcpChecker.since(started), "connection refused by " + base, null);
    } catch (Answer e) {
      return Outcome.failed(TcpChecker.since(started), e.getMessage(), null);
    } catch (IOException e) {
      return Outcome.failed(TcpChecker.since(started), base + ": " + TlsMaterial.describe(e), null);
    }
  }

  private static JsonNode get(HttpClient client, Catalog.ElasticsearchProbe es, String url, long deadline)
      throws IOException, InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new HttpTimeoutException("deadline passed");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofNanos(left))
        .header("Accept", "application/json");
    if (es.apiKey() != null) {
      request.header("Authorization", "ApiKey " + es.apiKey());
    } else if (es.username() != null) {
      String pair = es.username() + ":" + (es.password() == null ? "" : es.password());
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new Answer("GET " + url + " answered " + response.statusCode()
          + (response.statusCode() == 401 || response.statusCode() == 403 ? " (check the credentials)" : "") + ": "
          + abbreviated(response.body()));
    }
    try {
      return JSON.readTree(response.body());
    } catch (JacksonException e) {
      throw new Answer("GET " + url + " answered with something that is not JSON: " + abbreviated(response.body()));
    }
  }

  private static String abbreviated(String text) {
    String t = text == null ? "" : text.strip();
    return t.length() > 120 ? t.substring(0, 117) + "..." : t;
  }

  /** An answer that is not what the cluster API documents. */
  private static final class Answer extends IOException {
    Answer(String message) {
      super(message);
    }
  }
}
