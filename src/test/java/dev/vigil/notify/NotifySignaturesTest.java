package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request signatures of Twilio and Slack, checked as their documentation describes them. */
class NotifySignaturesTest {

  @Test
  void twilioSignsTheUrlAndTheSortedParameters() {
    // The worked example of Twilio's request validation documentation.
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("CallSid", List.of("CA1234567890ABCDE"));
    params.put("Caller", List.of("+12349013030"));
    params.put("Digits", List.of("1234"));
    params.put("From", List.of("+12349013030"));
    params.put("To", List.of("+18005551212"));
    String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    assertThat(TwilioSignature.compute("12345", url, params)).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    assertThat(TwilioSignature.valid("12345", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
    assertThat(TwilioSignature.valid("12346", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
    assertThat(TwilioSignature.valid("12345", url + "&x=1", params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
    assertThat(TwilioSignature.valid("12345", url, params, null)).isFalse();
    assertThat(TwilioSignature.valid("", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isFalse();
  }

  @Test
  void slackSignsTheTimestampAndRawBodyAndOldRequestsAreRefused() {
    String secret = "8f742231b10e8888abcd99yyyzzz85a5";
    String body = "payload=%7B%22type%22%3A%22block_actions%22%7D";
    Instant now = Instant.ofEpochSecond(1_531_420_618);
    String signature = SlackSignature.compute(secret, "1531420618", body);
    assertThat(signature).matches("v0=[0-9a-f]{64}")
        .isEqualTo("v0=" + JdkHmac.hmacSha256Hex(secret, "v0:1531420618:" + body));

    assertThat(SlackSignature.valid(secret, "1531420618", body, signature, now)).isTrue();
    assertThat(SlackSignature.valid(secret, "1531420618", body, signature, now.plusSeconds(300))).isTrue();
    assertThat(SlackSignature.valid(secret, "1531420618", body, signature, now.plusSeconds(301))).as("replayed")
        .isFalse();
    assertThat(SlackSignature.valid(secret, "1531420618", body, signature, now.minusSeconds(301)))
        .as("from the future").isFalse();
    assertThat(SlackSignature.valid(secret, "1531420618", body + "x", signature, now)).isFalse();
    assertThat(SlackSignature.valid("other", "1531420618", body, signature, now)).isFalse();
    assertThat(SlackSignature.valid(secret, "1531420619", body, signature, now)).isFalse();
    assertThat(SlackSignature.valid(secret, "soon", body, signature, now)).isFalse();
    assertThat(SlackSignature.valid(null, "1531420618", body, signature, now)).isFalse();
    assertThat(SlackSignature.valid(secret, null, body, signature, now)).isFalse();
  }
}
