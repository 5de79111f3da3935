package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.catalog.Catalog.ContactType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Slack channel against a real local HTTP server standing in for an incoming webhook and the Web API. */
class SlackChannelTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  final HttpSink slack = HttpSink.start();

  SlackChannel channel(String botToken) {
    return new SlackChannel(new HttpSender(), JSON, new NotifyProperties(null, null,
        new NotifyProperties.Slack(botToken, null, slack.url("/api")), null, null, null));
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  static List<JsonNode> blocksOfType(JsonNode body, String type) {
    List<JsonNode> found = new ArrayList<>();
    body.get("blocks").forEach(b -> {
      if (b.get("type").asString().equals(type)) {
        found.add(b);
      }
    });
    return found;
  }

  @Test
  void postsBlockKitWithButtonsCarryingTheSignedTokens() throws Exception {
    Message message = TestMessages.message(ContactType.SLACK, slack.url("/services/T000/B000/XXXX"),
        TestMessages.incident(42, "API 5xx <@channel> & <https://evil|click>"), TestMessages.incident(43, "slow"));

    assertThat(channel(null).send(message)).isEqualTo("ntf-7-0");

    assertThat(slack.requests()).hasSize(1);
    HttpSink.Request request = slack.requests().get(0);
    assertThat(request.path()).isEqualTo("/services/T000/B000/XXXX");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("text").asString()).startsWith("#42 high: API 5xx &lt;@channel&gt; &amp;");

    JsonNode first = blocksOfType(body, "section").get(0).get("text");
    assertThat(first.get("type").asString()).isEqualTo("mrkdwn");
    assertThat(first.get("text").asString())
        .startsWith("*<https://vigil.example.com/incidents/42|#42 API 5xx &lt;@channel&gt; &amp; "
            + "&lt;https://evil\u2758click&gt;>*")
        .contains("*Service:* api", "*Urgency:* high", "*Status:* triggered")
        .doesNotContain("<@channel>", "<https://evil");
    assertThat(blocksOfType(body, "section").get(1).get("text").get("text").asString())
        .contains("<https://vigil.example.com/incidents/43|#43 high: slow (api)>");

    JsonNode actions = blocksOfType(body, "actions").get(0);
    assertThat(actions.get("block_id").asString()).isEqualTo("vigil_incident_42");
    JsonNode ack = actions.get("elements").get(0);
    JsonNode resolve = actions.get("elements").get(1);
    assertThat(ack.get("type").asString()).isEqualTo("button");
    assertThat(ack.get("action_id").asString()).isEqualTo("vigil_acknowledge");
    assertThat(ack.get("text").get("type").asString()).isEqualTo("plain_text");
    assertThat(ack.get("text").get("text").asString()).isEqualTo("Acknowledge");
    assertThat(ack.get("style").asString()).isEqualTo("primary");
    assertThat(ack.get("value").asString()).isEqualTo("ACK.TOKEN");
    assertThat(resolve.get("action_id").asString()).isEqualTo("vigil_resolve");
    assertThat(resolve.get("text").get("text").asString()).isEqualTo("Resolve");
    assertThat(resolve.get("value").asString()).isEqualTo("RES.TOKEN");
  }

  @Test
  void webhookRefusalsArePermanentAndOutagesAreNot() {
    Message message = TestMessages.message(ContactType.SLACK, slack.url("/services/T000/B000/XXXX"),
        TestMessages.incident(42, "x"));
    slack.respond(404, "text/plain", "no_service");
    assertThatThrownBy(() -> channel(null).send(message))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("no_service").hasMessageNotContaining("XXXX");
    slack.respond(500, "text/plain", "rollup_error");
    assertThatThrownBy(() -> channel(null).send(message))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isFalse());
  }

  @Test
  void aChannelIdIsPostedWithTheBotToken() throws Exception {
    slack.respond(200, "application/json", "{\"ok\": true, \"channel\": \"C0SRE\", \"ts\": \"1712345678.000100\"}");
    Message message = TestMessages.message(ContactType.SLACK, "C0SRE", TestMessages.incident(42, "x"));

    assertThat(channel("xoxb-test").send(message)).isEqualTo("C0SRE:1712345678.000100");

    HttpSink.Request request = slack.requests().get(0);
    assertThat(request.path()).isEqualTo("/api/chat.postMessage");
    assertThat(request.header("Authorization")).isEqualTo("Bearer xoxb-test");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("channel").asString()).isEqualTo("C0SRE");
    assertThat(blocksOfType(body, "actions")).hasSize(1);
  }

  @Test
  void webApiErrorsArePermanentUnlessTransient() {
    Message message = TestMessages.message(ContactType.SLACK, "C0SRE", TestMessages.incident(42, "x"));
    slack.respond(200, "application/json", "{\"ok\": false, \"error\": \"channel_not_found\"}");
    assertThatThrownBy(() -> channel("xoxb-test").send(message))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("channel_not_found");
    slack.respond(429, "application/json", "{\"ok\": false, \"error\": \"ratelimited\"}");
    assertThatThrownBy(() -> channel("xoxb-test").send(message))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isFalse());
    assertThatThrownBy(() -> channel(null).send(message))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessageContaining("VIGIL_SLACK_BOT_TOKEN");
  }
}
