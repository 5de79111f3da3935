package dev.vigil.intake;

import dev.vigil.change.ChangeKind;
import dev.vigil.change.NewChange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a PagerDuty Change Event ({@code POST /v2/change/enqueue}) into a change on the integration's service: the
 * payload's summary, its time, and from its custom details the revision (which makes it a deploy of that version),
 * the environment and the user, as Ansible's {@code pagerduty_change} and PagerDuty's CI plugins send them; the first
 * link is the pipeline's URL, and everything sent is kept in the change's details.
 */
final class PagerDutyChangeEvent {

  static final String SOURCE = "pagerduty";
  private static final int MAX_LINKS = 50;
  private static final Set<String> VERSION_KEYS = Set.of("revision", "version");
  private static final Set<String> AUTHOR_KEYS = Set.of("user", "author");

  private PagerDutyChangeEvent() {}

  /** The change in {@code body}, for {@code service}; {@code now} stands in for a time that is missing or ahead. */
  static NewChange read(JsonNode body, String service, Instant now) {
    PayloadReader reader = new PayloadReader();
    JsonNode root = AlertmanagerWebhook.root(body, reader);
    reader.requiredText(root.get("routing_key"), "routing_key", Integer.MAX_VALUE);
    JsonNode payload = reader.object(root.get("payload"), "payload");
    if (payload == null && PayloadReader.absent(root.get("payload"))) {
      reader.problem("payload", "is required");
    }
    reader.throwIfInvalid();
    String summary = reader.requiredText(payload.get("summary"), "payload.summary", PayloadReader.MAX_SUMMARY_LENGTH);
    String source = reader.text(payload.get("source"), "payload.source", PayloadReader.MAX_NAME_LENGTH);
    Instant at = reader.time(payload.get("timestamp"), "payload.timestamp");
    JsonNode custom = reader.object(payload.get("custom_details"), "payload.custom_details");
    Map<String, Object> details = new LinkedHashMap<>();
    String version = null;
    String environment = null;
    String author = null;
    if (custom != null) {
      for (String name : custom.propertyNames()) {
        JsonNode value = custom.get(name);
        String text = value.isString() ? reader.text(value, "payload.custom_details." + name,
            PayloadReader.MAX_VALUE_LENGTH) : reader.jsonText(value, "payload.custom_details." + name);
        details.put(name, text);
        if (value.isString() && !text.isBlank()) {
          if (VERSION_KEYS.contains(name) && version == null) {
            version = text.strip();
          } else if (name.equals("environment")) {
            environment = text.strip().toLowerCase(java.util.Locale.ROOT);
          } else if (AUTHOR_KEYS.contains(name) && author == null) {
            author = text.strip();
          }
        }
      }
    }
    String url = null;
    List<JsonNode> links = reader.array(root.get("links"), "links", MAX_LINKS, "links");
    for (int i = 0; i < links.size(); i++) {
      JsonNode link = reader.object(links.get(i), "links[" + i + "]");
      if (link == null) {
        continue;
      }
      String href = reader.webUrl(link.get("href"), "links[" + i + "].href", true);
      if (href == null && PayloadReader.absent(link.get("href"))) {
        reader.problem("links[" + i + "].href", "is required");
      }
      reader.text(link.get("text"), "links[" + i + "].text", PayloadReader.MAX_VALUE_LENGTH);
      url = url == null ? href : url;
    }
    reader.throwIfInvalid();
    if (source != null && !source.isBlank()) {
      details.put("source", source);
    }
    if (at != null) {
      details.put("timestamp", at.toString());
    }
    // A sender's clock ahead of ours must not put a change in the future, where no incident can look back to it.
    Instant when = at == null || at.isAfter(now) ? now : at;
    return new NewChange(null, version != null ? ChangeKind.DEPLOY : ChangeKind.OTHER, service, environment,
        version, summary.strip(), author, url, when, details);
  }
}
