package dev.vigil.notify;

import dev.vigil.notify.ActionLinks.Action;
import dev.vigil.notify.IncidentActions.Outcome;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/slack/actions}: Slack's interactivity request URL. A click on a page's Acknowledge or Resolve
 * button arrives here signed with the app's signing secret; the button's signed action token says which incident,
 * which action and which Vigil user acts. The answer to Slack is an empty 200 at once; the outcome is posted to the
 * click's {@code response_url}, updating the message.
 */
@RestController
class SlackActionsController {

  private static final Logger log = LoggerFactory.getLogger(SlackActionsController.class);

  private final NotifyProperties properties;
  private final IncidentActions actions;
  private final HttpSender http;
  private final JsonMapper json;
  private final Clock clock;

  SlackActionsController(NotifyProperties properties, IncidentActions actions, HttpSender http, JsonMapper json,
      Clock clock) {
    this.properties = properties;
    this.actions = actions;
    this.http = http;
    this.json = json;
    this.clock = clock;
  }

  /**
   * A click on a message's Acknowledge or Resolve button, as Slack sends it, signed with the app's signing secret;
   * the outcome is posted to the click's {@code response_url}.
   */
  @ApiResponse(responseCode = "200", description = "Taken; the message is updated through its response_url")
  @ApiResponse(responseCode = "400", description = "The payload is not JSON",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "403", description = "X-Slack-Signature is missing, does not match, or is too old",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
  @PostMapping(path = "/api/v1/slack/actions", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> act(@RequestBody(required = false) String body,
      @RequestHeader(name = "X-Slack-Request-Timestamp", required = false) String timestamp,
      @RequestHeader(name = "X-Slack-Signature", required = false) String signature) {
    String raw = body == null ? "" : body;
    if (NotifyProperties.blank(properties.slack().signingSecret())) {
      log.warn("A Slack button click arrived but VIGIL_SLACK_SIGNING_SECRET is not set: refused");
      return refuse();
    }
    if (!SlackSignature.valid(properties.slack().signingSecret(), timestamp, raw, signature, clock.instant())) {
      log.warn("A Slack request was refused: X-Slack-Signature does not match or the timestamp is not recent");
      return refuse();
    }
    JsonNode payload;
    try {
      payload = json.readTree(Forms.first(Forms.parse(raw), "payload"));
    } catch (RuntimeException e) {
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("payload is not JSON\n");
    }
    if (payload == null || !"block_actions".equals(payload.path("type").asString(""))) {
      return ResponseEntity.ok().build();
    }
    String clicker = payload.path("user").path("username").asString(payload.path("user").path("id").asString("?"));
    for (JsonNode action : payload.path("actions")) {
      String actionId = action.path("action_id").asString("");
      if (!actionId.equals(SlackChannel.ACKNOWLEDGE_ACTION) && !actionId.equals(SlackChannel.RESOLVE_ACTION)) {
        continue;
      }
      Outcome outcome = actions.perform(action.path("value").asString(""), "slack");
      if (outcome.status() == IncidentActions.Status.DONE) {
        log.info("Slack user {} clicked {} on incident {} as {}", clicker, actionId, outcome.token().incidentId(),
            outcome.token().user());
      }
      respond(payload, outcome, clicker);
    }
    return ResponseEntity.ok().build();
  }

  /** Tells the channel what happened through the click's response URL, after Slack has had its quick answer. */
  private void respond(JsonNode payload, Outcome outcome, String clicker) {
    String responseUrl = payload.path("response_url").asString("");
    if (responseUrl.isBlank()) {
      return;
    }
    Map<String, Object> response = response(payload, outcome, clicker);
    Thread.ofVirtual().name("slack-response").start(() -> {
      try {
        http.post("Slack response_url", responseUrl, "application/json", json.writeValueAsString(response),
            Map.of());
      } catch (ChannelException e) {
        log.warn("Could not update the Slack message: {}", e.getMessage());
      }
    });
  }

  /**
   * The original message without the clicked button (without any button once resolved) and a line saying who did
   * what; or, when nothing was done, a note only the clicker sees.
   */
  static Map<String, Object> response(JsonNode payload, Outcome outcome, String clicker) {
    Map<String, Object> response = new LinkedHashMap<>();
    String note = switch (outcome.status()) {
      case DONE -> ":white_check_mark: " + (outcome.token().action() == Action.ACKNOWLEDGE ? "Acknowledged"
          : "Resolved") + " by " + SlackChannel.escape(outcome.token().user())
          + " (clicked by " + SlackChannel.escape(clicker) + ")";
      case EXPIRED -> "This button has expired. Open the incident in Vigil to act on it.";
      case USED -> "This button has already been used.";
      default -> "This button is not valid, or its incident no longer exists.";
    };
    JsonNode blocks = payload.path("message").path("blocks");
    if (outcome.status() != IncidentActions.Status.DONE || !blocks.isArray()) {
      response.put("response_type", "ephemeral");
      response.put("replace_original", false);
      response.put("text", note);
      return response;
    }
    boolean resolved = outcome.token().action() == Action.RESOLVE;
    List<Object> kept = new ArrayList<>();
    for (JsonNode block : blocks) {
      if (!"actions".equals(block.path("type").asString(""))) {
        kept.add(block);
        continue;
      }
      List<JsonNode> buttons = new ArrayList<>();
      for (JsonNode element : block.path("elements")) {
        // Once acknowledged only Resolve is left to do; once resolved, nothing.
        if (!resolved && !element.path("action_id").asString("").equals(SlackChannel.ACKNOWLEDGE_ACTION)) {
          buttons.add(element);
        }
      }
      if (!buttons.isEmpty()) {
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("type", "actions");
        copy.put("block_id", block.path("block_id").asString(""));
        copy.put("elements", buttons);
        kept.add(copy);
      }
    }
    kept.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", note))));
    response.put("replace_original", true);
    response.put("text", payload.path("message").path("text").asString(note));
    response.put("blocks", kept);
    return response;
  }

  private static ResponseEntity<String> refuse() {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN)
        .body("X-Slack-Signature is missing, does not match, or is too old.\n");
  }
}
