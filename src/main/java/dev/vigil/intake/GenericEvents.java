package dev.vigil.intake;

import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import dev.vigil.intake.PayloadReader.Entries;
import dev.vigil.intake.PayloadReader.Overflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads Vigil's own events API: one event, or {@code {"events": [...]}}. The format is Vigil's, so unlike the
 * third-party payloads an unknown field is a mistake worth reporting (a misspelt {@code sumary} would otherwise page
 * with no summary). Documented in docs/api/events.md.
 */
final class GenericEvents {

  static final String SOURCE = "events";

  private static final Set<String> FIELDS = Set.of("fingerprint", "dedup_key", "action", "summary", "severity",
      "labels", "annotations", "links", "starts_at", "ends_at");
  private static final Set<String> LINK_FIELDS = Set.of("href", "text");

  private GenericEvents() {}

  static List<AlertEvent> read(JsonNode body) {
    PayloadReader reader = new PayloadReader();
    JsonNode root = AlertmanagerWebhook.root(body, reader);
    List<AlertEvent> events = new ArrayList<>();
    if (root.has("events")) {
      reader.onlyKnownFields(root, "", Set.of("events"));
      if (PayloadReader.absent(root.get("events"))) {
        reader.problem("events", "expected an array, got null");
      }
      List<JsonNode> given = reader.array(root.get("events"), "events", PayloadReader.MAX_ALERTS, "events");
      for (int i = 0; i < given.size(); i++) {
        String path = "events[" + i + "]";
        JsonNode event = given.get(i).isObject() ? given.get(i) : null;
        if (event == null) {
          reader.problem(path, "expected an object, got " + PayloadReader.kind(given.get(i)));
        } else {
          events.add(event(event, path + ".", reader));
        }
      }
    } else {
      events.add(event(root, "", reader));
    }
    reader.throwIfInvalid();
    return events;
  }

  /** One event; {@code prefix} is where it is ("" or "events[3]."). Null when it has problems. */
  private static AlertEvent event(JsonNode event, String prefix, PayloadReader reader) {
    int problemsBefore = reader.problemCount();
    reader.onlyKnownFields(event, prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), FIELDS);
    String fingerprint = reader.text(event.get("fingerprint"), prefix + "fingerprint",
        PayloadReader.MAX_FINGERPRINT_LENGTH);
    String dedupKey = reader.text(event.get("dedup_key"), prefix + "dedup_key", PayloadReader.MAX_FINGERPRINT_LENGTH);
    if (fingerprint != null && dedupKey != null && !fingerprint.equals(dedupKey)) {
      reader.problem(prefix + "dedup_key", "differs from fingerprint; give one of them");
    }
    fingerprint = blankToNull(fingerprint != null ? fingerprint : dedupKey);

    AlertEvent.Action action = PayloadReader.absent(event.get("action")) ? AlertEvent.Action.TRIGGER
        : action(reader.text(event.get("action"), prefix + "action", 64), prefix, reader);
    String summary = action == AlertEvent.Action.TRIGGER
        ? reader.requiredText(event.get("summary"), prefix + "summary", PayloadReader.MAX_SUMMARY_LENGTH)
        : blankToNull(reader.text(event.get("summary"), prefix + "summary", PayloadReader.MAX_SUMMARY_LENGTH));
    String severity = reader.text(event.get("severity"), prefix + "severity", 64);
    Map<String, String> labels =
        reader.stringMap(event.get("labels"), prefix + "labels", Entries.LABELS, Overflow.REJECT);
    Map<String, String> annotations =
        reader.stringMap(event.get("annotations"), prefix + "annotations", Entries.ANNOTATIONS, Overflow.REJECT);
    List<AlertEvent.Link> links = links(event.get("links"), prefix + "links", reader);
    Instant startsAt = reader.time(event.get("starts_at"), prefix + "starts_at");
    Instant endsAt = reader.time(event.get("ends_at"), prefix + "ends_at");

    if (fingerprint == null && action != null && action != AlertEvent.Action.TRIGGER) {
      reader.problem(prefix + "fingerprint", "is required to " + action.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (action == null || reader.problemCount() > problemsBefore) {
      return null;
    }
    if (fingerprint == null) {
      fingerprint = labels.isEmpty() ? Fingerprints.ofText(summary) : Fingerprints.ofLabels(labels);
    }
    return new AlertEvent(SOURCE, fingerprint, action, summary, AlertSeverity.parse(severity), labels, annotations,
        links, startsAt, action == AlertEvent.Action.RESOLVE ? endsAt : null);
  }

  private static AlertEvent.Action action(String value, String prefix, PayloadReader reader) {
    if (value == null) {
      return null; // not a string: the reader has the problem
    }
    return switch (value) {
      case "trigger" -> AlertEvent.Action.TRIGGER;
      case "acknowledge" -> AlertEvent.Action.ACKNOWLEDGE;
      case "resolve" -> AlertEvent.Action.RESOLVE;
      default -> {
        reader.problem(prefix + "action", "expected trigger, acknowledge or resolve, got '"
            + PayloadReader.truncate(value, 64) + "'");
        yield null;
      }
    };
  }

  private static List<AlertEvent.Link> links(JsonNode node, String path, PayloadReader reader) {
    List<AlertEvent.Link> links = new ArrayList<>();
    List<JsonNode> given = reader.array(node, path, 100, "links");
    for (int i = 0; i < given.size(); i++) {
      String where = path + "[" + i + "]";
      JsonNode link = reader.object(given.get(i), where);
      if (link == null) {
        if (PayloadReader.absent(given.get(i))) {
          reader.problem(where, "expected an object, got null");
        }
        continue;
      }
      reader.onlyKnownFields(link, where, LINK_FIELDS);
      if (PayloadReader.absent(link.get("href"))) {
        reader.problem(where + ".href", "is required");
      }
      String href = reader.webUrl(link.get("href"), where + ".href", true);
      String text = reader.text(link.get("text"), where + ".text", PayloadReader.MAX_VALUE_LENGTH);
      if (href != null) {
        links.add(new AlertEvent.Link(href, Objects.requireNonNullElse(blankToNull(text), href)));
      }
    }
    return links;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
