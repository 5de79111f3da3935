package dev.vigil.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.Api;
import dev.vigil.IntegrationTest;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The whole path with real parts: an alert through the events API at 00:00 emails the on-call user; nobody acts, so
 * at the step's delay the second person is emailed; the acknowledge link in the email stops the escalation; the
 * incident is resolved; the same alert again re-opens it and pages again. Mail goes to GreenMail, sent by the jobs
 * the scenario runs, so it has arrived when they return.
 */
@ScenarioTest
class EmailPagingIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  static final String CATALOG = """
      version: 1
      teams:
        - name: database
          members: [hugo, mei]
      users:
        - name: hugo
          email: hugo@example.com
          time_zone: Europe/Paris
          contact_methods:
            - type: email
              address: hugo@example.com
        - name: mei
          email: mei@example.com
          contact_methods:
            - type: email
              address: mei@example.com
      schedules:
        - name: database-primary
          time_zone: Europe/Paris
          layers:
            - name: weekly
              rotation: weekly
              start: "2026-01-05T10:00"
              participants: [hugo]
      escalation_policies:
        - name: database
          steps:
            - delay: 5m
              targets: [{schedule: database-primary}]
            - delay: 10m
              targets: [{user: mei}]
      services:
        - name: postgres-primary
          team: database
          tier: 1
          kind: postgres
          escalation_policy: database
      integrations:
        - name: prometheus
          type: events
          service: postgres-primary
      """;

  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    scenario.given(CATALOG);
    api = scenario.api();
  }

  List<String> recipients() {
    return Arrays.stream(smtp.getReceivedMessages()).map(EmailPagingIT::recipient).toList();
  }

  static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void emailEscalationAcknowledgedByTheSignedLink() throws Exception {
    long incident = scenario.alert("pg-primary-down", "PostgreSQL primary is down");

    scenario.runDueJobs().expectPage("hugo");
    assertThat(recipients()).containsExactly("hugo@example.com");
    MimeMessage first = smtp.getReceivedMessages()[0];
    assertThat(first.getSubject()).contains("PostgreSQL primary is down");
    assertThat(GreenMailUtil.getBody(first).replace("=\r\n", "")).as("in Hugo's zone, named")
        .containsPattern("Opened: +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d Europe/Paris").doesNotContain(" UTC");

    scenario.advance(Duration.ofMinutes(5)).runDueJobs().expectPage("mei");
    assertThat(recipients()).containsExactlyInAnyOrder("hugo@example.com", "mei@example.com");

    // Mei acknowledges from her email: the link's page, then its button.
    MimeMessage toMei = Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals("mei@example.com"))
        .findFirst().orElseThrow();
    String body = GreenMailUtil.getBody(toMei);
    assertThat(body).as("Mei has no zone: UTC, named").containsPattern("Opened: +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
    Matcher link = Pattern.compile("/api/v1/actions/[A-Za-z0-9_.=-]+").matcher(body.replace("=\r\n", ""));
    assertThat(link.find()).as(body).isTrue();
    assertThat(body.replace("=\r\n", "")).as("the incident's page, not its API resource")
        .contains("Details:  http://localhost:8080/incidents/" + incident + "\r\n").doesNotContain("/api/v1/incidents");
    String action = link.group();
    assertThat(api.get(action, null).status()).isEqualTo(200);
    assertThat(jdbc.sql("select status from incident").query(String.class).single())
        .as("opening the link alone acts on nothing").isEqualTo("triggered");
    assertThat(api.post(action, null, "").status()).isEqualTo(200);
    JsonNode detail = api.get("/api/v1/incidents/" + incident, IntegrationTest.ADMIN_TOKEN).json();
    assertThat(detail.get("incident").get("status").asString()).isEqualTo("acknowledged");
    JsonNode ack = null;
    for (JsonNode e : detail.get("timeline")) {
      if (e.get("kind").asString().equals("acknowledged")) {
        ack = e;
      }
    }
    assertThat(ack).isNotNull();
    assertThat(ack.get("actor").asString()).isEqualTo(acknowledger(action));
    assertThat(ack.get("channel").asString()).isEqualTo("email");

    scenario.advance(Duration.ofHours(1)).runDueJobs().expectNoPage();
    assertThat(recipients()).as("acknowledged: the escalation stopped").hasSize(2);

    assertThat(api.post("/api/v1/incidents/" + incident + "/resolve", IntegrationTest.ADMIN_TOKEN, "").status())
        .isEqualTo(200);
    assertThat(scenario.alert("pg-primary-down", "PostgreSQL primary is down"))
        .as("re-opened, not a new incident").isEqualTo(incident);
    scenario.runDueJobs().expectPage("hugo");
    // GreenMail lists mail by mailbox, not by arrival: the order is the pages' own, checked above.
    assertThat(recipients()).containsExactlyInAnyOrder("hugo@example.com", "mei@example.com", "hugo@example.com");
    scenario.expectTimeline(incident, "triggered", "notification_queued", "notification_sent", "escalated",
        "acknowledged", "resolved", "reopened");
  }

  private String acknowledger(String action) {
    return jdbc.sql("select user_name from notification where type = 'email' and address = 'mei@example.com'")
        .query(String.class).single();
  }
}
