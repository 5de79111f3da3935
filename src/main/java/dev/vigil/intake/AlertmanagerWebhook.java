package dev.vigil.intake;

import dev.vigil.incident.AlertEvent;
import dev.vigil.incident.AlertSeverity;
import dev.vigil.intake.PayloadReader.Entries;
import dev.vigil.intake.PayloadReader.Overflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads Alertmanager's webhook payload (version 4) into alert events. Grafana's webhook has the same alerts with
 * a few more links, so {@link GrafanaWebhook} reads through here too. Fields Vigil does not use are ignored.
 */
final class AlertmanagerWebhook {

  static final String SOURCE = "alertmanager";

  /** Adds what a sender puts in its alerts beyond Alertmanager's: more links, more annotations. */
  @FunctionalInterface
  interface Extras {
    void add(JsonNode alert, String path, PayloadReader reader, List<AlertEvent.Link> links,
        Map<String, String> annotations);
  }

  private AlertmanagerWebhook() {}

  static List<AlertEvent> read(JsonNode body) {
    PayloadReader reader = new PayloadReader();
    JsonNode root = root(body, reader);
    String version = reader.text(root.get("version"), "version", 64);
    if (version != null && !version.equals("4")) {
      reader.problem("version", "Vigil reads Alertmanager's webhook payload version 4, got '" + version + "'");
    }
    List<AlertEvent> events = alerts(root, reader, SOURCE, (alert, path, r, links, annotations) -> {});
    reader.throwIfInvalid();
    return events;
  }

  /** The body as an object; anything else is a problem that stops reading at once. */
  static JsonNode root(JsonNode body, PayloadReader reader) {
    if (!body.isObject()) {
      reader.problem("body", "expected a JSON object, got " + PayloadReader.kind(body));
      reader.throwIfInvalid();
    }
    return body;
  }

  static List<AlertEvent> alerts(JsonNode root, PayloadReader reader, String source, Extras extra) {
    if (PayloadReader.absent(root.get("alerts"))) {
      reader.problem("alerts", "is required");
      return List.of();
    }
    List<JsonNode> alerts = reader.array(root.get("alerts"), "alerts", PayloadReader.MAX_ALERTS, "alerts");
    List<AlertEvent> events = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      AlertEvent event = alert(alerts.get(i), "alerts[" + i + "]", reader, source, extra);
      if (event != null) {
        events.add(event);
      }
    }
    return events;
  }

  /** One alert; null when it has problems, which the reader then holds. */
  static AlertEvent alert(JsonNode node, String path, PayloadReader reader, String source, Extras extra) {
    if (PayloadReader.absent(node)) {
      reader.problem(path, "expected an object, got null");
      return null;
    }
    JsonNode alert = reader.object(node, path);
    if (alert == null) {
      return null;
    }
    int problemsBefore = reader.problemCount();
    AlertEvent.Action action = action(alert.get("status"), path, reader);
    Map<String, String> labels =
        reader.stringMap(alert.get("labels"), path + ".labels", Entries.LABELS, Overflow.REJECT);
    Map<String, String> annotations =
        reader.stringMap(alert.get("annotations"), path + ".annotations", Entries.ANNOTATIONS, Overflow.TRUNCATE);
    Instant startsAt = reader.time(alert.get("startsAt"), path + ".startsAt");
    Instant endsAt = reader.time(alert.get("endsAt"), path + ".endsAt");
    String fingerprint = reader.text(alert.get("fingerprint"), path + ".fingerprint",
        PayloadReader.MAX_FINGERPRINT_LENGTH);

    List<AlertEvent.Link> links = new ArrayList<>();
    link(links, reader.webUrl(alert.get("generatorURL"), path + ".generatorURL", false), "Source");
    String runbook = annotations.get("runbook_url");
    link(links, runbook != null && runbook.length() < PayloadReader.MAX_VALUE_LENGTH && PayloadReader.isWebUrl(runbook)
        ? runbook : null, "Runbook");
    extra.add(alert, path, reader, links, annotations);

    if (action == null || reader.problemCount() > problemsBefore) {
      return null;
    }
    if (fingerprint == null || fingerprint.isBlank()) {
      fingerprint = Fingerprints.ofLabels(labels);
    }
    return new AlertEvent(source, fingerprint, action, summary(annotations, labels, fingerprint),
        AlertSeverity.parse(labels.get("severity")), labels, annotations, links, startsAt,
        action == AlertEvent.Action.RESOLVE ? endsAt : null);
  }

  private static AlertEvent.Action action(JsonNode node, String path, PayloadReader reader) {
    if (PayloadReader.absent(node)) {
      reader.problem(path + ".status", "is required: firing or resolved");
      return null;
    }
    String status = reader.text(node, path + ".status", 64);
    if (status == null) {
      return null;
    }
    return switch (status) {
      case "firing" -> AlertEvent.Action.TRIGGER;
      case "resolved" -> AlertEvent.Action.RESOLVE;
      default -> {
        reader.problem(path + ".status", "expected firing or resolved, got '" + PayloadReader.truncate(status, 64) + "'");
        yield null;
      }
    };
  }

  /**
   * The line a person reads: the {@code summary} annotation, else {@code description}, else the alert's name, else
   * its labels. Only the first line, cut at 1,024 characters: the whole text stays in the annotations.
   */
  static String summary(Map<String, String> annotations, Map<String, String> labels, String fingerprint) {
    for (String candidate : new String[] {annotations.get("summary"), annotations.get("description"),
        labels.get("alertname")}) {
      String line = firstLine(candidate);
      if (line != null) {
        return PayloadReader.truncate(line, PayloadReader.MAX_SUMMARY_LENGTH);
      }
    }
    if (!labels.isEmpty()) {
      return PayloadReader.truncate(new java.util.TreeMap<>(labels).toString(), PayloadReader.MAX_SUMMARY_LENGTH);
    }
    return "Alert " + fingerprint;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return null;
    }
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
  }

  static void link(List<AlertEvent.Link> links, String href, String text) {
    if (href != null && links.stream().noneMatch(l -> l.href().equals(href))) {
      links.add(new AlertEvent.Link(href, text));
    }
  }
}
