package dev.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Heads-up notices on a fast-forwarded clock, by real email (GreenMail): two hours before Ana's shift she gets one
 * mail saying it starts in two hours and listing the open incident of the service the schedule covers; Ben, whose
 * notices are off, gets none; the job running again and again sends nothing twice.
 */
@ScenarioTest
class ShiftNoticeIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  static final String CATALOG = """
      version: 1
      teams:
        - name: payments
          members: [ana, ben]
      users:
        - name: ana
          email: ana@example.com
          time_zone: UTC
          shift_notice:
            before: 2h
          contact_methods:
            - type: email
              address: ana@example.com
        - name: ben
          email: ben@example.com
          shift_notice:
            before: 2h
            enabled: false
          contact_methods:
            - type: email
              address: ben@example.com
      schedules:
        - name: payments-primary
          time_zone: UTC
          layers:
            - rotation: weekly
              start: "%1$s"
              participants: [ana]
        - name: payments-secondary
          time_zone: UTC
          layers:
            - rotation: weekly
              start: "%1$s"
              participants: [ben]
      escalation_policies:
        - name: payments
          steps:
            - delay: 5m
              targets: [{schedule: payments-primary}]
      services:
        - name: payment
          team: payments
          tier: 1
          escalation_policy: payments
      integrations:
        - name: events
          type: events
          service: payment
      """;

  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;

  List<String> recipients() {
    return Arrays.stream(smtp.getReceivedMessages()).map(ShiftNoticeIT::recipient).toList();
  }

  static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theIncomingPersonGetsOneHeadsUpWithTheHandoff() throws Exception {
    // From the start of a minute, so that "starts in 1 hour 50 minutes" below does not depend on the seconds.
    scenario.at(scenario.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)));
    LocalDateTime start = LocalDateTime.ofInstant(scenario.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
        .plusHours(3);
    scenario.given(CATALOG.formatted(start));

    long incident = scenario.alert("card-declines", "Card declines above 20%");
    scenario.runDueJobs().expectNoPage(); // nobody is on call yet

    scenario.advance(Duration.ofMinutes(50)).runDueJobs().expectNoPage();
    assertThat(recipients()).as("three hours ahead, nothing is due").isEmpty();

    scenario.advance(Duration.ofMinutes(20)).runDueJobs(); // 1h50m before the shift: the notice is due
    scenario.expectMessages("email", "ana");
    assertThat(recipients()).containsExactly("ana@example.com");
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("[Vigil] Your on-call shift in payments-primary starts in 1 hour 50"
        + " minutes (" + java.time.format.DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", java.util.Locale.ENGLISH)
        .format(start) + " UTC)");
    String body = GreenMailUtil.getBody(mail).replace("=\r\n", "");
    assertThat(body).contains("Nobody is on call just before you").contains("#" + incident)
        .contains("Card declines above 20%").contains("(payment)")
        .contains("http://localhost:8080/incidents/" + incident + "\r\n").doesNotContain("/api/v1/incidents");

    scenario.advance(Duration.ofMinutes(30)).runDueJobs();
    scenario.advance(Duration.ofHours(2)).runDueJobs();
    assertThat(recipients()).as("once, and never to Ben, whose notices are off").containsExactly("ana@example.com");
    assertThat(jdbc.sql("select count(*) from notification where subject is not null").query(Long.class).single())
        .isEqualTo(1);
  }
}
