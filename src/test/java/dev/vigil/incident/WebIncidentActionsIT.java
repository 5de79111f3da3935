package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.WebSession;
import dev.vigil.WebTestCatalog;
import dev.vigil.catalog.CatalogService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The incident detail page's forms: severity with a reason, more responders, roles, a status update and starting
 * the postmortem. Each lands on the timeline; bad input is a 4xx with the message next to its form; viewers and
 * posts without a CSRF token are refused.
 */
@IntegrationTest
class WebIncidentActionsIT {

  static final String PASSWORD = "correct horse battery";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  Api api;
  long id;

  @BeforeEach
  void setUp() {
    WebTestCatalog.apply(jdbc, catalog);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "bob", PASSWORD, "responder", "bob");
    WebSession.account(jdbc, "vera", PASSWORD, "viewer", null);
    api = new Api(port);
    id = WebTestCatalog.trigger(api, "events-api", "latency", "API latency high");
  }

  WebSession as(String username) {
    WebSession web = new WebSession(port);
    assertThat(web.signIn(username, PASSWORD).location()).isEqualTo("/");
    return web;
  }

  String page() {
    return "/incidents/" + id;
  }

  List<String> timeline(String kind) {
    return WebTestCatalog.events(jdbc, id, kind);
  }

  /** The part of a page from the element with this id on. */
  static String from(String html, String elementId) {
    int at = html.indexOf("id=\"" + elementId + "\"");
    assertThat(at).as("element %s", elementId).isNotNegative();
    return html.substring(at);
  }

  @Test
  void changingTheSeverityNeedsAReasonAndShowsOnTheTimeline() {
    WebSession bob = as("bob");
    String before = bob.get(page()).body();
    assertThat(before).contains("id=\"form-severity\"").contains("<option value=\"SEV1\"")
        .contains("id=\"incident-severity\" class=\"badge severity\">SEV2<");

    WebSession.Page noReason = bob.post(page() + "/severity", Map.of("severity", "SEV1", "reason", " "));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(from(noReason.body(), "error-severity")).startsWith("id=\"error-severity\"")
        .contains("reason: changing the severity needs a reason");
    assertThat(noReason.body()).contains("<details class=\"panel\" open=\"open\">");

    WebSession.Page unknown = bob.post(page() + "/severity", Map.of("severity", "SEV9", "reason", "<b>why</b>"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("severity: &#39;SEV9&#39; is not one of SEV1, SEV2, SEV3, SEV4")
        .contains("&lt;b&gt;why&lt;/b&gt;</textarea>").doesNotContain("<b>why");
    assertThat(timeline("severity_changed")).isEmpty();

    WebSession.Page changed = bob.post(page() + "/severity", Map.of("severity", "SEV1",
        "reason", "payments <failing> for every customer"));
    assertThat(changed.status()).isEqualTo(302);
    assertThat(changed.location()).isEqualTo(page());
    assertThat(timeline("severity_changed")).singleElement().asString().startsWith("bob:web:")
        .contains("\"to\": \"SEV1\"").contains("\"from\": \"SEV2\"")
        .contains("payments <failing> for every customer");
    String after = bob.get(page()).body();
    assertThat(after).contains("Severity set to SEV1.").contains(">SEV1</span>")
        .contains("payments &lt;failing&gt; for every customer");
  }

  @Test
  void pagingMoreRespondersTakesAUserATeamOrASchedule() {
    WebSession bob = as("bob");
    String form = from(bob.get(page()).body(), "form-responders");
    assertThat(form).contains("value=\"user:carol\"").contains("value=\"team:payments\"")
        .contains("value=\"schedule:platform-primary\"");

    assertThat(bob.post(page() + "/responders", Map.of("target", "team:payments", "message", "need payments"))
        .location()).isEqualTo(page());
    assertThat(bob.post(page() + "/responders", Map.of("target", "schedule:platform-primary")).location())
        .isEqualTo(page());
    assertThat(timeline("responders_requested")).hasSize(2).first().asString()
        .contains("{\"team\": \"payments\"}").contains("need payments");

    WebSession.Page none = bob.post(page() + "/responders", Map.of("target", ""));
    assertThat(none.status()).isEqualTo(400);
    assertThat(from(none.body(), "error-responders")).contains("target: choose a person, a team or a schedule");
    WebSession.Page nobody = bob.post(page() + "/responders", Map.of("target", "user:nobody", "message", "kept"));
    assertThat(nobody.status()).isEqualTo(400);
    assertThat(from(nobody.body(), "error-responders")).contains("targets[0].user: no user named &#39;nobody&#39;")
        .contains(">kept</textarea>");
    WebSession.Page garbled = bob.post(page() + "/responders", Map.of("target", "pager:alice"));
    assertThat(garbled.status()).isEqualTo(400);
    assertThat(garbled.body()).contains("is not user:NAME, team:NAME or schedule:NAME");

    api.post("/api/v1/incidents/" + id + "/resolve", IntegrationTest.ADMIN_TOKEN, "{}");
    WebSession.Page resolved = bob.post(page() + "/responders", Map.of("target", "user:carol"));
    assertThat(resolved.status()).isEqualTo(409);
    assertThat(resolved.body()).contains("is resolved; there is nothing to respond to");
  }

  @Test
  void rolesAreGivenToUsersOfTheCatalog() {
    WebSession bob = as("bob");
    assertThat(bob.post(page() + "/roles", Map.of("role", "commander", "user", "alice")).location())
        .isEqualTo(page());
    assertThat(bob.get(page()).body()).contains("id=\"role-commander\">alice<");
    assertThat(timeline("role_assigned")).singleElement().asString().contains("\"user\": \"alice\"");
    WebSession.Page bad = bob.post(page() + "/roles", Map.of("role", "captain", "user", "alice"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(from(bad.body(), "error-roles")).contains("role: &#39;captain&#39; is not one of");
    WebSession.Page noUser = bob.post(page() + "/roles", Map.of("role", "scribe", "user", ""));
    assertThat(noUser.status()).isEqualTo(400);
    assertThat(noUser.body()).contains("user: required");
  }

  @Test
  void aStatusUpdateBoxIsEmptyWithAnExampleForTheStatusAndTheSeveritysTemplate() {
    WebSession bob = as("bob");
    String form = from(bob.get(page()).body(), "form-status-update");
    // Empty, so that what a person types is all that is sent; the text for the status is only an example.
    assertThat(form).contains("placeholder=\"For example: We are investigating a problem affecting api.\"")
        .containsPattern("<textarea id=\"status-message\"[^>]*></textarea>")
        .contains("[SEV2] API latency high: triggered").contains("[your message]")
        .contains("Affected: api, payment");

    WebSession.Page blank = bob.post(page() + "/status-updates", Map.of("message", "  "));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(from(blank.body(), "error-statusUpdate")).contains("message: a status update needs some text");

    WebSession.Page sent = bob.post(page() + "/status-updates", Map.of("message", "Rolling back <v2>."));
    assertThat(sent.location()).isEqualTo(page());
    assertThat(timeline("status_update")).singleElement().asString().startsWith("bob:web:")
        .contains("Rolling back <v2>.");
    String after = bob.get(page()).body();
    assertThat(after).contains("Status update sent to 0 stakeholders.");
    assertThat(from(after, "status-updates")).contains("Rolling back &lt;v2&gt;.");
  }

  @Test
  void thePostmortemIsStartedFromTheIncidentAndLinked() {
    WebSession bob = as("bob");
    assertThat(bob.get(page()).body()).contains("id=\"action-postmortem\"").doesNotContain("id=\"postmortem-link\"");
    WebSession.Page started = bob.post(page() + "/postmortem", Map.of());
    assertThat(started.location()).isEqualTo(page() + "/postmortem");
    assertThat(jdbc.sql("select required from postmortem where incident_id = :id").param("id", id)
        .query(Boolean.class).single()).isFalse();
    assertThat(timeline("postmortem_updated")).singleElement().asString().startsWith("bob:web:");
    String after = bob.get(page()).body();
    assertThat(after).contains("id=\"postmortem-link\"").doesNotContain("id=\"action-postmortem\"");
    // Again: the same postmortem, nothing new on the timeline.
    assertThat(bob.post(page() + "/postmortem", Map.of()).location()).isEqualTo(page() + "/postmortem");
    assertThat(timeline("postmortem_updated")).hasSize(1);
    assertThat(bob.post("/incidents/" + (id + 1000) + "/postmortem", Map.of()).status()).isEqualTo(404);
  }

  @Test
  void viewersSeeNoFormsAndTheirPostsAreRefused() {
    WebSession vera = as("vera");
    String html = vera.get(page()).body();
    assertThat(html).doesNotContain("form-severity").doesNotContain("form-responders")
        .doesNotContain("form-status-update").doesNotContain("action-postmortem");
    for (String action : new String[] {"severity", "responders", "roles", "status-updates", "postmortem"}) {
      WebSession.Page refused = vera.post(page() + "/" + action, Map.of("severity", "SEV1", "reason", "r",
          "target", "user:carol", "role", "scribe", "user", "carol", "message", "m"));
      assertThat(refused.status()).as(action).isEqualTo(403);
    }
    WebSession bob = as("bob");
    bob.get(page());
    assertThat(bob.postWithoutCsrf(page() + "/severity", Map.of("severity", "SEV1", "reason", "r")).status())
        .isEqualTo(403);
    assertThat(timeline("severity_changed")).isEmpty();
    assertThat(jdbc.sql("select count(*) from postmortem where incident_id = :id").param("id", id)
        .query(Integer.class).single()).isZero();
  }
}
