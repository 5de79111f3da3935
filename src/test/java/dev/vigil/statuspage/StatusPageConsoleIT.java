package dev.vigil.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.TestCatalogs;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The status pages in the console: every page with its state and public link, one page's components, incidents and
 * public updates, subscriber counts for everyone and addresses, messages and removal for admins only.
 */
@IntegrationTest
class StatusPageConsoleIT {

  static final String PASSWORD = "correct horse battery";
  /** The page the browser test also reads: its two components on api and payment. */
  static final String CATALOG = WebTestCatalog.YAML + StatusPageBrowserIT.PAGE;


  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  Api api;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    catalog.apply(TestCatalogs.load(CATALOG), "/etc/vigil-web.yaml", "x");
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "admin", PASSWORD, "admin", null);
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    api = new Api(port);
  }

  WebSession as(String username) {
    return WebSession.signedIn(port, username, PASSWORD);
  }

  /** Subscribes an address through the public form, as a visitor does. */
  void subscribe(String email) {
    WebSession visitor = new WebSession(port);
    String form = visitor.get("/status/example/subscribe").body();
    assertThat(visitor.postWithoutCsrf("/status/example/subscribe",
        Map.of("kind", "email", "email", email, "_csrf", StatusPageIT.csrf(form))).status()).isEqualTo(200);
  }

  /** Follows the confirmation link queued for an address, as its owner would from the email. */
  void confirm(String email) {
    String body = jdbc.sql("""
            select d.body from status_page_delivery d join status_page_subscriber s on s.id = d.subscriber_id
            where s.address = :address""").param("address", email).query(String.class).single();
    Matcher link = Pattern.compile("/status/example/confirm/[A-Za-z0-9_-]+").matcher(body);
    assertThat(link.find()).as(body).isTrue();
    WebSession owner = new WebSession(port);
    String page = owner.get(link.group()).body();
    assertThat(owner.postWithoutCsrf(link.group(), Map.of("_csrf", StatusPageIT.csrf(page))).status())
        .isEqualTo(200);
  }

  @Test
  void everyoneSeesEachPageItsStateComponentsIncidentsAndSubscriberCounts() {
    long incident = WebTestCatalog.trigger(api, "events-api", "disk", "Disk full on api-1");
    assertThat(api.post("/api/v1/incidents/" + incident + "/status-updates", IntegrationTest.ADMIN_TOKEN,
        "{\"message\": \"Some requests fail; we are on it.\"}").status()).isEqualTo(201);
    subscribe("reader@example.com");
    subscribe("other@example.com");
    confirm("reader@example.com");

    for (String reader : new String[] {"vera", "admin"}) {
      String list = as(reader).get("/status-pages").body();
      assertThat(list).as(reader).contains("<title>Status pages · Vigil</title>")
          .contains("href=\"/status-pages/example\"").contains("href=\"/status/example\"")
          .contains("Partial outage").contains("1 now").contains("1 confirmed, 1 pending confirmation");
      String page = as(reader).get("/status-pages/example").body();
      assertThat(page).as(reader).contains("<h1>Example status</h1>").contains("Public API").contains("Money")
          .contains("component-partial-outage").contains("component-operational")
          .contains("Partial outage affecting Public API").contains("href=\"/incidents/" + incident + "\"")
          .contains("Some requests fail; we are on it.")
          .contains("<strong>1</strong> confirmed, <strong>1</strong> pending");
    }
  }

  @Test
  void addressesMessagesAndRemovalAreForAdminsOnly() {
    subscribe("reader@example.com");
    String viewer = as("vera").get("/status-pages/example").body();
    assertThat(viewer).doesNotContain("reader@example.com").doesNotContain("Remove")
        .contains("shown to admins only");
    String admin = as("admin").get("/status-pages/example").body();
    assertThat(admin).contains("reader@example.com").contains("pending confirmation")
        .contains("Confirm your subscription").contains(">queued<").contains(">Remove</button>");

    long id = jdbc.sql("select id from status_page_subscriber where address = 'reader@example.com'")
        .query(Long.class).single();
    WebSession vera = as("vera");
    vera.get("/status-pages/example");
    assertThat(vera.post("/status-pages/example/subscribers/" + id + "/remove", Map.of()).status()).isEqualTo(403);
    WebSession session = as("admin");
    session.get("/status-pages/example");
    assertThat(session.postWithoutCsrf("/status-pages/example/subscribers/" + id + "/remove", Map.of()).status())
        .isEqualTo(403);
    WebSession.Page removed = session.post("/status-pages/example/subscribers/" + id + "/remove", Map.of());
    assertThat(removed.status()).isEqualTo(302);
    assertThat(removed.location()).isEqualTo("/status-pages/example#subscribers");
    assertThat(jdbc.sql("select count(*) from status_page_subscriber").query(Integer.class).single()).isZero();
    assertThat(session.get("/status-pages/example").body()).contains("The subscriber was removed")
        .contains("Nobody is subscribed.");
    assertThat(session.post("/status-pages/example/subscribers/" + id + "/remove", Map.of()).status())
        .isEqualTo(404);
  }

  @Test
  void anUnknownPageIsA404Page() {
    WebSession.Page page = as("vera").get("/status-pages/nope");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).contains("There is no status page &#39;nope&#39;.");
  }
}
