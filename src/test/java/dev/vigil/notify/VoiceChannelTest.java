package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.catalog.Catalog.ContactType;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import tools.jackson.databind.json.JsonMapper;

/** The voice channel through Twilio's Calls API with inline TwiML, against a local server that speaks it. */
class VoiceChannelTest {

  final FakeTwilio twilio = new FakeTwilio();
  final NotifyProperties properties = SmsChannelTest.properties(twilio.baseUrl(), FakeTwilio.ACCOUNT_SID,
      FakeTwilio.AUTH_TOKEN);
  final VoiceChannel channel = new VoiceChannel(new TwilioProvider(new HttpSender(), JsonMapper.builder().build(),
      properties, SmsChannelTest.VIGIL), SmsChannelTest.VIGIL);

  @AfterEach
  void stop() {
    twilio.close();
  }

  @Test
  void placesACallThatSaysTheIncidentAndAsksForAKey() throws Exception {
    String sid = channel.send(TestMessages.message(ContactType.VOICE, "+4915112345678",
        TestMessages.incident(42, "Payments <failing> & \"slow\""), TestMessages.incident(43, "x")));

    assertThat(sid).startsWith("CA");
    HttpSink.Request request = twilio.requests().get(0);
    assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Calls.json");
    Map<String, List<String>> form = Forms.parse(request.body());
    assertThat(Forms.first(form, "To")).isEqualTo("+4915112345678");
    assertThat(Forms.first(form, "From")).isEqualTo("+15005550006");
    assertThat(Forms.first(form, "StatusCallback")).isEqualTo("https://vigil.example.com/api/v1/twilio/status");

    Document twiml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader(Forms.first(form, "Twiml"))));
    assertThat(twiml.getDocumentElement().getTagName()).isEqualTo("Response");
    var says = twiml.getElementsByTagName("Say");
    assertThat(says.getLength()).as("twice the incident, the prompt, and goodbye if no key comes").isEqualTo(4);
    assertThat(says.item(0).getTextContent()).isEqualTo("Vigil alert. Incident 42, high urgency, on service api. "
        + "Payments <failing> & \"slow\". 1 more incident is open.");
    assertThat(says.item(1).getTextContent()).isEqualTo(says.item(0).getTextContent());
    var gather = (org.w3c.dom.Element) twiml.getElementsByTagName("Gather").item(0);
    assertThat(gather.getAttribute("numDigits")).isEqualTo("1");
    assertThat(gather.getAttribute("action"))
        .isEqualTo("https://vigil.example.com/api/v1/twilio/voice?incident=42&user=alice");
    assertThat(gather.getElementsByTagName("Say").getLength()).as("the incident and the prompt, inside the Gather")
        .isEqualTo(3);
    assertThat(gather.getElementsByTagName("Say").item(2).getTextContent())
        .isEqualTo("Press 4 to acknowledge, or 6 to resolve.");
  }

  @Test
  void failuresFollowTwilioStatus() {
    twilio.failWith(503);
    assertThatThrownBy(() -> channel.send(TestMessages.message(ContactType.VOICE, "+4915112345678",
        TestMessages.incident(42, "x"))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isFalse());
    twilio.failWith(0);
    assertThatThrownBy(() -> channel.send(TestMessages.message(ContactType.VOICE, FakeTwilio.INVALID_NUMBER,
        TestMessages.incident(42, "x"))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isTrue());
  }
}
