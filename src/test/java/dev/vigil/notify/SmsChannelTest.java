package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.system.PublicUrl;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The SMS channel through Twilio's Messages API, against a local server that speaks it. */
class SmsChannelTest {

  final FakeTwilio twilio = new FakeTwilio();

  static final PublicUrl VIGIL = new PublicUrl("https://vigil.example.com");

  static NotifyProperties properties(String baseUrl, String accountSid, String authToken) {
    return new NotifyProperties(null, null, null,
        new NotifyProperties.Twilio(baseUrl, accountSid, authToken, "+15005550006"), null, null);
  }

  SmsChannel channel() {
    return new SmsChannel(new TwilioProvider(new HttpSender(), JsonMapper.builder().build(),
        properties(twilio.baseUrl(), FakeTwilio.ACCOUNT_SID, FakeTwilio.AUTH_TOKEN), VIGIL));
  }

  @AfterEach
  void stop() {
    twilio.close();
  }

  @Test
  void sendsTheTextThroughTheMessagesApiWithBasicAuth() throws Exception {
    String sid = channel().send(TestMessages.message(ContactType.SMS, "+4915112345678",
        TestMessages.incident(42, "API 5xx above 5%")));

    assertThat(sid).startsWith("SM");
    assertThat(twilio.requests()).hasSize(1);
    HttpSink.Request request = twilio.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Messages.json");
    assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
        (FakeTwilio.ACCOUNT_SID + ":" + FakeTwilio.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
    Map<String, List<String>> form = Forms.parse(request.body());
    assertThat(form).containsOnlyKeys("To", "From", "Body", "StatusCallback");
    assertThat(Forms.first(form, "To")).isEqualTo("+4915112345678");
    assertThat(Forms.first(form, "From")).isEqualTo("+15005550006");
    assertThat(Forms.first(form, "Body"))
        .isEqualTo("Vigil #42 high api: API 5xx above 5%. Reply 4 to ack, 6 to resolve.");
    assertThat(Forms.first(form, "StatusCallback")).isEqualTo("https://vigil.example.com/api/v1/twilio/status");
  }

  @Test
  void aLongTitleIsShortenedToOneSmsAndBundledIncidentsAreCounted() {
    String title = "Checkout latency p99 above 2 seconds in eu-central-1 for more than fifteen minutes while the"
        + " payment provider reports degraded performance on card authorisations";
    String text = SmsChannel.text(TestMessages.message(ContactType.SMS, "+4915112345678",
        TestMessages.incident(42, title), TestMessages.incident(43, "x"), TestMessages.incident(44, "y")));
    assertThat(text).hasSizeLessThanOrEqualTo(160)
        .startsWith("Vigil #42 high api: Checkout latency p99")
        .endsWith("... (+2 more) Reply 4 to ack, 6 to resolve.");
  }

  @Test
  void twilioRefusingTheNumberIsPermanent() {
    assertThatThrownBy(() -> channel().send(TestMessages.message(ContactType.SMS, FakeTwilio.INVALID_NUMBER,
        TestMessages.incident(42, "x"))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("400").hasMessageContaining("21211");
  }

  @Test
  void aTwilioOutageIsWorthRetrying() {
    twilio.failWith(500);
    assertThatThrownBy(() -> channel().send(TestMessages.message(ContactType.SMS, "+4915112345678",
        TestMessages.incident(42, "x"))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isFalse())
        .hasMessageContaining("500");
    twilio.failWith(429);
    assertThatThrownBy(() -> channel().send(TestMessages.message(ContactType.SMS, "+4915112345678",
        TestMessages.incident(42, "x"))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isFalse());
  }

  @Test
  void wrongCredentialsAreRefusedAndNeverShown() {
    SmsChannel wrong = new SmsChannel(new TwilioProvider(new HttpSender(), JsonMapper.builder().build(),
        properties(twilio.baseUrl(), FakeTwilio.ACCOUNT_SID, "not-the-token"), VIGIL));
    assertThatThrownBy(() -> wrong.send(TestMessages.message(ContactType.SMS, "+4915112345678",
        TestMessages.incident(42, "x"))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("20003").hasMessageNotContaining("not-the-token");
  }

  @Test
  void aNumberNotInE164OrAMissingAccountFailsWithoutAsking() {
    assertThatThrownBy(() -> channel().send(TestMessages.message(ContactType.SMS, "0151 1234 5678",
        TestMessages.incident(42, "x"))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("E.164");
    SmsChannel unconfigured = new SmsChannel(new TwilioProvider(new HttpSender(), JsonMapper.builder().build(),
        NotifyProperties.defaults(), VIGIL));
    assertThatThrownBy(() -> unconfigured.send(TestMessages.message(ContactType.SMS, "+4915112345678",
        TestMessages.incident(42, "x"))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("VIGIL_TWILIO_ACCOUNT_SID");
    assertThat(twilio.requests()).isEmpty();
  }
}
