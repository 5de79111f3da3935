package dev.vigil.web;

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
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every UI route for an anonymous visitor and for each role, and every form without its CSRF token: deny by
 * default, over real HTTP.
 */
@IntegrationTest
class WebAuthorizationIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  long incident;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
    for (String role : new String[] {"admin", "responder", "viewer"}) {
      WebSession.account(jdbc, role, PASSWORD, role, null);
    }
    incident = WebTestCatalog.trigger(new Api(port), "events-api", "disk", "Disk full");
    Api.Response postmortem = new Api(port).put("/api/v1/incidents/" + incident + "/postmortem",
        IntegrationTest.ADMIN_TOKEN, "{\"summary\": \"Disk full\"}");
    assertThat(postmortem.status()).as(postmortem.body()).isEqualTo(200);
  }

  /** A new action item of the incident's postmortem, for a form that changes or deletes one. */
  long actionItem() {
    Api.Response item = new Api(port).post("/api/v1/incidents/" + incident + "/postmortem/action-items",
        IntegrationTest.ADMIN_TOKEN, "{\"title\": \"Clean up\"}");
    assertThat(item.status()).as(item.body()).isEqualTo(201);
    return item.json().get("id").asLong();
  }

  WebSession as(String role) {
    WebSession session = new WebSession(port);
    if (!role.equals("anonymous")) {
      WebSession.Page signIn = session.signIn(role, PASSWORD);
      assertThat(signIn.location()).as("sign-in of %s", role).isEqualTo("/");
    }
    return session;
  }

  String path(String template) {
    return template.replace("{id}", String.valueOf(incident));
  }

  /** Page, and what each of anonymous, viewer, responder and admin gets: a status, or "login" for a redirect to it. */
  @ParameterizedTest(name = "GET {0}: anonymous {1}, viewer {2}, responder {3}, admin {4}")
  @CsvSource({
      "/, login, 200, 200, 200",
      "/incidents, login, 200, 200, 200",
      "/incidents?status=all&range=7d, login, 200, 200, 200",
      "/incidents/rows, login, 200, 200, 200",
      "/incidents/{id}, login, 200, 200, 200",
      "/incidents/{id}/live, login, 200, 200, 200",
      "/services, login, 200, 200, 200",
      "/services/api, login, 200, 200, 200",
      "/services/api?range=7d, login, 200, 200, 200",
      "/services/api?range=90d, login, 200, 200, 200",
      "/services/api?range=1y, login, 400, 400, 400",
      "/incidents/{id}/postmortem, login, 200, 200, 200",
      "/incidents/{id}/postmortem.md, login, 200, 200, 200",
      "/incidents/0/postmortem, login, 404, 404, 404",
      "/admin/accounts, login, 403, 403, 200",
      "/schedules, login, 200, 200, 200",
      "/schedules/platform-primary, login, 200, 200, 200",
      "/schedules/platform-primary?week=2026-03-02, login, 200, 200, 200",
      "/schedules/nope, login, 404, 404, 404",
      "/schedules/platform-primary?week=March, login, 400, 400, 400",
      "/teams, login, 200, 200, 200",
      "/teams/platform, login, 200, 200, 200",
      "/teams/nope, login, 404, 404, 404",
      "/users, login, 200, 200, 200",
      "/users/alice, login, 200, 200, 200",
      "/users/nope, login, 404, 404, 404",
      "/integrations, login, 200, 200, 200",
      "/integrations/events-api, login, 200, 200, 200",
      "/integrations/nope, login, 404, 404, 404",
      "/slos, login, 200, 200, 200",
      "/slos?team=nope, login, 400, 400, 400",
      "/slos/nope, login, 404, 404, 404",
      "/coverage, login, 200, 200, 200",
      "/coverage?tier=9, login, 400, 400, 400",
      "/changes, login, 200, 200, 200",
      "/changes?outcome=nope, login, 400, 400, 400",
      "/login, 200, 302, 302, 302",
      "/setup, 302, 302, 302, 302",
      "/css/vigil.css, 200, 200, 200, 200",
      "/webjars/htmx.org/dist/htmx.min.js, 200, 200, 200, 200",
      "/favicon.svg, 200, 200, 200, 200",
      "/css/status.css, 200, 200, 200, 200",
      "/status/nope, 404, 404, 404, 404",
      "/status/nope/feed.rss, 404, 404, 404, 404",
      "/status/nope/feed.atom, 404, 404, 404, 404",
      "/status/nope/badge.svg, 404, 404, 404, 404",
      "/status/nope/subscribe, 404, 404, 404, 404",
      "/status/nope/confirm/some-token, 404, 404, 404, 404",
      "/status/nope/unsubscribe/some-token, 404, 404, 404, 404",
      "/status, 404, 404, 404, 404",
      "/status/nope/anything/else, 404, 404, 404, 404",
      "/favicon.ico, 200, 200, 200, 200",
  })
  void pages(String path, String anonymous, String viewer, String responder, String admin) {
    Map<String, String> expected = Map.of("anonymous", anonymous, "viewer", viewer, "responder", responder,
        "admin", admin);
    expected.forEach((role, outcome) -> {
      WebSession.Page page = as(role).get(path(path));
      if (outcome.equals("login")) {
        assertThat(page.status()).as("%s GET %s", role, path).isEqualTo(302);
        assertThat(page.location()).as("%s GET %s", role, path).isEqualTo("/login");
      } else {
        assertThat(page.status()).as("%s GET %s: %s", role, path, page.body()).isEqualTo(Integer.parseInt(outcome));
      }
    });
  }

  /** Form, and the lowest role allowed; lower roles get 403, anonymous visitors go to the sign-in page. */
  @ParameterizedTest(name = "POST {0} needs {1}")
  @CsvSource({
      "/incidents/{id}/acknowledge, responder",
      "/incidents/{id}/escalate, responder",
      "/incidents/{id}/notes, responder",
      "/incidents/{id}/resolve, responder",
      "/admin/accounts, admin",
      "/admin/accounts/1, admin",
      "/admin/accounts/1/password, admin",
      "/admin/accounts/1/enable, admin",
      "/integrations/events-api/test, admin",
  })
  void forms(String path, String lowest) {
    int rank = rank(lowest);
    for (String role : new String[] {"anonymous", "viewer", "responder", "admin"}) {
      Map<String, String> form = Map.of("text", "looking", "username", "newcomer-" + role,
          "password", "another long password", "confirm", "another long password", "role", "admin");
      WebSession session = as(role);
      session.get("/login");
      assertThat(session.postWithoutCsrf(path(path), form).status()).as("%s without CSRF token", role)
          .isEqualTo(403);
      if (role.equals("anonymous")) {
        session.get("/login");
        assertThat(session.post(path(path), form).location()).as("anonymous with a CSRF token").isEqualTo("/login");
        continue;
      }
      session.get("/");
      WebSession.Page page = session.post(path(path), form);
      if (rank(role) < rank) {
        assertThat(page.status()).as("%s POST %s", role, path).isEqualTo(403);
      } else {
        assertThat(page.status()).as("%s POST %s: %s", role, path, page.body()).isEqualTo(302);
        assertThat(page.location()).doesNotStartWith("/login");
      }
    }
  }

  /**
   * The schedule forms: anonymous visitors go to the sign-in page, viewers get 403, and responders and admins reach
   * the page, which answers these accounts (not linked to a catalog user; a file's override) with its error.
   */
  @ParameterizedTest(name = "POST {0}: responder and admin get {1}")
  @CsvSource({
      "/schedules/platform-primary/take, 400, not linked to a catalog user",
      "/schedules/platform-primary/overrides/file-1/remove, 409, is declared in /etc/vigil-web.yaml",
      "/incidents/987654321/changes/nope/verdict, 400, cause: expected true or false",
  })
  void scheduleForms(String path, int reached, String message) {
    Map<String, String> form = Map.of("start", "2026-03-02T09:00:00Z", "end", "2026-03-03T09:00:00Z");
    for (String role : new String[] {"anonymous", "viewer", "responder", "admin"}) {
      WebSession.Page page = postAs(role, path, form);
      if (page == null) {
        continue;
      }
      if (role.equals("viewer")) {
        assertThat(page.status()).as("viewer POST %s", path).isEqualTo(403);
      } else {
        assertThat(page.status()).as("%s POST %s: %s", role, path, page.body()).isEqualTo(reached);
        assertThat(page.body()).contains(message);
      }
    }
  }

  /**
   * The forms that run an incident and its postmortem, with valid input: anonymous visitors go to the sign-in page,
   * viewers get 403, responders and admins what the form answers ({@code {item}} is a new action item each time).
   */
  @ParameterizedTest(name = "POST {0}: responder and admin get {2}")
  @CsvSource(delimiter = '|', value = {
      "/incidents/{id}/severity | severity=SEV1;reason=customers see errors | 302",
      "/incidents/{id}/responders | target=user:carol;message=help | 302",
      "/incidents/{id}/roles | role=scribe;user=carol | 302",
      "/incidents/{id}/status-updates | message=We are on it | 302",
      "/incidents/{id}/postmortem | | 302",
      "/incidents/{id}/postmortem/document | summary=Disk full;status=draft | 302",
      "/incidents/{id}/postmortem/preview | summary=**Disk** full | 200",
      "/incidents/{id}/postmortem/action-items | title=Add a disk alert | 302",
      "/incidents/{id}/postmortem/action-items/{item} | status=done | 302",
      "/incidents/{id}/postmortem/action-items/{item}/delete | | 302",
  })
  void incidentForms(String path, String fields, int reached) {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    if (fields != null) {
      for (String pair : fields.split(";")) {
        form.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    for (String role : new String[] {"anonymous", "viewer", "responder", "admin"}) {
      String target = path(path).replace("{item}", path.contains("{item}") ? String.valueOf(actionItem()) : "");
      WebSession.Page page = postAs(role, target, form);
      if (page == null) {
        continue;
      }
      assertThat(page.status()).as("%s POST %s: %s", role, target, page.body())
          .isEqualTo(role.equals("viewer") ? 403 : reached);
      if (reached == 302 && !role.equals("viewer")) {
        assertThat(page.location()).startsWith("/incidents/" + incident);
      }
    }
  }

  /**
   * Posts a form as {@code role}: first without its CSRF token (always 403), then with it. An anonymous visitor is
   * sent to the sign-in page (checked here; null is returned); for the others, the answer.
   */
  WebSession.Page postAs(String role, String path, Map<String, String> form) {
    WebSession session = as(role);
    session.get("/login");
    assertThat(session.postWithoutCsrf(path, form).status()).as("%s without CSRF token", role).isEqualTo(403);
    if (role.equals("anonymous")) {
      session.get("/login");
      assertThat(session.post(path, form).location()).as("anonymous with a CSRF token").isEqualTo("/login");
      return null;
    }
    session.get("/");
    return session.post(path, form);
  }

  /** Status page forms need no sign-in, but do need the CSRF token of the session that loaded them. */
  @ParameterizedTest(name = "POST {0} is public with a CSRF token")
  @CsvSource({"/status/nope/subscribe", "/status/nope/confirm/some-token", "/status/nope/unsubscribe/some-token"})
  void statusPageForms(String path) {
    for (String role : new String[] {"anonymous", "viewer"}) {
      WebSession session = as(role);
      session.get("/login");
      assertThat(session.postWithoutCsrf(path, Map.of("kind", "email")).status()).as("%s without CSRF", role)
          .isEqualTo(403);
      assertThat(session.post(path, Map.of("kind", "email")).status()).as("%s with a CSRF token", role)
          .isEqualTo(404);
    }
  }

  static int rank(String role) {
    return switch (role) {
      case "viewer" -> 1;
      case "responder" -> 2;
      case "admin" -> 3;
      default -> 0;
    };
  }

  @Test
  void aBackgroundRefreshAfterTheSessionEndedAsksHtmxToLoadTheSignInPage() {
    WebSession.Page page = new WebSession(port).get("/incidents/rows", Map.of("HX-Request", "true"));
    assertThat(page.status()).isEqualTo(401);
    assertThat(page.headers().firstValue("HX-Redirect")).hasValue("/login");
  }

  @Test
  void signOutEndsTheSession() {
    WebSession session = as("viewer");
    assertThat(session.get("/").status()).isEqualTo(200);
    assertThat(session.post("/logout", Map.of()).location()).isEqualTo("/login?signedOut");
    assertThat(session.get("/").location()).isEqualTo("/login");
  }

  @Test
  void uiPagesSendSecurityHeaders() {
    WebSession.Page page = as("viewer").get("/");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
  }

  @Test
  void theApiStillAnswersWithProblemsAndNeedsItsToken() {
    Api api = new Api(port);
    assertThat(api.get("/api/v1/incidents", null).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/incidents", IntegrationTest.ADMIN_TOKEN).status()).isEqualTo(200);
    // A UI session cookie is no credential for the API.
    WebSession session = as("admin");
    assertThat(session.get("/api/v1/incidents").status()).isEqualTo(401);
  }
}
