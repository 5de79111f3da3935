package dev.vigil.notify;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.notify.Message.Bulletin;
import dev.vigil.notify.Message.IncidentSummary;
import dev.vigil.notify.Message.Notice;
import dev.vigil.notify.Message.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a page to Slack as a Block Kit message with Acknowledge and Resolve buttons. The address is an incoming
 * webhook URL, or a channel id posted to with the bot token. Each button's value is the signed one-time action
 * token, which {@link SlackActionsController} redeems when someone clicks it.
 */
@Component
class SlackChannel implements Channel {

  static final String ACKNOWLEDGE_ACTION = "vigil_acknowledge";
  static final String RESOLVE_ACTION = "vigil_resolve";

  /** chat.postMessage errors worth retrying; any other error is a refusal of this message or channel. */
  private static final Set<String> TRANSIENT_API_ERRORS = Set.of("ratelimited", "internal_error", "fatal_error",
      "service_unavailable", "request_timeout", "team_added_to_org");

  private final HttpSender http;
  private final JsonMapper json;
  private final NotifyProperties properties;

  SlackChannel(HttpSender http, JsonMapper json, NotifyProperties properties) {
    this.http = http;
    this.json = json;
    this.properties = properties;
  }

  @Override
  public ContactType type() {
    return ContactType.SLACK;
  }

  @Override
  public String send(Message message) throws ChannelException {
    String address = message.address().strip();
    if (address.startsWith("https://") || address.startsWith("http://")) {
      http.post("Slack webhook", address, "application/json", json.writeValueAsString(body(message)), Map.of());
      return message.idempotencyKey();
    }
    return postWithBotToken(address, message);
  }

  private String postWithBotToken(String channel, Message message) throws ChannelException {
    String token = properties.slack().botToken();
    if (NotifyProperties.blank(token)) {
      throw new ChannelException("Slack: '" + channel + "' is not a webhook URL and VIGIL_SLACK_BOT_TOKEN is not set",
          true);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", channel);
    body.putAll(body(message));
    HttpSender.Response response = http.post("Slack chat.postMessage",
        properties.slack().apiBaseUrl() + "/chat.postMessage", "application/json; charset=utf-8",
        json.writeValueAsString(body), Map.of("Authorization", "Bearer " + token));
    JsonNode answer;
    try {
      answer = json.readTree(response.body());
    } catch (RuntimeException e) {
      throw new ChannelException("Slack chat.postMessage answered something other than JSON", false, e);
    }
    if (!answer.path("ok").asBoolean(false)) {
      String error = answer.path("error").asString("unknown_error");
      throw new ChannelException("Slack chat.postMessage to " + channel + " failed: " + error,
          !TRANSIENT_API_ERRORS.contains(error));
    }
    return answer.path("channel").asString(channel) + ":" + answer.path("ts").asString("");
  }

  /** The message: a fallback text for notifications and the blocks. */
  static Map<String, Object> body(Message message) {
    return switch (message.content()) {
      case Page page -> body(message.user(), page);
      case Bulletin bulletin -> body(escape(bulletin.subject()), List.of(
          section("*" + link(bulletin.incident().url(), NotificationText.truncate(
              NotificationText.oneLine(bulletin.subject()), 200)) + "*"),
          section(written(bulletin.text()))));
      case Notice notice -> body(escape(notice.subject()),
          List.of(section("*" + escape(notice.subject()) + "*\n" + written(notice.text()))));
    };
  }

  /** The message with this fallback text and these blocks. */
  private static Map<String, Object> body(String text, List<?> blocks) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text);
    body.put("blocks", blocks);
    return body;
  }

  /** Text as written, kept within a section's limit, with only Slack's control characters escaped. */
  private static String written(String text) {
    return NotificationText.truncate(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), 2900);
  }

  private static Map<String, Object> body(String user, Page page) {
    IncidentSummary incident = page.incident();
    List<Object> blocks = new ArrayList<>();
    blocks.add(section("*" + link(incident.url(), "#" + incident.id() + " " + title(incident)) + "*\n"
        + "*Service:* " + escape(incident.service()) + "   *Urgency:* " + escape(incident.urgency())
        + "   *Status:* " + escape(incident.status())));
    if (!page.bundled().isEmpty()) {
      StringBuilder more = new StringBuilder("*Also open, sent along:*");
      for (IncidentSummary other : page.bundled().subList(0, Math.min(10, page.bundled().size()))) {
        more.append("\n• ").append(link(other.url(), NotificationText.headline(other)));
      }
      if (page.bundled().size() > 10) {
        more.append("\n• and ").append(page.bundled().size() - 10).append(" more");
      }
      blocks.add(section(more.toString()));
    }
    List<Object> buttons = new ArrayList<>();
    ActionLinks.tokenOf(page.acknowledgeUrl())
        .ifPresent(t -> buttons.add(button(ACKNOWLEDGE_ACTION, "Acknowledge", "primary", t)));
    ActionLinks.tokenOf(page.resolveUrl())
        .ifPresent(t -> buttons.add(button(RESOLVE_ACTION, "Resolve", "danger", t)));
    if (!buttons.isEmpty()) {
      blocks.add(Map.of("type", "actions", "block_id", "vigil_incident_" + incident.id(), "elements", buttons));
    }
    blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
        "text", "Paged " + escape(user) + " by Vigil. Each button works once."))));
    return body(escape(NotificationText.headline(incident) + NotificationText.more(page)), blocks);
  }

  private static Map<String, Object> section(String mrkdwn) {
    return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", mrkdwn));
  }

  private static Map<String, Object> button(String actionId, String text, String style, String token) {
    Map<String, Object> button = new LinkedHashMap<>();
    button.put("type", "button");
    button.put("action_id", actionId);
    button.put("text", Map.of("type", "plain_text", "text", text));
    button.put("style", style);
    button.put("value", token);
    return button;
  }

  private static String title(IncidentSummary incident) {
    return NotificationText.truncate(NotificationText.oneLine(incident.title()), 200);
  }

  private static String link(String url, String text) {
    Optional<String> safe = Optional.ofNullable(url).filter(u -> u.startsWith("https://") || u.startsWith("http://"))
        .filter(u -> !u.contains("|") && !u.contains(">"));
    return safe.map(u -> "<" + u + "|" + escape(text).replace("|", "\u2758") + ">").orElse(escape(text));
  }

  /** Slack's mrkdwn escaping: only these three characters have meaning as control sequences. */
  static String escape(String text) {
    return NotificationText.oneLine(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
