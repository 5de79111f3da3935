package dev.vigil.intake;

import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import dev.vigil.intake.PayloadReader.Entries;
import dev.vigil.intake.PayloadReader.Overflow;
import dev.vigil.web.StorableText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Reads one alert event of PagerDuty's Events API v2 (trigger, acknowledge or resolve by {@code dedup_key}) into an
 * alert event whose fingerprint is the dedup key. What PagerDuty requires is required here too; fields Vigil does
 * not use ({@code images}, and the payload of an acknowledge or resolve, which PagerDuty ignores) are ignored.
 */
final class PagerDutyEvent {

  static final String SOURCE = "pagerduty";

  /** PagerDuty's Events API v2 allows these four, whatever severities Vigil itself knows. */
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  private PagerDutyEvent() {}

  /** The routing key of a parsed request, or null when it has none that could be a key. */
  static String routingKey(JsonNode body) {
    JsonNode key = body.isObject() ? body.get("routing_key") : null;
    return key != null && key.isString() && !key.stringValue().isBlank() ? key.stringValue() : null;
  }

  /** The event in {@code body}; a trigger without a dedup key gets a new one from {@code newDedupKey}. */
  static AlertEvent read(JsonNode body, Supplier<String> newDedupKey) {
    PayloadReader reader = new PayloadReader();
    JsonNode root = AlertmanagerWebhook.root(body, reader);
    reader.requiredText(root.get("routing_key"), "routing_key", Integer.MAX_VALUE);
    AlertEvent.Action action = action(reader.text(root.get("event_action"), "event_action", 64), reader);
    String dedupKey = reader.text(root.get("dedup_key"), "dedup_key", PayloadReader.MAX_FINGERPRINT_LENGTH);
    if (dedupKey != null && dedupKey.isBlank()) {
      dedupKey = null;
    }
    if (action == null) {
      reader.throwIfInvalid();
    }
    if (action != AlertEvent.Action.TRIGGER) {
      if (dedupKey == null && PayloadReader.absent(root.get("dedup_key"))) {
        reader.problem("dedup_key", "is required to " + (action == AlertEvent.Action.RESOLVE ? "resolve" : "acknowledge"));
      } else if (dedupKey == null && root.get("dedup_key").isString()) {
        reader.problem("dedup_key", "must not be blank");
      }
      reader.throwIfInvalid();
      return new AlertEvent(SOURCE, dedupKey, action, null, null, Map.of(), Map.of(), List.of(), null, null);
    }
    return trigger(root, reader, dedupKey == null ? newDedupKey.get() : dedupKey);
  }

  private static AlertEvent trigger(JsonNode root, PayloadReader reader, String dedupKey) {
    JsonNode payload = root.get("payload");
    if (PayloadReader.absent(payload)) {
      reader.problem("payload", "is required to trigger");
      reader.throwIfInvalid();
    }
    payload = reader.object(payload, "payload");
    if (payload == null) {
      reader.throwIfInvalid();
    }
    String summary = reader.requiredText(payload.get("summary"), "payload.summary",
        PayloadReader.MAX_SUMMARY_LENGTH);
    String source = reader.requiredText(payload.get("source"), "payload.source", PayloadReader.MAX_VALUE_LENGTH);
    String severity = reader.requiredText(payload.get("severity"), "payload.severity", 64);
    if (severity != null && !SEVERITIES.contains(severity)) {
      reader.problem("payload.severity", "expected critical, error, warning or info, got '" + severity + "'");
    }
    Instant timestamp = reader.time(payload.get("timestamp"), "payload.timestamp");

    Map<String, String> labels = new LinkedHashMap<>();
    label(labels, "source", source);
    for (String name : List.of("component", "group", "class")) {
      label(labels, name, reader.text(payload.get(name), "payload." + name, PayloadReader.MAX_VALUE_LENGTH));
    }
    label(labels, "severity", severity);
    Map<String, String> annotations = details(payload.get("custom_details"), reader);

    List<AlertEvent.Link> links = new ArrayList<>();
    List<JsonNode> given = reader.array(root.get("links"), "links", PayloadReader.MAX_ALERTS, "links");
    for (int i = 0; i < given.size(); i++) {
      String path = "links[" + i + "]";
      JsonNode link = reader.object(given.get(i), path);
      if (link != null) {
        String href = reader.webUrl(link.get("href"), path + ".href", false);
        String text = reader.text(link.get("text"), path + ".text", PayloadReader.MAX_VALUE_LENGTH, Overflow.TRUNCATE);
        AlertmanagerWebhook.link(links, href, text == null || text.isBlank() ? href : text);
      }
    }
    String client = reader.text(root.get("client"), "client", PayloadReader.MAX_VALUE_LENGTH, Overflow.TRUNCATE);
    AlertmanagerWebhook.link(links, reader.webUrl(root.get("client_url"), "client_url", false),
        client == null || client.isBlank() ? "Client" : client);

    reader.throwIfInvalid();
    return new AlertEvent(SOURCE, dedupKey, AlertEvent.Action.TRIGGER, summary, AlertSeverity.parse(severity),
        labels, annotations, links, timestamp, null);
  }

  private static AlertEvent.Action action(String value, PayloadReader reader) {
    if (value == null) {
      reader.problem("event_action", "is required: trigger, acknowledge or resolve");
      return null;
    }
    return switch (value) {
      case "trigger" -> AlertEvent.Action.TRIGGER;
      case "acknowledge" -> AlertEvent.Action.ACKNOWLEDGE;
      case "resolve" -> AlertEvent.Action.RESOLVE;
      default -> {
        reader.problem("event_action", "expected trigger, acknowledge or resolve, got '"
            + PayloadReader.truncate(value, 64) + "'");
        yield null;
      }
    };
  }

  /** Custom details as annotations: each top-level field, nested values as JSON text. */
  private static Map<String, String> details(JsonNode details, PayloadReader reader) {
    Map<String, String> annotations = new LinkedHashMap<>();
    String path = "payload.custom_details";
    if (PayloadReader.absent(details)) {
      return annotations;
    }
    if (!details.isObject()) {
      detail(annotations, "custom_details", details, path, reader);
      return annotations;
    }
    if (!reader.countWithin(Entries.ANNOTATIONS, path, details.size())) {
      return annotations;
    }
    for (Map.Entry<String, JsonNode> entry : details.properties()) {
      String unstorable = StorableText.problem(entry.getKey());
      if (unstorable != null) {
        reader.problem(path, "a name " + unstorable);
      } else if (entry.getKey().length() > PayloadReader.MAX_NAME_LENGTH) {
        reader.problem(path, String.format(Locale.ROOT, "names are at most %,d characters, got one of %,d",
            PayloadReader.MAX_NAME_LENGTH, entry.getKey().length()));
      } else if (!PayloadReader.absent(entry.getValue())) {
        detail(annotations, entry.getKey(), entry.getValue(), path + "." + entry.getKey(), reader);
      }
    }
    reader.sizeWithin(Entries.ANNOTATIONS, path, annotations);
    return annotations;
  }

  private static void detail(Map<String, String> annotations, String name, JsonNode value, String path,
      PayloadReader reader) {
    // Alertmanager puts every alert of a group into custom_details.firing: keep the alert, cut the text.
    String text = reader.jsonText(value, path);
    if (text != null) {
      annotations.put(name, text);
    }
  }

  private static void label(Map<String, String> labels, String name, String value) {
    if (value != null && !value.isBlank()) {
      labels.put(name, value);
    }
  }
}
