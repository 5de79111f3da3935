package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.IntegrationTest;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import dev.vigil.WebSession;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

/**
 * Who has an incident and its story in lines: Elena is paged, her SMS cannot leave (no SMS provider), her email
 * does, she acknowledges two minutes later from its link and has the incident from then on; before that the pages
 * say she is being paged; a responder hands an incident to another person from its page.
 */
@ScenarioTest
class IncidentStoryIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  static final String PASSWORD = "correct horse battery";

  static final String CATALOG = """
      version: 1
      teams:
        - {name: payments, members: [elena, hugo]}
      users:
        - name: elena
          full_name: Elena Popescu
          email: elena@example.com
          contact_methods:
            - {type: sms, address: "+40700000011"}
            - {type: email, address: elena@example.com}
        - {name: hugo, email: hugo@example.com, contact_methods: [{type: email, address: hugo@example.com}]}
      escalation_policies:
        - name: checkout
          steps: [{delay: 10m, targets: [{user: elena}]}]
      services:
        - {name: checkout, team: payments, tier: 1, escalation_policy: checkout}
      integrations:
        - {name: checkout-alerts, type: events, service: checkout}
      """;

  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  WebSession hugo;

  @BeforeEach
  void setUp() {
    scenario.given(CATALOG);
    WebSession.resetAccounts(jdbc);
    WebSession.account(jdbc, "hugo", PASSWORD, "responder", "hugo");
    hugo = WebSession.signedIn(port, "hugo", PASSWORD);
  }

  @Test
  void aPageThatFellBackFromSmsToEmailAndWasAcknowledgedFromTheLinkReadsAsOneLine() {
    long incident = scenario.alert("checkout-5xx", "Checkout answers 503");
    scenario.runDueJobs().expectMessages("email", "elena");

    String before = hugo.get("/incidents/" + incident).body();
    assertThat(text(before, "incident-assignee")).as("nobody has it; the step pages Elena")
        .isEqualTo("nobody yet; paging elena");
    assertThat(row(hugo.get("/").body(), incident)).contains("paging elena");
    assertThat(row(hugo.get("/incidents").body(), incident)).contains("paging elena");

    String body = GreenMailUtil.getBody(smtp.getReceivedMessages()[0]).replace("=\r\n", "");
    Matcher link = Pattern.compile("/api/v1/actions/[A-Za-z0-9_.=-]+").matcher(body);
    assertThat(link.find()).as(body).isTrue();
    scenario.advance(Duration.ofMinutes(2));
    assertThat(scenario.api().post(link.group(), null, "").status()).isEqualTo(200);

    String page = hugo.get("/incidents/" + incident).body();
    String story = HtmlUtils.htmlUnescape(page.substring(page.indexOf("id=\"story\""),
        page.indexOf("id=\"raw-events\"")));
    // The test clock runs on between the steps of one delivery: those delays are said too, to the tenth of a second.
    assertThat(story).containsPattern("Paged Elena Popescu \\(step 1\\): SMS failed \\(Twilio SMS: set "
        + "VIGIL_TWILIO_ACCOUNT_SID[^)]*\\)( [0-9.]+ s later)?, email sent( [0-9.]+ s later)?, acknowledged 2 min"
        + " later from the email link</span>");
    assertThat(story).as("one line per person paged: the acknowledgement is in Elena's")
        .doesNotContain("Acknowledged by").contains("Alert fired: Checkout answers 503");
    assertThat(page).as("the recorded events on demand").contains("<summary>Every recorded event")
        .contains("notification_failed");

    // Whoever acknowledges has the incident.
    assertThat(text(page, "incident-assignee")).isEqualTo("elena");
    assertThat(scenario.api().get("/api/v1/incidents/" + incident, IntegrationTest.ADMIN_TOKEN).json()
        .get("incident").get("assignees").toString()).isEqualTo("[\"elena\"]");
    assertThat(row(hugo.get("/").body(), incident)).contains("<span>elena</span>").doesNotContain("paging");
  }

  @Test
  void aResponderHandsTheIncidentToAnotherPersonFromItsPage() {
    long incident = scenario.alert("checkout-5xx", "Checkout answers 503");
    scenario.runDueJobs();

    WebSession.Page handed = hugo.post("/incidents/" + incident + "/assignee", Map.of("user", "hugo"));
    assertThat(handed.location()).as(handed.body()).isEqualTo("/incidents/" + incident);
    String page = hugo.get("/incidents/" + incident).body();
    assertThat(text(page, "incident-assignee")).as("handed over before anyone acknowledged").isEqualTo("hugo");
    assertThat(page).contains("Handed to hugo by hugo");
    assertThat(row(hugo.get("/incidents").body(), incident)).contains("<span>hugo</span>");
    assertThat(jdbc.sql("select status from incident").query(String.class).single())
        .as("handing over is no acknowledgement: the escalation goes on").isEqualTo("triggered");

    WebSession.Page unknown = hugo.post("/incidents/" + incident + "/assignee", Map.of("user", "nobody"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("assignee: no user named &#39;nobody&#39;");

    // Acknowledging makes the acknowledger the assignee, and a re-opened incident has nobody again.
    hugo.post("/incidents/" + incident + "/assignee", Map.of("user", "elena"));
    assertThat(hugo.post("/incidents/" + incident + "/acknowledge", Map.of()).status()).isEqualTo(302);
    assertThat(assignees()).isEqualTo("{hugo}");
    hugo.post("/incidents/" + incident + "/resolve", Map.of());
    WebSession.Page resolved = hugo.post("/incidents/" + incident + "/assignee", Map.of("user", "elena"));
    assertThat(resolved.status()).isEqualTo(409);
    assertThat(resolved.body()).contains("is resolved; there is nothing left to hand over");
    assertThat(assignees()).as("who had it when it was resolved").isEqualTo("{hugo}");
    assertThat(scenario.alert("checkout-5xx", "Checkout answers 503")).isEqualTo(incident);
    assertThat(assignees()).as("re-opened").isEqualTo("{}");
  }

  private String assignees() {
    return jdbc.sql("select cast(assignees as text) from incident").query(String.class).single();
  }

  /** The text of the element with this id, its markup and surrounding blanks gone. */
  private static String text(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertThat(start).as(id).isPositive();
    String element = html.substring(html.indexOf('>', start) + 1, html.indexOf("</dd>", start));
    return HtmlUtils.htmlUnescape(element.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip());
  }

  /** The incident's row in a page's incident table. */
  private static String row(String html, long incident) {
    int start = html.indexOf("id=\"incident-" + incident + "\"");
    assertThat(start).as(html).isPositive();
    return html.substring(start, html.indexOf("</tr>", start));
  }
}
