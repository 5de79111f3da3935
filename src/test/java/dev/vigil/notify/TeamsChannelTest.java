package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.catalog.Catalog.ContactType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Teams channel against a real local HTTP server standing in for a workflow webhook. */
class TeamsChannelTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  final HttpSink teams = HttpSink.start();
  final TeamsChannel channel = new TeamsChannel(new HttpSender(), JSON);

  @AfterEach
  void stop() {
    teams.close();
  }

  @Test
  void postsAMessageWithAnAdaptiveCardAndOpenUrlButtons() throws Exception {
    teams.respond(202, null, null);
    Message message = TestMessages.message(ContactType.TEAMS, teams.url("/workflows/abc/triggers/manual/run"),
        TestMessages.incident(42, "API 5xx above 5%"), TestMessages.incident(43, "search slow"));

    assertThat(channel.send(message)).isEqualTo("ntf-7-0");

    assertThat(teams.requests()).hasSize(1);
    JsonNode body = JSON.readTree(teams.requests().get(0).body());
    assertThat(body.get("type").asString()).isEqualTo("message");
    JsonNode attachment = body.get("attachments").get(0);
    assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
    JsonNode card = attachment.get("content");
    assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
    assertThat(card.get("$schema").asString()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
    assertThat(card.get("version").asString()).isEqualTo("1.4");
    assertThat(card.get("body").get(0).get("text").asString()).isEqualTo("#42 API 5xx above 5%");
    assertThat(card.get("body").get(1).get("type").asString()).isEqualTo("FactSet");
    assertThat(card.get("body").get(1).get("facts").get(0).get("value").asString()).isEqualTo("api");
    assertThat(card.get("body").get(2).get("text").asString()).contains("#43 high: search slow \\(api\\)");
    JsonNode actions = card.get("actions");
    assertThat(actions.size()).isEqualTo(3);
    assertThat(actions.get(0).get("type").asString()).isEqualTo("Action.OpenUrl");
    assertThat(actions.get(0).get("title").asString()).isEqualTo("Acknowledge");
    assertThat(actions.get(0).get("url").asString()).isEqualTo("https://vigil.example.com/api/v1/actions/ACK.TOKEN");
    assertThat(actions.get(1).get("title").asString()).isEqualTo("Resolve");
    assertThat(actions.get(1).get("url").asString()).isEqualTo("https://vigil.example.com/api/v1/actions/RES.TOKEN");
    assertThat(actions.get(2).get("url").asString()).isEqualTo("https://vigil.example.com/incidents/42");
  }

  @Test
  void markdownInAnAlertShowsAsWrittenNotAsLinksOrEmphasis() throws Exception {
    teams.respond(202, null, null);
    channel.send(TestMessages.message(ContactType.TEAMS, teams.url("/hook"),
        TestMessages.incident(42, "[click me](https://evil.example) **now** _x_ <b>")));
    JsonNode card = JSON.readTree(teams.requests().get(0).body()).get("attachments").get(0).get("content");
    assertThat(card.get("body").get(0).get("text").asString())
        .isEqualTo("#42 \\[click me\\]\\(https://evil\\.example\\) \\*\\*now\\*\\* \\_x\\_ \\<b\\>");
  }

  @Test
  void aRefusedWebhookIsPermanentAndAThrottledOneIsNot() {
    Message message = TestMessages.message(ContactType.TEAMS, teams.url("/x"), TestMessages.incident(42, "x"));
    teams.respond(400, "application/json", "{\"error\":{\"code\":\"InvalidRequestContent\"}}");
    assertThatThrownBy(() -> channel.send(message))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isTrue());
    teams.respond(429, "text/plain", "slow down");
    assertThatThrownBy(() -> channel.send(message))
        .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.permanent()).isFalse());
  }
}
