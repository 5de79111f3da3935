package dev.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a person sees when a page cannot be shown: a heading and a title that say so, in the layout, and HTML for a
 * browser where an API client keeps its problem+json.
 */
@IntegrationTest
class WebErrorPagesIT {

  static final String PASSWORD = "correct horse battery";
  static final Map<String, String> BROWSER = Map.of("Accept",
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  Api api;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    WebSession.account(jdbc, "rita", PASSWORD, "responder", null);
    api = new Api(port);
  }

  WebSession as(String username) {
    WebSession web = new WebSession(port);
    assertThat(web.signIn(username, PASSWORD).location()).isEqualTo("/");
    return web;
  }

  /** The page's status, its heading and its title, and no template code left in it. */
  static void problemPage(WebSession.Page page, int status, String heading) {
    assertThat(page.status()).as(page.body()).isEqualTo(status);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("<title>" + heading + " · Vigil</title>").contains("<h1>" + heading + "</h1>")
        .doesNotContain("${").doesNotContain("|");
  }

  @Test
  void anIncidentThatDoesNotExist() {
    problemPage(as("vera").get("/incidents/99999"), 404, "Not found");
  }

  @Test
  void aPageTheRoleMayNotSee() {
    problemPage(as("vera").get("/admin/accounts"), 403, "Not allowed");
  }

  @Test
  void aQueryThatCannotBeRead() {
    problemPage(as("vera").get("/incidents?status=sleeping"), 400, "That did not work");
  }

  @Test
  void anActionTheIncidentsStateRefuses() {
    long id = WebTestCatalog.trigger(api, "events-api", "refused", "Disk full");
    WebSession rita = as("rita");
    rita.get("/incidents/" + id);
    assertThat(rita.post("/incidents/" + id + "/resolve", Map.of()).status()).isEqualTo(302);
    rita.get("/incidents/" + id);
    WebSession.Page refused = rita.post("/incidents/" + id + "/escalate", Map.of());
    problemPage(refused, 409, "That did not work");
    assertThat(refused.body()).contains("is resolved; there is nobody left to escalate to");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/teams/platform/edit", "/users/alice/edit", "/reports/weekly", "/integrations/events-api/keys",
      "/settings", "/no/such/page", "/status", "/status/nope/anything/else"})
  void aPageThatDoesNotExistIsAnHtmlNotFoundInTheLayout(String path) {
    WebSession.Page page = as("vera").get(path, BROWSER);
    problemPage(page, 404, "Not found");
    assertThat(page.body()).contains("Sign out").contains(path);
  }

  @Test
  void anApiClientKeepsItsProblemJsonForPathsThatDoNotExist() {
    WebSession vera = as("vera");
    for (String path : new String[] {"/api/v1/nothing-here", "/settings"}) {
      WebSession.Page page = vera.get(path, Map.of("Accept", "application/json"));
      assertThat(page.status()).as(path).isEqualTo(404);
      assertThat(page.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
      assertThat(page.body()).as(path).contains("Nothing here: no route takes GET " + path);
    }
    WebSession.Page browser = vera.get("/api/v1/nothing-here", BROWSER);
    assertThat(browser.status()).isEqualTo(404);
    assertThat(browser.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void theIconNeedsNoSignIn() {
    WebSession anonymous = new WebSession(port);
    for (String path : new String[] {"/favicon.ico", "/favicon.svg"}) {
      WebSession.Page icon = anonymous.get(path, Map.of("Accept", "image/avif,image/webp,image/png,*/*;q=0.8"));
      assertThat(icon.status()).as(path).isEqualTo(200);
      assertThat(icon.headers().firstValue("Content-Type")).as(path)
          .hasValueSatisfying(t -> assertThat(t).startsWith("image/"));
    }
    assertThat(anonymous.get("/login").body()).as("the sign-in page").contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\">");
  }
}
