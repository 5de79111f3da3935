package dev.vigil.notify;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.notify.Message.Bulletin;
import dev.vigil.notify.Message.IncidentSummary;
import dev.vigil.notify.Message.Notice;
import dev.vigil.notify.Message.Page;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a page to a Microsoft Teams channel through a workflow (or legacy incoming) webhook URL: a message with one
 * Adaptive Card showing the incident, with Action.OpenUrl buttons to the signed acknowledge and resolve links.
 */
@Component
class TeamsChannel implements Channel {

  private final HttpSender http;
  private final JsonMapper json;

  TeamsChannel(HttpSender http, JsonMapper json) {
    this.http = http;
    this.json = json;
  }

  @Override
  public ContactType type() {
    return ContactType.TEAMS;
  }

  @Override
  public String send(Message message) throws ChannelException {
    http.post("Teams webhook", message.address(), "application/json", json.writeValueAsString(body(message)),
        Map.of());
    // Teams webhooks answer without an id for the message.
    return message.idempotencyKey();
  }

  /** The webhook body: a message activity whose one attachment is the Adaptive Card. */
  static Map<String, Object> body(Message message) {
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.put("contentUrl", null);
    attachment.put("content", card(message));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "message");
    body.put("attachments", List.of(attachment));
    return body;
  }

  static Map<String, Object> card(Message message) {
    return switch (message.content()) {
      case Page page -> card(message.user(), page, message.zone());
      case Bulletin bulletin -> {
        String url = bulletin.incident().url();
        yield card(titled(bulletin.subject(), bulletin.text()),
            url == null ? List.of() : List.of(openUrl("Open in Vigil", url)));
      }
      case Notice notice -> card(titled(notice.subject(), notice.text()), List.of());
    };
  }

  /** A subject in bold over its text, as written. */
  private static List<Object> titled(String subject, String text) {
    return List.of(Map.of("type", "TextBlock", "size", "Medium", "weight", "Bolder", "wrap", true,
            "text", NotificationText.oneLine(subject)),
        Map.of("type", "TextBlock", "wrap", true, "text", text));
  }

  private static Map<String, Object> card(String user, Page page, ZoneId zone) {
    IncidentSummary incident = page.incident();
    List<Object> body = new ArrayList<>();
    body.add(Map.of("type", "TextBlock", "size", "Medium", "weight", "Bolder", "wrap", true,
        "text", "#" + incident.id() + " " + NotificationText.markdown(NotificationText.oneLine(incident.title()))));
    body.add(Map.of("type", "FactSet", "facts", List.of(
        fact("Service", incident.service()),
        fact("Urgency", incident.urgency()),
        fact("Status", incident.status()),
        fact("Opened", NotificationText.time(incident.createdAt(), zone)))));
    if (!page.bundled().isEmpty()) {
      StringBuilder more = new StringBuilder("Also open, sent along:");
      for (IncidentSummary other : page.bundled()) {
        more.append("\n- ").append(NotificationText.markdown(NotificationText.headline(other)));
      }
      body.add(Map.of("type", "TextBlock", "wrap", true, "isSubtle", true, "text", more.toString()));
    }
    body.add(Map.of("type", "TextBlock", "wrap", true, "isSubtle", true, "size", "Small",
        "text", "Paged " + NotificationText.markdown(NotificationText.oneLine(user))
            + " by Vigil. Each link works once."));
    List<Object> actions = new ArrayList<>();
    if (page.acknowledgeUrl() != null) {
      actions.add(openUrl("Acknowledge", page.acknowledgeUrl()));
    }
    if (page.resolveUrl() != null) {
      actions.add(openUrl("Resolve", page.resolveUrl()));
    }
    if (incident.url() != null) {
      actions.add(openUrl("Open in Vigil", incident.url()));
    }
    return card(body, actions);
  }

  /** An Adaptive Card of these text blocks and actions. */
  private static Map<String, Object> card(List<?> body, List<?> actions) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    card.put("body", body);
    card.put("actions", actions);
    return card;
  }

  private static Map<String, Object> fact(String title, String value) {
    return Map.of("title", title, "value", NotificationText.markdown(NotificationText.oneLine(value)));
  }

  private static Map<String, Object> openUrl(String title, String url) {
    return Map.of("type", "Action.OpenUrl", "title", title, "url", url);
  }
}
