package dev.vigil.notify;

import dev.vigil.TestCatalogs;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.CatalogService;
import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertIngest;
import dev.vigil.incident.AlertSeverity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the notify integration tests share: a small catalog, incidents from alerts, and plain HTTP calls. */
final class NotifyITSupport {

  static final String CATALOG = """
      version: 1
      teams:
        - name: platform
      users:
        - name: alice
          email: alice@example.com
      services:
        - name: api
          team: platform
          tier: 2
      integrations:
        - name: events
          type: events
          service: api
      """;

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private NotifyITSupport() {}

  static void resetCatalog(JdbcClient jdbc, CatalogService catalog) {
    TestCatalogs.reset(jdbc);
    jdbc.sql("truncate action_link_use").update();
    catalog.apply(TestCatalogs.load(CATALOG), "/etc/vigil.yaml", "x");
  }

  /** Opens an incident on service api through the events integration, as an alert would. */
  static long openIncident(JdbcClient jdbc, CatalogQueries queries, AlertIngest ingest, String title) {
    long integrationId = jdbc.sql("select id from integration where name = 'events'").query(Long.class).single();
    Catalog.Integration integration = queries.one(CatalogKind.INTEGRATION, "events", Catalog.Integration.class)
        .orElseThrow().object();
    AlertEvent event = new AlertEvent("test", "fp-" + title.hashCode(), AlertEvent.Action.TRIGGER, title,
        AlertSeverity.CRITICAL, Map.of(), Map.of(), List.of(), null, null);
    return ingest.ingest(integrationId, integration, List.of(event)).accepted().orElseThrow().get(0).incidentId();
  }

  static String status(JdbcClient jdbc, long incident) {
    return jdbc.sql("select status from incident where id = :id").param("id", incident).query(String.class).single();
  }

  /** The last timeline event of an incident: kind, actor, channel. */
  /** The last action on the incident's timeline, not counting what the incident policy adds after a resolution. */
  static List<String> lastEvent(JdbcClient jdbc, long incident) {
    return jdbc.sql("""
            select kind, actor, channel from incident_event where incident_id = :id
            and kind not in ('postmortem_required', 'status_update') order by id desc limit 1""")
        .param("id", incident)
        .query((rs, n) -> List.of(rs.getString(1), String.valueOf(rs.getString(2)), String.valueOf(rs.getString(3))))
        .single();
  }

  static HttpResponse<String> get(int port, String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
  }

  /** A form POST, as a browser or a provider's webhook sends it. */
  static HttpResponse<String> postForm(int port, String path, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
