package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.system.PublicUrl;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email channel against GreenMail, a real SMTP server in the test JVM. */
class EmailChannelTest {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  static EmailChannel channel(int port) {
    return new EmailChannel(new NotifyProperties(null,
        new NotifyProperties.Smtp("127.0.0.1", port, null, null, "pager@vigil.example.com", false), null, null,
        null, null), new PublicUrl("https://vigil.example.com/"));
  }

  static List<String> parts(Part part, String type) throws Exception {
    List<String> found = new ArrayList<>();
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        found.addAll(parts(child, type));
      }
    } else if (part.isMimeType(type)) {
      found.add((String) part.getContent());
    }
    return found;
  }

  @Test
  void sendsTextAndEscapedHtmlWithTheLinksAndBundledIncidents() throws Exception {
    Message message = TestMessages.message(ContactType.EMAIL, "alice@example.com",
        TestMessages.incident(42, "API 5xx <script>alert(1)</script> & \"more\""),
        TestMessages.incident(43, "Search latency <b>high</b>"));

    String id = channel(smtp.getSmtp().getPort()).send(message);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(mail.getMessageID()).isEqualTo(id).isEqualTo("<vigil.ntf-7-0@vigil.example.com>");
    assertThat(mail.getSubject())
        .isEqualTo("[Vigil] #42 high: API 5xx <script>alert(1)</script> & \"more\" (api) (+1 more)");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("pager@vigil.example.com");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
    assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");

    String text = parts(mail, "text/plain").get(0);
    assertThat(text).contains("#42 API 5xx <script>alert(1)</script>", "Service:  api", "Urgency:  high",
        "Opened:   2026-03-01 02:13 UTC", "Acknowledge: https://vigil.example.com/api/v1/actions/ACK.TOKEN",
        "Resolve:     https://vigil.example.com/api/v1/actions/RES.TOKEN",
        "#43 high: Search latency <b>high</b> (api) https://vigil.example.com/incidents/43");

    String html = parts(mail, "text/html").get(0);
    assertThat(html).doesNotContain("<script>", "<b>high</b>")
        .contains("API 5xx &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;",
            "Search latency &lt;b&gt;high&lt;/b&gt;",
            "href=\"https://vigil.example.com/api/v1/actions/ACK.TOKEN\"",
            "href=\"https://vigil.example.com/api/v1/actions/RES.TOKEN\"",
            "href=\"https://vigil.example.com/incidents/42\"");
  }

  @Test
  void timesReadInTheRecipientsZoneWhichTheMailNames() throws Exception {
    Message utc = TestMessages.message(ContactType.EMAIL, "alice@example.com", TestMessages.incident(42, "API down"));
    Message paris = new Message(utc.notificationId(), utc.idempotencyKey(), utc.type(), utc.address(), utc.user(),
        utc.content(), ZoneId.of("Europe/Paris"));

    channel(smtp.getSmtp().getPort()).send(paris);

    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(parts(mail, "text/plain").get(0)).contains("Opened:   2026-03-01 03:13 Europe/Paris")
        .doesNotContain("UTC");
    assertThat(parts(mail, "text/html").get(0)).contains("2026-03-01 03:13 Europe/Paris").doesNotContain("UTC");
  }

  @Test
  void aRetriedSendCarriesTheSameMessageId() throws Exception {
    EmailChannel channel = channel(smtp.getSmtp().getPort());
    Message message = TestMessages.message(ContactType.EMAIL, "alice@example.com", TestMessages.incident(42, "x"));
    String first = channel.send(message);
    String second = channel.send(message);
    assertThat(second).isEqualTo(first);
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(received[0].getMessageID()).isEqualTo(received[1].getMessageID()).isEqualTo(first);
  }

  @Test
  void anIdempotencyKeyUnfitForAMessageIdIsHashed() {
    String id = channel(25).messageId("ntf 7/0 <x>@y");
    assertThat(id).matches("<vigil\\.[0-9a-f]{40}@vigil\\.example\\.com>");
    assertThat(channel(25).messageId("ntf 7/0 <x>@y")).isEqualTo(id);
  }

  @Test
  void anUnreachableServerIsWorthRetrying() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Message message = TestMessages.message(ContactType.EMAIL, "alice@example.com", TestMessages.incident(42, "x"));
    assertThatThrownBy(() -> channel(closed).send(message))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isFalse())
        .hasMessageContaining("127.0.0.1:" + closed);
  }

  @Test
  void anInvalidAddressIsPermanent() {
    Message message = TestMessages.message(ContactType.EMAIL, "alice@@example..com <",
        TestMessages.incident(42, "x"));
    assertThatThrownBy(() -> channel(smtp.getSmtp().getPort()).send(message))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isTrue());
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }
}
