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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a person sees when a page cannot be shown: a heading and a title that say so, in the layout. */
@IntegrationTest
class WebErrorPagesIT {

  static final String PASSWORD = "correct horse battery";

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
}
