package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.system.PublicUrl;
import dev.vigil.system.TestClock;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every channel promises the delivery engine, stated once and run against each channel with its provider
 * stood in for locally (GreenMail, real HTTP sinks, a server speaking Twilio's API): a page arrives, failures say
 * whether a retry can help, credentials stay out of error messages, a retry carries the message's identity where
 * the provider takes one, and every link points at Vigil's public URL.
 */
class ChannelContractTest {

  static final String PUBLIC_URL = "https://vigil.example.com";
  static final String TITLE = "Checkout answers 503";
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One attempt to send: a channel and the message handed to it. */
  record Attempt(Channel channel, Message message) {
    String send() throws ChannelException {
      return channel.send(message);
    }
  }

  /**
   * What a provider received for one message.
   *
   * @param content the message as its reader gets it (decoded), to look for the incident in
   * @param links every link in it that a reader or the provider may follow
   * @param identity the message's identity as the provider was told it (a Message-ID, an Idempotency-Key); null
   *     where the provider takes none
   */
  record Delivery(String content, List<String> links, String identity) {}

  /** A channel wired to a local stand-in for its provider, and the ways that provider can fail. */
  interface Rig extends AutoCloseable {

    ContactType type();

    /** A page the provider accepts. */
    Attempt page();

    /** A message the provider refuses for good (an unknown address or number, a removed webhook). */
    Attempt refused();

    /** A message sent while the provider fails in a way that passes (5xx, throttling, a mail server away). */
    Attempt duringOutage();

    /** A message to a provider nobody listens for. */
    Attempt unreachable();

    /** What the provider received, in order. */
    List<Delivery> received() throws Exception;

    /** Credentials and secret addresses the channel was given; no error may show them. */
    List<String> secrets();

    @Override
    void close();
  }

  static Stream<Rig> rigs() {
    return Stream.of(new EmailRig(), new SlackRig(), new TeamsRig(), new WebhookRig(), new SmsRig(), new VoiceRig());
  }

  static Message page(ContactType type, String address) {
    return TestMessages.message(type, address, TestMessages.incident(42, TITLE), TestMessages.incident(43, "x"));
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>|\\\\)\\]&]+");

  static List<String> urls(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = URL.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  @Test
  void everyContactMethodHasItsChannelInTheSuite() {
    List<ContactType> covered = new ArrayList<>();
    rigs().forEach(rig -> {
      try (rig) {
        assertThat(rig.page().channel().type()).isEqualTo(rig.type());
        covered.add(rig.type());
      }
    });
    assertThat(covered).containsExactlyInAnyOrder(ContactType.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rigs")
  void aPageReachesTheProviderAndSaysWhichIncident(Rig rig) throws Exception {
    String id = rig.page().send();

    assertThat(id).isNotBlank();
    assertThat(rig.received()).singleElement().satisfies(d -> assertThat(d.content()).contains("42", TITLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rigs")
  void aRetryCarriesTheMessagesIdentityWhereTheProviderTakesOne(Rig rig) throws Exception {
    Attempt page = rig.page();
    String first = page.send();
    String second = page.send();

    List<Delivery> received = rig.received();
    assertThat(received).hasSize(2);
    if (received.get(0).identity() != null) {
      assertThat(received).extracting(Delivery::identity).containsOnly(first)
          .allSatisfy(identity -> assertThat(identity).contains(page.message().idempotencyKey()));
      assertThat(second).isEqualTo(first);
    } else {
      assertThat(received).extracting(Delivery::identity).containsOnlyNulls();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rigs")
  void aRefusalIsPermanent(Rig rig) {
    fails(rig.refused(), true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rigs")
  void anOutageIsWorthRetrying(Rig rig) {
    fails(rig.duringOutage(), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rigs")
  void anUnreachableProviderIsWorthRetrying(Rig rig) {
    fails(rig.unreachable(), false);
  }

  private static void fails(Attempt attempt, boolean permanent) {
    assertThatThrownBy(attempt::send).isInstanceOfSatisfying(ChannelException.class,
        e -> assertThat(e.permanent()).as(e.getMessage()).isEqualTo(permanent));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rigs")
  void noErrorShowsACredential(Rig rig) {
    assertThat(rig.secrets()).isNotEmpty();
    for (Attempt failing : List.of(rig.refused(), rig.duringOutage(), rig.unreachable())) {
      assertThatThrownBy(failing::send).isInstanceOfSatisfying(ChannelException.class, e -> {
        for (Throwable t = e; t != null; t = t.getCause()) {
          assertThat(String.valueOf(t.getMessage())).doesNotContain(rig.secrets());
        }
      });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rigs")
  void everyLinkPointsAtThePublicUrl(Rig rig) throws Exception {
    rig.page().send();

    List<String> links = rig.received().getFirst().links();
    assertThat(links).isNotEmpty().allSatisfy(link -> assertThat(link).startsWith(PUBLIC_URL + "/"));
  }

  /** Email through GreenMail, a real SMTP server that asks for the configured login. */
  static final class EmailRig implements Rig {
    static final String PASSWORD = "smtp-password-0123456789";
    final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    EmailRig() {
      smtp.start();
      smtp.setUser("pager@vigil.example.com", "pager", PASSWORD);
    }

    EmailChannel channel(int port) {
      return new EmailChannel(new NotifyProperties(null,
          new NotifyProperties.Smtp("127.0.0.1", port, "pager", PASSWORD, "pager@vigil.example.com", false), null,
          null, null, null), new PublicUrl(PUBLIC_URL));
    }

    @Override
    public ContactType type() {
      return ContactType.EMAIL;
    }

    @Override
    public Attempt page() {
      return new Attempt(channel(smtp.getSmtp().getPort()), ChannelContractTest.page(type(), "alice@example.com"));
    }

    @Override
    public Attempt refused() {
      return new Attempt(channel(smtp.getSmtp().getPort()), ChannelContractTest.page(type(), "alice@@example..com <"));
    }

    @Override
    public Attempt duringOutage() {
      return unreachable();
    }

    @Override
    public Attempt unreachable() {
      return new Attempt(channel(closedPort()), ChannelContractTest.page(type(), "alice@example.com"));
    }

    @Override
    public List<Delivery> received() throws Exception {
      List<Delivery> deliveries = new ArrayList<>();
      for (MimeMessage mail : smtp.getReceivedMessages()) {
        String text = String.join("\n", EmailChannelTest.parts(mail, "text/plain"));
        String html = String.join("\n", EmailChannelTest.parts(mail, "text/html"));
        List<String> links = new ArrayList<>(urls(text));
        links.addAll(urls(html));
        deliveries.add(new Delivery(mail.getSubject() + "\n" + text, links, mail.getMessageID()));
      }
      return deliveries;
    }

    @Override
    public List<String> secrets() {
      return List.of(PASSWORD);
    }

    @Override
    public void close() {
      smtp.stop();
    }

    @Override
    public String toString() {
      return "email";
    }
  }

  /** A channel that posts to a webhook URL of its own, against a real local HTTP server. */
  abstract static class WebhookUrlRig implements Rig {
    final HttpSink sink = HttpSink.start();
    final String secretPath;

    WebhookUrlRig(String secretPath) {
      this.secretPath = secretPath;
    }

    abstract Channel channel();

    /** The links in one received body. */
    abstract List<String> links(JsonNode body);

    /** An answer that refuses the message for good. */
    abstract int refusal();

    @Override
    public Attempt page() {
      return new Attempt(channel(), ChannelContractTest.page(type(), sink.url(secretPath)));
    }

    @Override
    public Attempt refused() {
      sink.respond(refusal(), "text/plain", "no_service");
      return page();
    }

    @Override
    public Attempt duringOutage() {
      sink.respond(503, "text/plain", "try again later");
      return page();
    }

    @Override
    public Attempt unreachable() {
      return new Attempt(channel(), ChannelContractTest.page(type(), "http://127.0.0.1:" + closedPort() + secretPath));
    }

    @Override
    public List<Delivery> received() {
      return sink.requests().stream().map(r -> {
        JsonNode body = JSON.readTree(r.body());
        return new Delivery(r.body(), links(body), r.header("Idempotency-Key"));
      }).toList();
    }

    @Override
    public List<String> secrets() {
      return List.of(secretPath.substring(secretPath.lastIndexOf('/') + 1));
    }

    @Override
    public void close() {
      sink.close();
    }

    @Override
    public String toString() {
      return type().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Slack through an incoming webhook, whose URL is itself the credential. */
  static final class SlackRig extends WebhookUrlRig {
    SlackRig() {
      super("/services/T000/B000/SLACKSECRET0123");
    }

    @Override
    public ContactType type() {
      return ContactType.SLACK;
    }

    @Override
    Channel channel() {
      return new SlackChannel(new HttpSender(), JSON, new NotifyProperties(null, null,
          new NotifyProperties.Slack("xoxb-slack-bot-token", null, sink.url("/api")), null, null, null));
    }

    @Override
    int refusal() {
      return 404;
    }

    @Override
    List<String> links(JsonNode body) {
      return urls(body.get("blocks").toString());
    }

    @Override
    public List<String> secrets() {
      return List.of("SLACKSECRET0123", "xoxb-slack-bot-token");
    }
  }

  /** Teams through a workflow webhook, whose URL carries its signature. */
  static final class TeamsRig extends WebhookUrlRig {
    TeamsRig() {
      super("/workflows/abc/triggers/manual/run/TEAMSSIG0123456789");
    }

    @Override
    public ContactType type() {
      return ContactType.TEAMS;
    }

    @Override
    Channel channel() {
      return new TeamsChannel(new HttpSender(), JSON);
    }

    @Override
    int refusal() {
      return 400;
    }

    @Override
    List<String> links(JsonNode body) {
      return urls(body.get("attachments").get(0).get("content").get("actions").toString());
    }
  }

  /** The user's own webhook, signed with the signing secret. */
  static final class WebhookRig extends WebhookUrlRig {
    static final String SIGNING_SECRET = "whsec-contract-0123456789";

    WebhookRig() {
      super("/hooks/HOOKTOKEN0123456789");
    }

    @Override
    public ContactType type() {
      return ContactType.WEBHOOK;
    }

    @Override
    Channel channel() {
      return new WebhookChannel(new HttpSender(), JSON, new NotifyProperties(null, null, null, null,
          new NotifyProperties.Webhook(SIGNING_SECRET), null), new TestClock(Instant.parse("2026-03-01T02:14:00Z")));
    }

    @Override
    int refusal() {
      return 410;
    }

    @Override
    List<String> links(JsonNode body) {
      List<String> links = new ArrayList<>(urls(body.get("links").toString()));
      links.addAll(urls(body.get("incident").toString()));
      links.addAll(urls(body.get("bundled").toString()));
      return links;
    }

    @Override
    public List<String> secrets() {
      return List.of("HOOKTOKEN0123456789", SIGNING_SECRET);
    }
  }

  /** SMS and voice calls through a local server speaking Twilio's API. */
  abstract static class TwilioRig implements Rig {
    final FakeTwilio twilio = new FakeTwilio();

    abstract Channel channel(TwilioProvider provider);

    Channel channel(String baseUrl) {
      return channel(new TwilioProvider(new HttpSender(), JSON, SmsChannelTest.properties(baseUrl,
          FakeTwilio.ACCOUNT_SID, FakeTwilio.AUTH_TOKEN), new PublicUrl(PUBLIC_URL)));
    }

    @Override
    public Attempt page() {
      return new Attempt(channel(twilio.baseUrl()), ChannelContractTest.page(type(), "+4915112345678"));
    }

    @Override
    public Attempt refused() {
      return new Attempt(channel(twilio.baseUrl()), ChannelContractTest.page(type(), FakeTwilio.INVALID_NUMBER));
    }

    @Override
    public Attempt duringOutage() {
      twilio.failWith(503);
      return page();
    }

    @Override
    public Attempt unreachable() {
      return new Attempt(channel("http://127.0.0.1:" + closedPort()), ChannelContractTest.page(type(),
          "+4915112345678"));
    }

    @Override
    public List<Delivery> received() {
      return twilio.requests().stream().map(r -> {
        String form = String.join("\n", Forms.parse(r.body()).values().stream().flatMap(List::stream).toList());
        return new Delivery(form, urls(form), null);
      }).toList();
    }

    @Override
    public List<String> secrets() {
      return List.of(FakeTwilio.AUTH_TOKEN);
    }

    @Override
    public void close() {
      twilio.close();
    }

    @Override
    public String toString() {
      return type().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** SMS through Twilio's Messages API. */
  static final class SmsRig extends TwilioRig {
    @Override
    public ContactType type() {
      return ContactType.SMS;
    }

    @Override
    Channel channel(TwilioProvider provider) {
      return new SmsChannel(provider);
    }
  }

  /** Voice calls through Twilio's Calls API. */
  static final class VoiceRig extends TwilioRig {
    @Override
    public ContactType type() {
      return ContactType.VOICE;
    }

    @Override
    Channel channel(TwilioProvider provider) {
      return new VoiceChannel(provider, new PublicUrl(PUBLIC_URL));
    }
  }
}
