package dev.vigil.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.Scenario;
import dev.vigil.ScenarioTest;
import dev.vigil.TestCatalogs;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customer success hears of a contract using its allowed downtime by real email (GreenMail), on a fast-forwarded
 * clock: one notice at 50 %, one at 75 %, one when it is all used, each once however often the job runs; nothing
 * to the responder paged for the incident but the page.
 */
@ScenarioTest
class SlaNoticeIT {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3925, "127.0.0.1", "smtp"));

  static final String CATALOG = """
      version: 1
      teams:
        - name: payments
          members: [ana]
      users:
        - name: ana
          email: ana@example.com
          contact_methods:
            - type: email
              address: ana@example.com
        - name: grace
          email: grace@example.com
          contact_methods:
            - type: email
              address: grace@example.com
      escalation_policies:
        - name: payments
          steps:
            - delay: 5m
              targets: [{user: ana}]
      services:
        - name: payment
          team: payments
          tier: 1
          escalation_policy: payments
      integrations:
        - name: events
          type: events
          service: payment
      customers:
        - name: Fleetline
          contacts: [grace]
          contracts:
            - name: fleetline-payments
              services: [payment]
              availability: 99.9
              period: monthly
      """;

  @Autowired Scenario scenario;
  @Autowired JdbcClient jdbc;

  List<String> slaSubjects() {
    return Arrays.stream(smtp.getReceivedMessages()).map(SlaNoticeIT::subject).filter(s -> s.contains("downtime"))
        .toList();
  }

  static String subject(MimeMessage m) {
    try {
      return m.getAllRecipients()[0] + " " + m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Leaves no open incident and no message waiting behind: the shared application's jobs would otherwise page or
   * notify into the next test class's mailbox when its clock moves on.
   */
  @AfterEach
  void leaveNothingBehind() {
    TestCatalogs.reset(jdbc);
    jdbc.sql("delete from notification where state in ('queued', 'held')").update();
  }

  @Test
  void eachShareOfTheAllowedDowntimeIsAnnouncedOncePerPeriod() {
    // The second day of next month at midnight UTC: a 30-day month allows 43m 12s, a 31-day one 44m 38s, February
    // 40m 19s (28 days) or 41m 46s (29 days).
    YearMonth month = YearMonth.from(scenario.now().atZone(ZoneOffset.UTC)).plusMonths(1);
    scenario.at(month.atDay(2).atStartOfDay(ZoneOffset.UTC).toInstant());
    scenario.given(CATALOG);
    jdbc.sql("delete from sla_notice").update();
    scenario.alert("card-declines", "Card declines above 20%");
    scenario.runDueJobs();
    assertThat(slaSubjects()).isEmpty();

    scenario.advance(Duration.ofMinutes(25)).runDueJobs(); // 56 to 62 % used
    assertThat(slaSubjects()).containsExactly("grace@example.com [Vigil] Fleetline: fleetline-payments has used 50 %"
        + " of its allowed downtime for " + month);
    String body = GreenMailUtil.getBody(smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1])
        .replace("=\r\n", "");
    assertThat(body).contains("Card declines above 20% (payment): 25m").contains("/customers/Fleetline");

    scenario.advance(Duration.ofMinutes(6)).runDueJobs(); // still under 75 % in every month
    scenario.advance(Duration.ofMinutes(5)).runDueJobs(); // 36 min: 80 to 89 %
    scenario.advance(Duration.ofMinutes(5)).runDueJobs();
    scenario.advance(Duration.ofMinutes(10)).runDueJobs(); // 51 min: past the allowed downtime in every month
    scenario.advance(Duration.ofMinutes(10)).runDueJobs();
    assertThat(slaSubjects()).containsExactly(
        "grace@example.com [Vigil] Fleetline: fleetline-payments has used 50 % of its allowed downtime for " + month,
        "grace@example.com [Vigil] Fleetline: fleetline-payments has used 75 % of its allowed downtime for " + month,
        "grace@example.com [Vigil] Fleetline: fleetline-payments has used all of its allowed downtime for " + month);
    assertThat(jdbc.sql("select threshold from sla_notice order by threshold").query(Integer.class).list())
        .containsExactly(50, 75, 100);
  }
}
