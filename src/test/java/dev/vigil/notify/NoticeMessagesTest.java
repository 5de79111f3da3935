package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog.ContactType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A notice (no incident: a heads-up before an on-call shift) as each channel renders it: subject and text, no links. */
class NoticeMessagesTest {

  static final String SUBJECT = "Your on-call shift in payments-primary starts in 2 hours (Mon 2026-03-02 09:00 UTC)";
  static final String TEXT = "You are on call in schedule payments-primary from Mon 2026-03-02 09:00 to ...\n"
      + "Handoff: 1 open incident on payment:\n  #42 high triggered: Card declines <20%> & more (payment)\n";

  static Message notice(ContactType type, String address) {
    return new Message(9, "shift-notice-payments-primary-alice-1", type, address, "alice",
        new Message.Notice(SUBJECT, TEXT));
  }

  @Test
  void emailSubjectAndText() {
    assertThat(NotificationText.subject(notice(ContactType.EMAIL, "alice@example.com"))).isEqualTo("[Vigil] " + SUBJECT);
  }

  @Test
  void smsSaysTheSubjectWithinOneMessage() {
    String text = SmsChannel.text(notice(ContactType.SMS, "+4915112345678"));
    assertThat(text).startsWith("Vigil: Your on-call shift in payments-primary starts in 2 hours");
    assertThat(text.length()).isLessThanOrEqualTo(SmsChannel.SMS_LENGTH);
  }

  @Test
  void voiceSaysTheSubjectTwice() {
    String twiml = VoiceChannel.twiml(notice(ContactType.VOICE, "+4915112345678"), "https://vigil.example.com");
    assertThat(twiml.split("starts in 2 hours", -1)).hasSize(3);
    assertThat(twiml).doesNotContain("Incident");
  }

  @Test
  void slackAndTeamsShowSubjectAndEscapedText() {
    Map<String, Object> slack = SlackChannel.body(notice(ContactType.SLACK, "https://hooks.slack.invalid/x"));
    assertThat(slack.get("text")).isEqualTo(SUBJECT);
    assertThat(slack.get("blocks").toString()).contains("Card declines &lt;20%&gt; &amp; more")
        .doesNotContain("vigil_acknowledge");
    Map<String, Object> card = TeamsChannel.card(notice(ContactType.TEAMS, "https://teams.invalid/x"));
    assertThat(card.get("body").toString()).contains(SUBJECT).contains("Card declines <20%> & more");
    assertThat((List<?>) card.get("actions")).isEmpty();
  }
}
