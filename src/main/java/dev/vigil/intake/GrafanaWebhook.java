package dev.vigil.intake;

import dev.vigil.incident.AlertEvent;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the webhook payload of Grafana's unified alerting: Alertmanager's alerts plus links to the dashboard, the
 * panel, the silence page and an image, and the evaluated values, both as Grafana's text and as its map of values by
 * reference ID. Fields Vigil does not use are ignored.
 */
final class GrafanaWebhook {

  static final String SOURCE = "grafana";

  private GrafanaWebhook() {}

  static List<AlertEvent> read(JsonNode body) {
    PayloadReader reader = new PayloadReader();
    // Grafana's "version" is its own payload's ("1"), unrelated to Alertmanager's, so it is not checked.
    JsonNode root = AlertmanagerWebhook.root(body, reader);
    List<AlertEvent> events = AlertmanagerWebhook.alerts(root, reader, SOURCE, GrafanaWebhook::extras);
    reader.throwIfInvalid();
    return events;
  }

  private static void extras(JsonNode alert, String path, PayloadReader reader, List<AlertEvent.Link> links,
      Map<String, String> annotations) {
    AlertmanagerWebhook.link(links, reader.webUrl(alert.get("dashboardURL"), path + ".dashboardURL", false),
        "Dashboard");
    AlertmanagerWebhook.link(links, reader.webUrl(alert.get("panelURL"), path + ".panelURL", false), "Panel");
    AlertmanagerWebhook.link(links, reader.webUrl(alert.get("silenceURL"), path + ".silenceURL", false), "Silence");
    AlertmanagerWebhook.link(links, reader.webUrl(alert.get("imageURL"), path + ".imageURL", false), "Image");
    String values = reader.text(alert.get("valueString"), path + ".valueString", PayloadReader.MAX_VALUE_LENGTH,
        PayloadReader.Overflow.TRUNCATE);
    if (values != null && !values.isBlank()) {
      annotations.putIfAbsent("valueString", values);
    }
    // The structured form, which Grafana keeps when valueString goes: each query or expression's value by its ref ID.
    JsonNode structured = alert.get("values");
    if (structured != null && structured.isObject() && !structured.isEmpty()) {
      String text = reader.jsonText(structured, path + ".values");
      if (text != null) {
        annotations.putIfAbsent("values", text);
      }
    }
  }
}
