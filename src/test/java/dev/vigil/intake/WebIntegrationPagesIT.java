package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import dev.vigil.system.TestClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The integrations pages: every role sees each integration's service and last alert, only admins its key and what
 * each sender needs, and an admin's test alert goes through the intake and opens a test incident.
 */
@IntegrationTest
class WebIntegrationPagesIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired TestClock clock;
  Api api;
  String key;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "admin", PASSWORD, "admin", null);
    WebSession.account(jdbc, "rita", PASSWORD, "responder", "alice");
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    api = new Api(port);
    key = WebTestCatalog.key(api, "events-api");
  }

  WebSession as(String username) {
    return WebSession.signedIn(port, username, PASSWORD);
  }

  @Test
  void everyRoleSeesTheIntegrationsTheirServiceAndLastAlertButNoKey() {
    WebTestCatalog.trigger(api, "events-api", "disk", "Disk full");
    clock.advance(Duration.ofMinutes(5));
    for (String reader : new String[] {"vera", "rita", "admin"}) {
      WebSession.Page list = as(reader).get("/integrations");
      assertThat(list.status()).as(reader).isEqualTo(200);
      String html = list.body();
      assertThat(html).as(reader).contains("<title>Integrations · Vigil</title>")
          .contains("href=\"/integrations/events-api\"").contains("href=\"/integrations/events-payment\"")
          .contains("5 min ago").contains("never")
          .contains("aria-current=\"page\"><span class=\"icon i-integrations\" aria-hidden=\"true\"></span>Integrations</a>")
          .doesNotContain(key);
    }
  }

  @Test
  void theKeyAndWhatEachSenderNeedsAreShownToAdminsOnly() {
    for (String reader : new String[] {"vera", "rita"}) {
      WebSession.Page page = as(reader).get("/integrations/events-api");
      assertThat(page.status()).as(reader).isEqualTo(200);
      assertThat(page.body()).as(reader).contains("<h1>events-api</h1>").contains("href=\"/services/api\"")
          .contains("Its URLs and key are shown to admins only.").doesNotContain(key)
          .doesNotContain("Send a test alert").doesNotContain("/v2/enqueue");
    }
    String html = as("admin").get("/integrations/events-api").body();
    String base = "http://localhost:8080";
    assertThat(html).contains("value=\"" + key + "\"")
        .contains("value=\"" + base + "/api/v1/integrations/" + key + "/alertmanager\"")
        .contains("webhook_configs:").contains("send_resolved: true")
        .contains("value=\"" + base + "/api/v1/integrations/" + key + "/grafana\"")
        .contains("value=\"" + base + "/v2/enqueue\"").contains("&quot;routing_key&quot;: &quot;" + key)
        .contains("value=\"" + base + "/api/v1/integrations/" + key + "/events\"")
        .contains("curl -sS -X POST &#39;" + base + "/api/v1/integrations/" + key + "/events&#39;")
        .contains("Send a test alert");
    // The integration's own type first: an events integration leads with the events API.
    assertThat(html.indexOf("id=\"sender-events\"")).isLessThan(html.indexOf("id=\"sender-alertmanager\""));
  }

  @Test
  void anAdminsTestAlertOpensALabelledTestIncidentAndLinksToIt() {
    WebSession admin = as("admin");
    admin.get("/integrations/events-api");
    WebSession.Page sent = admin.post("/integrations/events-api/test", Map.of());
    assertThat(sent.status()).as(sent.body()).isEqualTo(302);
    assertThat(sent.location()).isEqualTo("/integrations/events-api");

    Map<String, Object> incident = jdbc.sql("""
            select i.id, i.title, s.name as service, a.source, a.labels ->> 'vigil_test' as test
            from incident i join service s on s.id = i.service_id join alert a on a.incident_id = i.id""")
        .query().singleRow();
    assertThat(incident.get("service")).isEqualTo("api");
    assertThat(incident.get("source")).isEqualTo("test");
    assertThat(incident.get("test")).isEqualTo("true");
    assertThat((String) incident.get("title")).startsWith("Test alert from integration events-api, sent by admin")
        .contains("nothing is wrong");
    long id = ((Number) incident.get("id")).longValue();

    String result = admin.get("/integrations/events-api").body();
    assertThat(result).contains("The test alert was accepted and opened incident " + id + ".")
        .contains("href=\"/incidents/" + id + "\"").contains("just now");
    assertThat(admin.get("/incidents/" + id).body()).contains("Test alert from integration events-api");

    // A second press opens an incident of its own rather than repeating the first.
    admin.post("/integrations/events-api/test", Map.of());
    assertThat(jdbc.sql("select count(*) from incident").query(Integer.class).single()).isEqualTo(2);
  }

  @Test
  void aViewerOrResponderCannotSendATestAlertNorAnyoneWithoutTheCsrfToken() {
    for (String reader : new String[] {"vera", "rita"}) {
      WebSession session = as(reader);
      session.get("/integrations/events-api");
      assertThat(session.post("/integrations/events-api/test", Map.of()).status()).as(reader).isEqualTo(403);
    }
    WebSession admin = as("admin");
    admin.get("/integrations/events-api");
    assertThat(admin.postWithoutCsrf("/integrations/events-api/test", Map.of()).status()).isEqualTo(403);
    assertThat(jdbc.sql("select count(*) from incident").query(Integer.class).single()).isZero();
  }

  @Test
  void anIntegrationThatDoesNotExistIsANotFoundPage() {
    WebSession admin = as("admin");
    WebSession.Page page = admin.get("/integrations/nope");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).contains("no integration named &#39;nope&#39;");
    admin.get("/integrations");
    assertThat(admin.post("/integrations/nope/test", Map.of()).status()).isEqualTo(404);
  }
}
