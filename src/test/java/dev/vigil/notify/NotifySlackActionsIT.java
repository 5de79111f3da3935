package dev.vigil.notify;

import static dev.vigil.notify.NotifyITSupport.lastEvent;
import static dev.vigil.notify.NotifyITSupport.postForm;
import static dev.vigil.notify.NotifyITSupport.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.CatalogService;
import dev.vigil.incident.AlertIngest;
import dev.vigil.system.TestClock;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Slack button clicks on the running application, signed as Slack signs them. */
@IntegrationTest
class NotifySlackActionsIT {

  static final String SIGNING_SECRET = "test-slack-signing-secret";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  @Autowired CatalogQueries queries;
  @Autowired AlertIngest ingest;
  @Autowired ActionLinks links;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  final HttpSink responses = HttpSink.start();

  @BeforeEach
  void setUp() {
    NotifyITSupport.resetCatalog(jdbc, catalog);
  }

  @AfterEach
  void tearDown() {
    responses.close();
  }

  /** The message Vigil posted for an incident, as Slack includes it in a click's payload. */
  Message posted(long id) {
    return new Message(1, "ntf-1-0", ContactType.SLACK, "https://hooks.slack.invalid/services/x", "alice",
        new Message.Page(
            new Message.IncidentSummary(id, "API 5xx above 5%", "api", "triggered", "high", clock.instant(), null, null),
            List.of(), links.acknowledgeUrl(id, "alice", ContactType.SLACK),
            links.resolveUrl(id, "alice", ContactType.SLACK)));
  }

  /** The form body of a click on the button {@code actionId} of the posted message. */
  String click(Message message, String actionId) {
    Map<String, Object> body = SlackChannel.body(message);
    Message.Page page = (Message.Page) message.content();
    String token = ActionLinks.tokenOf(actionId.equals(SlackChannel.ACKNOWLEDGE_ACTION) ? page.acknowledgeUrl()
        : page.resolveUrl()).orElseThrow();
    Map<String, Object> payload = Map.of(
        "type", "block_actions",
        "user", Map.of("id", "U0BOB", "username", "bob", "team_id", "T0"),
        "response_url", responses.url("/actions/T0/1/abc"),
        "message", Map.of("type", "message", "text", body.get("text"), "blocks", body.get("blocks")),
        "actions", List.of(Map.of("type", "button", "action_id", actionId,
            "block_id", "vigil_incident_" + page.incident().id(), "value", token, "action_ts", "1.2")));
    return "payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8);
  }

  HttpResponse<String> send(String body, long timestamp, String secret) {
    String ts = Long.toString(timestamp);
    String signature = "v0=" + JdkHmac.hmacSha256Hex(secret, "v0:" + ts + ":" + body);
    return postForm(port, "/api/v1/slack/actions", body, "X-Slack-Request-Timestamp", ts,
        "X-Slack-Signature", signature);
  }

  long now() {
    return clock.instant().getEpochSecond();
  }

  @Test
  void aSignedClickAcknowledgesAsTheTokensUserAndUpdatesTheMessage() throws Exception {
    long id = NotifyITSupport.openIncident(jdbc, queries, ingest, "API 5xx above 5%");
    Message message = posted(id);

    HttpResponse<String> response = send(click(message, SlackChannel.ACKNOWLEDGE_ACTION), now(), SIGNING_SECRET);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(status(jdbc, id)).isEqualTo("acknowledged");
    assertThat(lastEvent(jdbc, id)).containsExactly("acknowledged", "alice", "slack");

    HttpSink.Request update = responses.await(1).get(0);
    assertThat(update.path()).isEqualTo("/actions/T0/1/abc");
    JsonNode body = JSON.readTree(update.body());
    assertThat(body.get("replace_original").asBoolean()).isTrue();
    List<String> remaining = new java.util.ArrayList<>();
    String note = null;
    for (JsonNode block : body.get("blocks")) {
      if (block.get("type").asString().equals("actions")) {
        block.get("elements").forEach(e -> remaining.add(e.get("action_id").asString()));
      }
      if (block.get("type").asString().equals("context")) {
        note = block.get("elements").get(0).get("text").asString();
      }
    }
    assertThat(remaining).containsExactly(SlackChannel.RESOLVE_ACTION);
    assertThat(note).contains("Acknowledged by alice (clicked by bob)");

    HttpResponse<String> resolve = send(click(message, SlackChannel.RESOLVE_ACTION), now(), SIGNING_SECRET);
    assertThat(resolve.statusCode()).isEqualTo(200);
    assertThat(status(jdbc, id)).isEqualTo("resolved");
    JsonNode resolved = JSON.readTree(responses.await(2).get(1).body());
    assertThat(resolved.toString()).doesNotContain("\"actions\"").contains("Resolved by alice");
  }

  @Test
  void aWrongOrStaleSignatureIsRefusedAndChangesNothing() {
    long id = NotifyITSupport.openIncident(jdbc, queries, ingest, "API 5xx above 5%");
    String body = click(posted(id), SlackChannel.ACKNOWLEDGE_ACTION);

    assertThat(send(body, now(), "not-the-signing-secret").statusCode()).isEqualTo(403);
    assertThat(send(body, now() - Duration.ofMinutes(6).toSeconds(), SIGNING_SECRET).statusCode())
        .as("older than five minutes").isEqualTo(403);
    assertThat(postForm(port, "/api/v1/slack/actions", body).statusCode()).as("unsigned").isEqualTo(403);
    String ts = Long.toString(now());
    assertThat(postForm(port, "/api/v1/slack/actions", body + "&x=1", "X-Slack-Request-Timestamp", ts,
        "X-Slack-Signature", "v0=" + JdkHmac.hmacSha256Hex(SIGNING_SECRET, "v0:" + ts + ":" + body)).statusCode())
        .as("body changed after signing").isEqualTo(403);

    assertThat(status(jdbc, id)).isEqualTo("triggered");
    assertThat(responses.requests()).isEmpty();
  }

  @Test
  void aSecondClickOfTheSameButtonIsToldItWasUsed() throws Exception {
    long id = NotifyITSupport.openIncident(jdbc, queries, ingest, "API 5xx above 5%");
    String body = click(posted(id), SlackChannel.ACKNOWLEDGE_ACTION);
    assertThat(send(body, now(), SIGNING_SECRET).statusCode()).isEqualTo(200);
    assertThat(send(body, now(), SIGNING_SECRET).statusCode()).isEqualTo(200);

    List<HttpSink.Request> updates = responses.await(2);
    JsonNode second = updates.stream().map(r -> JSON.readTree(r.body()))
        .filter(b -> b.path("response_type").asString("").equals("ephemeral")).findFirst().orElseThrow();
    assertThat(second.get("replace_original").asBoolean()).isFalse();
    assertThat(second.get("text").asString()).contains("already been used");
    assertThat(jdbc.sql("select count(*) from incident_event where incident_id = :id and kind = 'acknowledged'")
        .param("id", id).query(Long.class).single()).isEqualTo(1);
  }
}
