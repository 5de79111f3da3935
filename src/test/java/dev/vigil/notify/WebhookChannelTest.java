package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.system.TestClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The webhook channel against a real local HTTP receiver that checks the signature as a user's receiver would. */
class WebhookChannelTest {

  static final String SECRET = "whsec-test-0123456789";
  static final JsonMapper JSON = JsonMapper.builder().build();

  final HttpSink receiver = HttpSink.start();
  final TestClock clock = new TestClock(Instant.parse("2026-03-01T02:14:00Z"));

  WebhookChannel channel(String secret) {
    return new WebhookChannel(new HttpSender(), JSON, new NotifyProperties(null, null, null, null,
        new NotifyProperties.Webhook(secret), null), clock);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  /** Verifies a Vigil-Signature the way docs/notifications.md tells receivers to, without Vigil's code. */
  static boolean verify(String header, String body, String secret) {
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv[0].equals("t")) {
        t = kv[1];
      } else if (kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    String expected = JdkHmac.hmacSha256Hex(secret, t + "." + body);
    return expected.equals(v1);
  }

  @Test
  void postsOneSignedJsonBodyWithTheIdempotencyKey() throws Exception {
    Message message = TestMessages.message(ContactType.WEBHOOK, receiver.url("/hooks/vigil?team=sre"),
        TestMessages.incident(42, "API 5xx above 5%"), TestMessages.incident(43, "search slow"));

    String id = channel(SECRET).send(message);

    assertThat(id).isEqualTo("ntf-7-0");
    assertThat(receiver.requests()).hasSize(1);
    HttpSink.Request request = receiver.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/hooks/vigil?team=sre");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Idempotency-Key")).isEqualTo("ntf-7-0");
    String signature = request.header("Vigil-Signature");
    assertThat(signature).startsWith("t=" + clock.instant().getEpochSecond() + ",v1=");
    assertThat(verify(signature, request.body(), SECRET)).isTrue();
    assertThat(verify(signature, request.body(), "another secret")).isFalse();
    assertThat(verify(signature, request.body().replace("42", "24"), SECRET)).isFalse();

    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("event").asString()).isEqualTo("incident.triggered");
    assertThat(body.get("id").asString()).isEqualTo("ntf-7-0");
    assertThat(body.get("recipient").asString()).isEqualTo("alice");
    assertThat(body.get("sentAt").asString()).isEqualTo("2026-03-01T02:14:00Z");
    assertThat(body.get("incident").get("id").asLong()).isEqualTo(42);
    assertThat(body.get("incident").get("title").asString()).isEqualTo("API 5xx above 5%");
    assertThat(body.get("incident").get("service").asString()).isEqualTo("api");
    assertThat(body.get("incident").get("urgency").asString()).isEqualTo("high");
    assertThat(body.get("incident").get("createdAt").asString()).isEqualTo("2026-03-01T02:13:00Z");
    assertThat(body.get("incident").get("url").asString()).as("the API resource, as documented")
        .isEqualTo("https://vigil.example.com/api/v1/incidents/42");
    assertThat(body.get("incident").get("pageUrl").asString()).isEqualTo("https://vigil.example.com/incidents/42");
    assertThat(body.get("bundled").size()).isEqualTo(1);
    assertThat(body.get("bundled").get(0).get("id").asLong()).isEqualTo(43);
    assertThat(body.get("links").get("acknowledge").asString())
        .isEqualTo("https://vigil.example.com/api/v1/actions/ACK.TOKEN");
    assertThat(body.get("links").get("resolve").asString())
        .isEqualTo("https://vigil.example.com/api/v1/actions/RES.TOKEN");
  }

  @Test
  void withoutASecretTheBodyGoesUnsigned() throws Exception {
    channel(null).send(TestMessages.message(ContactType.WEBHOOK, receiver.url("/"), TestMessages.incident(1, "x")));
    assertThat(receiver.requests().get(0).header("Vigil-Signature")).isNull();
    assertThat(receiver.requests().get(0).header("Idempotency-Key")).isEqualTo("ntf-7-0");
  }

  @ParameterizedTest(name = "{0} is permanent: {1}")
  @CsvSource({"400, true", "401, true", "404, true", "410, true", "408, false", "429, false", "500, false",
      "502, false", "503, false", "301, false"})
  void aNon2xxAnswerIsAFailure(int status, boolean permanent) {
    receiver.respond(status, "text/plain", "nope");
    Message message = TestMessages.message(ContactType.WEBHOOK, receiver.url("/secret-path-token"),
        TestMessages.incident(1, "x"));
    assertThatThrownBy(() -> channel(SECRET).send(message))
        .isInstanceOfSatisfying(ChannelException.class, e -> {
          assertThat(e.permanent()).isEqualTo(permanent);
          assertThat(e.getMessage()).contains(String.valueOf(status)).doesNotContain("secret-path-token");
        });
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void anUnreachableReceiverIsWorthRetryingAndABadUrlIsNot() {
    String url = receiver.url("/x");
    receiver.close();
    assertThatThrownBy(() -> channel(SECRET).send(TestMessages.message(ContactType.WEBHOOK, url,
        TestMessages.incident(1, "x"))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isFalse());
    assertThatThrownBy(() -> channel(SECRET).send(TestMessages.message(ContactType.WEBHOOK, "ftp://example.com/x",
        TestMessages.incident(1, "x"))))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isTrue());
  }
}
